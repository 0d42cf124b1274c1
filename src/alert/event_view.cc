#include "alert/event_view.h"

#include "common/clock.h"

namespace sluice::alert {

nlohmann::json EventView(const audit::Event& e) {
  nlohmann::json v = nlohmann::json::object();
  v["action"] = e.action;
  v["client_address"] = e.client_address;
  v["decision"] = e.allowed ? "allow" : "deny";
  v["details"] = e.details;
  v["determining_policies"] = e.determining_policies;
  v["environment"] = e.environment;
  v["outcome"] = e.outcome;
  v["policy_errors"] = e.policy_errors;
  v["principal"] = {{"kind", e.principal_kind}, {"name", e.principal}};
  v["request_id"] = e.request_id;
  v["resource"] = {{"id", e.resource_id}, {"type", e.resource_type}};
  if (e.session) {
    v["session"] = {{"break_glass", e.session->break_glass},
                    {"environment", e.session->environment},
                    {"id", e.session->id},
                    {"purpose", e.session->purpose}};
  } else {
    v["session"] = nullptr;
  }
  v["time"] = FormatRfc3339Millis(e.time_ms);
  v["time_ms"] = e.time_ms;
  v["user_agent"] = e.user_agent;
  return v;
}

}  // namespace sluice::alert
