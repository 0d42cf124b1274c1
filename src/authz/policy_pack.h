// Policy packs: sets of Cedar policy files, compiled and validated against
// Sluice's schema before anything uses them.
//
// A pack is a list of files (store::PolicyFile). Compiling one parses each
// file, names each policy by its `@id("...")` annotation (required: ids are
// what audit events cite as the determining policies, so they must be
// stable and readable), refuses duplicate ids across files, and validates
// every policy in strict mode against the schema. Any problem fails the
// whole pack, naming the file, the policy and the position: a push that
// fails changes nothing.
//
// The default pack is policies/*.cedar, embedded at build time; it is
// written against environment attributes (track, data, mode, final), so the
// one pack serves every platform template (docs/policies.md).
//
// Thread-safety: functions only; the results are values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "policy/policy_set.h"
#include "policy/schema.h"
#include "store/control_records.h"

namespace sluice::authz {

// policies/*.cedar, sorted by name.
std::vector<store::PolicyFile> DefaultPolicyFiles();
// policies/sluice.cedarschema, parsed (it is part of the build; a schema
// that does not parse fails the authz tests).
Result<policy::Schema> SluiceSchema();
std::string_view SluiceSchemaText();

// Parses and validates `files` against `schema`. kInvalidArgument with every
// problem, one per line, each "FILE: ...".
Result<policy::PolicySet> CompilePolicies(const std::vector<store::PolicyFile>& files,
                                          const policy::Schema& schema);

namespace internal {
std::vector<store::PolicyFile> EmbeddedPolicyFiles();
std::string_view EmbeddedSchema();
}  // namespace internal

}  // namespace sluice::authz
