// libFuzzer target: alert rule files (YAML) must never crash the parser, and
// whatever parses must build an engine that can observe an event.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "alert/engine.h"
#include "alert/rule_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sluice::alert;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rules = ParseAlertRules(text, "fuzz.yaml");
  if (!rules.ok()) return 0;
  auto engine = AlertEngine::Make(*rules);
  if (!engine.ok()) return 0;
  nlohmann::json event = {{"action", "asset.read"},
                          {"decision", "deny"},
                          {"principal", {{"name", "p"}, {"kind", "user"}}},
                          {"details", {{"bytes_read", 10}, {"classification", {"PCI"}}}},
                          {"time_ms", 1000}};
  (void)(*engine)->Observe(event);
  return 0;
}
