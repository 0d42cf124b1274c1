// libFuzzer entry point: any bytes given to ParsePlatform must yield a Platform or diagnostics,
// never a crash, a hang or a sanitizer report. Seed corpus: tests/fuzz/platform/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "platform/parser.h"
#include "platform/render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sluice::platform::ParseOutcome outcome = sluice::platform::ParsePlatform(text, "fuzz.yaml");
  // A parse result must be usable: rendering touches every field the parser filled in.
  if (outcome.platform) {
    (void)sluice::platform::ToText(*outcome.platform);
    (void)sluice::platform::ToJson(*outcome.platform).dump();
  }
  for (const sluice::platform::Diagnostic& d : outcome.diagnostics) {
    (void)sluice::platform::ToJson(d).dump();
  }
  return 0;
}
