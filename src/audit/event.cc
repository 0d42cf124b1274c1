#include "audit/event.h"

#include "common/clock.h"

namespace sluice::audit {

nlohmann::json ToJson(const Event& e) {
  return {
      {"time", FormatRfc3339Millis(e.time_ms)},
      {"request_id", e.request_id},
      {"principal", {{"name", e.principal}, {"kind", e.principal_kind}}},
      {"action", e.action},
      {"resource", {{"type", e.resource_type}, {"id", e.resource_id}}},
      {"environment", e.environment},
      {"decision", e.allowed ? "allow" : "deny"},
      {"determining_policies", e.determining_policies},
      {"policy_errors", e.policy_errors},
      {"outcome", e.outcome},
      {"client_address", e.client_address},
      {"user_agent", e.user_agent},
      {"details", e.details},
  };
}

}  // namespace sluice::audit
