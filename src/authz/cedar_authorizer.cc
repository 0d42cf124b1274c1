#include "authz/cedar_authorizer.h"

#include "policy/authorizer.h"

namespace sluice::authz {

CedarAuthorizer::CedarAuthorizer(const platform::Platform& platform, const policy::Schema& schema)
    : builder_(EntityBuilder::Make(platform, schema.ActionEntities())),
      in_force_(std::make_shared<const InForce>()) {}

void CedarAuthorizer::Install(std::int64_t version, policy::PolicySet policies) {
  auto next = std::make_shared<InForce>();
  next->version = version;
  next->policies = std::move(policies);
  in_force_.store(std::move(next));
}

std::int64_t CedarAuthorizer::version() const {
  return in_force_.load()->version;
}

Decision CedarAuthorizer::Authorize(const Request& request) const {
  const std::shared_ptr<const InForce> in_force = in_force_.load();
  policy::Request cedar;
  std::vector<policy::Entity> entities;
  builder_.Build(request, cedar, entities);
  Decision decision;
  Result<policy::EntityStore> store = policy::EntityStore::Make(std::move(entities));
  if (!store.ok()) {
    // Only a duplicate uid fails here (e.g. a resource named like an
    // environment entity): deny, and say why.
    decision.errors.push_back("entities: " + store.status().message());
    return decision;
  }
  const policy::Response response = policy::IsAuthorized(cedar, *store, in_force->policies);
  decision.allowed = response.decision == policy::Decision::kAllow;
  decision.determining_policies = response.reasons;
  for (const auto& e : response.errors) decision.errors.push_back(e.policy_id + ": " + e.message);
  return decision;
}

}  // namespace sluice::authz
