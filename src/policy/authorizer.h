// Authorizer: Cedar's authorization algorithm.
//
//   - Only policies whose scope can match are evaluated (PolicyIndex).
//   - A policy whose condition raises an error is not satisfied and is listed
//     in `errors` (so an erroring forbid does not deny).
//   - Any satisfied forbid => Deny, reasons = the satisfied forbids.
//   - Else any satisfied permit => Allow, reasons = the satisfied permits.
//   - Else Deny with no reasons (default deny).
//
// Thread-safety: IsAuthorized only reads its arguments; any number of threads
// may call it concurrently on the same PolicySet and EntityStore.
#pragma once

#include <string>
#include <vector>

#include "policy/entities.h"
#include "policy/policy_set.h"
#include "policy/request.h"

namespace sluice::policy {

enum class Decision { kAllow, kDeny };

struct PolicyError {
  std::string policy_id;
  std::string message;
};

struct Response {
  Decision decision = Decision::kDeny;
  std::vector<std::string> reasons;  // ids, in policy-set order
  std::vector<PolicyError> errors;   // in policy-set order
};

Response IsAuthorized(const Request& req, const EntityStore& store, const PolicySet& policies);

// Same answer, evaluating every policy (no index). Used to test the index.
Response IsAuthorizedFullScan(const Request& req, const EntityStore& store,
                              const PolicySet& policies);

}  // namespace sluice::policy
