// PolicySet: parsed static policies, templates, and template-linked
// policies, with the scope index used by the authorizer.
//
// Ownership: owns all policies. Build it (Parse/Add/Link) on one thread, then
// share it as const: every const method is safe to call concurrently. To
// replace the policies in a running system, build a new PolicySet and swap a
// pointer to it atomically (e.g. std::atomic<std::shared_ptr<const
// PolicySet>>); readers keep the old one alive until they finish.
//
// Invariants: ids are unique across static policies, templates and links;
// templates are never evaluated directly; links are complete (no open slots).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "policy/ast.h"
#include "policy/policy_index.h"

namespace sluice::policy {

class PolicySet {
 public:
  PolicySet() = default;
  PolicySet(PolicySet&&) = default;
  PolicySet& operator=(PolicySet&&) = default;

  // Parses `text`; ids are policy0, policy1, ... in file order.
  static Result<PolicySet> Parse(std::string_view text, std::string_view filename = "policies");

  // Adds a static policy or a template (one with ?principal / ?resource).
  Status Add(std::unique_ptr<Policy> p);

  // Links template `template_id` as a new policy `new_id`, filling its slots.
  Status Link(std::string_view template_id, std::string_view new_id,
              const std::optional<EntityUid>& principal, const std::optional<EntityUid>& resource);

  // Static and linked policies, in insertion order (what the authorizer runs).
  const std::vector<std::unique_ptr<Policy>>& policies() const { return policies_; }
  const std::vector<std::unique_ptr<Policy>>& templates() const { return templates_; }
  const Policy* Find(std::string_view id) const;
  const PolicyIndex& index() const { return index_; }

 private:
  std::vector<std::unique_ptr<Policy>> policies_;
  std::vector<std::unique_ptr<Policy>> templates_;
  std::unordered_map<std::string, const Policy*> by_id_;
  PolicyIndex index_;
};

}  // namespace sluice::policy
