// Authorizer: decides whether a principal may perform an action on a
// resource. Every use case in the service layer asks it first (the one door).
//
// CedarAuthorizer (cedar_authorizer.h) is the implementation: the decision
// is Cedar's, over the policies in force. Implementations must be
// thread-safe: the service calls Authorize concurrently from all server
// threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/records.h"

namespace sluice::authz {

// What is acted on, in Cedar terms: an entity type and id, e.g.
// {"Asset", "discovery/churn/customers"}, {"Principal", "alice"},
// {"Platform", "five-stage"}.
struct Resource {
  std::string type;
  std::string id;
};

// Facts about the resource and the call that policies may use; the service
// fills what it knows.
struct Facts {
  std::string environment;         // the environment acted in ("" if none)
  std::string source_environment;  // a copy's source environment
  // The classification of the data acted on (sorted labels, e.g. "PII").
  std::vector<std::string> classification;
  // For a Session resource: its principal; for a BreakGlass or Promotion
  // request: its requester.
  std::string owner;
  std::optional<bool> approver_is_author;
  std::optional<bool> approver_is_requester;
  // For data: true while the version's scan has not finished (its detected
  // classification is not known yet).
  std::optional<bool> scan_pending;
};

// The just-in-time session a call is made in.
struct SessionFacts {
  std::string id;
  std::string purpose;
  std::string environment;
  bool break_glass = false;
  std::int64_t expires_ms = 0;
};

struct Request {
  const store::Principal& principal;
  std::string action;  // e.g. "asset.read"; see service/actions.h
  Resource resource;
  Facts facts;
  std::string client_address;
  std::int64_t time_ms = 0;
  const SessionFacts* session = nullptr;  // borrowed; null outside a session
};

struct Decision {
  bool allowed = false;
  // Ids of the policies that decided: the satisfied permits on allow, the
  // satisfied forbids on deny; empty on a default deny.
  std::vector<std::string> determining_policies;
  // Policies that failed to evaluate: "id: message".
  std::vector<std::string> errors;
};

class Authorizer {
 public:
  virtual ~Authorizer() = default;
  virtual Decision Authorize(const Request& request) const = 0;
};

}  // namespace sluice::authz
