// Authorizer: decides whether a principal may perform an action on a
// resource. Every use case in the service layer asks it first (the one door).
//
// The interface is what the Cedar engine will implement; the interim
// FixedAuthorizer stands in until then. Implementations must be thread-safe:
// the service calls Authorize concurrently from all server threads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/records.h"

namespace sluice::authz {

// What is acted on, in Cedar terms: an entity type and id, e.g.
// {"Principal", "alice"}, {"Token", "3f9a..."}, {"Platform", "five-stage"}.
struct Resource {
  std::string type;
  std::string id;
};

struct Request {
  const store::Principal& principal;
  std::string action;  // e.g. "principal.create"; see service/actions.h
  Resource resource;
  // Facts about the call (client address, interactive or automation, ...).
  std::map<std::string, std::string> context;
};

struct Decision {
  bool allowed = false;
  // Ids of the policies that decided: the satisfied permits on allow, the
  // satisfied forbids on deny; empty on a default deny.
  std::vector<std::string> determining_policies;
  // Ids of policies that failed to evaluate, with messages.
  std::vector<std::string> errors;
};

class Authorizer {
 public:
  virtual ~Authorizer() = default;
  virtual Decision Authorize(const Request& request) const = 0;
};

}  // namespace sluice::authz
