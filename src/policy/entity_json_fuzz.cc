// libFuzzer target: the entity and request JSON readers must never crash,
// whatever the input (garbage, truncation, deep nesting, huge numbers).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/entity_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)sluice::policy::ParseEntitiesJson(text);
  auto j = sluice::policy::ParseJsonText(text, "fuzz");
  if (j.ok()) {
    (void)sluice::policy::RequestFromJson(*j);
    (void)sluice::policy::ValueFromJson(*j);
  }
  return 0;
}
