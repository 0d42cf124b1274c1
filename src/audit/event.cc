#include "audit/event.h"

#include "common/clock.h"
#include "common/json_writer.h"

namespace sluice::audit {

std::string ToJsonLine(const Event& e) {
  std::string out;
  out.reserve(512);
  JsonWriter w(out);
  w.BeginObject();
  w.Key("action").String(e.action);
  w.Key("client_address").String(e.client_address);
  w.Key("decision").String(e.allowed ? "allow" : "deny");
  w.Key("details");
  if (e.details.is_object() && e.details.empty()) {
    w.Raw("{}");
  } else {
    w.Raw(e.details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  w.Key("determining_policies").StringArray(e.determining_policies);
  w.Key("environment").String(e.environment);
  w.Key("outcome").String(e.outcome);
  w.Key("policy_errors").StringArray(e.policy_errors);
  w.Key("principal").BeginObject();
  w.Key("kind").String(e.principal_kind);
  w.Key("name").String(e.principal);
  w.EndObject();
  w.Key("request_id").String(e.request_id);
  w.Key("resource").BeginObject();
  w.Key("id").String(e.resource_id);
  w.Key("type").String(e.resource_type);
  w.EndObject();
  w.Key("time").String(FormatRfc3339Millis(e.time_ms));
  w.Key("user_agent").String(e.user_agent);
  w.EndObject();
  return out;
}

}  // namespace sluice::audit
