// CedarAuthorizer: the Authorizer of a running server. Every decision is
// Cedar's (src/policy) over the policy set in force, with the request's
// entities built by EntityBuilder.
//
// The policy set in force is swapped as a whole (Install) when an admin
// pushes or rolls back policies; a decision in flight finishes on the set it
// started with. An unknown environment, resource type or attribute never
// allows anything: Cedar denies by default, and a policy that errors is
// not satisfied (its id is listed in the decision's errors).
//
// Thread-safety: Authorize and Install may run concurrently from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "authz/authorizer.h"
#include "authz/entity_builder.h"
#include "policy/policy_set.h"
#include "policy/schema.h"

namespace sluice::authz {

class CedarAuthorizer final : public Authorizer {
 public:
  // Starts with no policies (everything denied) until Install. `schema`
  // supplies the action groups.
  CedarAuthorizer(const platform::Platform& platform, const policy::Schema& schema);

  // Puts `policies` (compiled by CompilePolicies) in force as `version`.
  void Install(std::int64_t version, policy::PolicySet policies);
  // The version in force; 0 before the first Install.
  std::int64_t version() const;

  Decision Authorize(const Request& request) const override;

 private:
  struct InForce {
    std::int64_t version = 0;
    policy::PolicySet policies;
  };

  const EntityBuilder builder_;
  std::atomic<std::shared_ptr<const InForce>> in_force_;
};

}  // namespace sluice::authz
