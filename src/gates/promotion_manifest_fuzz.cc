// libFuzzer entry point: any bytes given to ParsePromotionManifest must yield a manifest or an
// InvalidArgument, never a crash, a hang or a sanitizer report; and a manifest it accepts must be
// usable as promised (every regex compiles, every bound is ordered, the caps hold). Seed corpus:
// tests/fuzz/promotion_manifest/.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/status.h"
#include "gates/promotion_manifest.h"
#include "gates/regex_matcher.h"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sluice::gates;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sluice::Result<PromotionManifest> manifest = ParsePromotionManifest(text);
  if (!manifest.ok()) {
    Require(manifest.status().code() == sluice::StatusCode::kInvalidArgument);
    Require(!manifest.status().message().empty());
    return 0;
  }
  Require(manifest->expectations.size() <= kMaxSuites);
  for (const ExpectationSuite& suite : manifest->expectations) {
    Require(suite.columns.size() <= kMaxColumnsPerSuite);
    Require(!suite.min_rows || !suite.max_rows || *suite.min_rows <= *suite.max_rows);
    for (const ColumnExpectation& column : suite.columns) {
      if (column.regex) Require(RegexMatcher::Compile(*column.regex).ok());
      if (column.range && column.range->min && column.range->max) {
        Require(*column.range->min <= *column.range->max);
      }
      if (column.allowed) Require(column.allowed->size() <= kMaxAllowedValues);
    }
  }
  for (const auto& rule : manifest->metrics) {
    Require(!rule.min || !rule.max || *rule.min <= *rule.max);
  }
  return 0;
}
