// Event: one audit record. Every authorization decision (allow and deny) and
// every change Sluice makes is one Event, written by the service layer.
//
// The JSON form (ToJsonLine) is the interim on-disk and API format; the
// tamper-evident log of issue 5 will canonicalize it (RFC 8785).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sluice::audit {

struct Event {
  std::int64_t time_ms = 0;  // UTC, ms since epoch
  std::string request_id;
  std::string principal;       // name; "" when unauthenticated
  std::string principal_kind;  // "user" | "service" | ""
  std::string action;          // e.g. "principal.create", "authenticate"
  std::string resource_type;
  std::string resource_id;
  std::string environment;  // "" when the action is not about one
  bool allowed = false;
  std::vector<std::string> determining_policies;
  std::vector<std::string> policy_errors;
  std::string outcome = "ok";  // "ok" or a StatusCodeName
  std::string client_address;
  std::string user_agent;
  nlohmann::json details = nlohmann::json::object();  // action-specific facts
};

// One line of JSON (no trailing newline), keys in lexicographic order so
// that equal events serialize to equal bytes. Written without building a
// document tree: it runs for every request.
std::string ToJsonLine(const Event& event);

}  // namespace sluice::audit
