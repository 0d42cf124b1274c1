// Alert: one firing of an alert rule (rule.h) for one group of audit events, as the engine
// (engine.h) produces it, the store (alert_store.h) keeps it and the webhook
// (webhook_notifier.h) delivers it.
//
// Its JSON form (AlertToJson) is what the webhook POSTs and what a future `/api/v1/alerts`
// would return:
//
//   {"id":"<32 hex>","rule_id":"denial-burst","severity":"warning","description":"...",
//    "group":{"principal.name":"mallory"},"value":20,"threshold":20,
//    "first":"2025-11-26T07:06:44.123Z","first_ms":..,"fired":"...","fired_ms":..,
//    "request_ids":["req-1",...],"state":"open","acked_by":"","acked_ms":null,
//    "ack_comment":"","delivery":{"attempts":0,"delivered_ms":null,"last_error":""}}
//
// Thread-safety: values; no shared state.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::alert {

inline constexpr std::string_view kStateOpen = "open";
inline constexpr std::string_view kStateAcknowledged = "acknowledged";

// At most this many request ids are kept per alert (the most recent contributing ones).
inline constexpr std::size_t kMaxAlertRequestIds = 10;

struct AlertDelivery {
  int attempts = 0;                          // webhook POSTs made so far
  std::optional<std::int64_t> delivered_ms;  // when a POST got a 2xx; none until then
  std::string last_error;                    // of the last failed attempt; "" if none

  friend bool operator==(const AlertDelivery&, const AlertDelivery&) = default;
};

struct Alert {
  std::string id;  // 32 lowercase hex digits (16 random bytes)
  std::string rule_id;
  std::string severity;  // "info" | "warning" | "critical"
  std::string description;
  // The group the rule counted in: group_by path -> value (null when the event lacked it);
  // an empty object for a rule without group_by.
  nlohmann::json group = nlohmann::json::object();
  double value = 0;                      // the aggregate (count or sum) when the rule fired
  double threshold = 0;                  // the rule's threshold
  std::int64_t first_ms = 0;             // time of the earliest event counted
  std::int64_t fired_ms = 0;             // time of the event that made it fire
  std::vector<std::string> request_ids;  // up to kMaxAlertRequestIds, oldest first
  std::string state = std::string(kStateOpen);
  std::string acked_by;  // "" while open
  std::optional<std::int64_t> acked_ms;
  std::string ack_comment;
  AlertDelivery delivery;

  friend bool operator==(const Alert&, const Alert&) = default;
};

// The JSON form above. Never throws: strings are kept as JSON strings (invalid UTF-8 is only
// replaced when the JSON is serialized, see DumpJson).
nlohmann::json AlertToJson(const Alert& alert);

// Compact JSON text that never throws: invalid UTF-8 in strings becomes U+FFFD.
std::string DumpJson(const nlohmann::json& json);

}  // namespace sluice::alert
