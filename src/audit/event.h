// Event: one audit record. Every authorization decision (allow and deny) and
// every change Sluice makes is one Event, written by the service layer.
// Its stored form is the canonical JSON of auditlog/canonical.h
// (docs/audit-format.md).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sluice::audit {

// The just-in-time session a request was made in (issue 6): every event of
// a session carries its id and purpose, so an auditor sees why access was
// open. Break-glass sessions are marked: every action in one raises an alert.
struct SessionRef {
  std::string id;
  std::string purpose;
  std::string environment;
  bool break_glass = false;

  friend bool operator==(const SessionRef&, const SessionRef&) = default;
};

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
  std::optional<SessionRef> session;                  // none outside a session
};

}  // namespace sluice::audit
