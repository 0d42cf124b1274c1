// libFuzzer target: the canonical event reader must never crash, its fast
// scan must agree with the full parse, and whatever it accepts must be
// canonical: writing the parsed event again gives the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "auditlog/canonical.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sluice::auditlog;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  auto stored = ParseStoredEvent(line);
  auto link = ScanStoredEvent(line);
  if (stored.ok() != link.ok()) __builtin_trap();
  if (!stored.ok()) return 0;
  if (link->seq != stored->seq || link->prev_hex != stored->prev) __builtin_trap();
  auto again = CanonicalEvent(stored->event, stored->seq, stored->prev);
  if (!again.ok() || *again != line) __builtin_trap();
  return 0;
}
