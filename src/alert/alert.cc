#include "alert/alert.h"

#include "common/clock.h"

namespace sluice::alert {
namespace {

nlohmann::json OptionalMs(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(*ms) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json AlertToJson(const Alert& a) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = a.id;
  j["rule_id"] = a.rule_id;
  j["severity"] = a.severity;
  j["description"] = a.description;
  j["group"] = a.group;
  j["value"] = a.value;
  j["threshold"] = a.threshold;
  j["first"] = FormatRfc3339Millis(a.first_ms);
  j["first_ms"] = a.first_ms;
  j["fired"] = FormatRfc3339Millis(a.fired_ms);
  j["fired_ms"] = a.fired_ms;
  j["request_ids"] = a.request_ids;
  j["state"] = a.state;
  j["acked_by"] = a.acked_by;
  j["acked_ms"] = OptionalMs(a.acked_ms);
  j["ack_comment"] = a.ack_comment;
  j["delivery"] = {{"attempts", a.delivery.attempts},
                   {"delivered_ms", OptionalMs(a.delivery.delivered_ms)},
                   {"last_error", a.delivery.last_error}};
  return j;
}

std::string DumpJson(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sluice::alert
