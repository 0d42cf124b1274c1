// Policy validation: Cedar's strict-mode type checker of policies against a
// schema (what `cedar validate` does, and what `shouldValidate` in Cedar's
// conformance data records).
//
// For every policy and template it checks, and reports as errors:
//  * every entity type, action and enum entity the policy names is declared;
//  * the scope can apply: some declared action it names applies to a
//    principal type and a resource type its scope allows;
//  * the policy type checks, as a Bool, in every request environment
//    (principal type, action, resource type) of the schema: see typecheck.h
//    for the rules (strict mode: no mixed sets, `==` and `if` on compatible
//    types, attributes declared, optional attributes and tags guarded by
//    `has`/`hasTag`, extension constructors on valid literals, ...).
// Policies that are False in every environment ("impossible policies") are
// only a warning in Cedar: they go to `warnings`, which do not fail `ok()`.
//
// Thread-safety: stateless; reads its arguments only, so it may run
// concurrently with anything else that only reads them.
#pragma once

#include <string>
#include <vector>

#include "policy/policy_set.h"
#include "policy/schema.h"

namespace sluice::policy {

struct ValidationError {
  std::string policy_id;
  std::string message;
  int line = 0;  // source position if known (0 = unknown)
  int column = 0;
  // "policy0:3:17: message" (or "policy0: message" without a position).
  std::string ToString() const;
};

struct ValidationResult {
  std::vector<ValidationError> errors;
  std::vector<ValidationError> warnings;  // impossible policies; do not affect ok()
  bool ok() const { return errors.empty(); }
};

// Validates every static policy, template and template link of `policies`
// against `schema` in strict mode.
ValidationResult Validate(const PolicySet& policies, const Schema& schema);

}  // namespace sluice::policy
