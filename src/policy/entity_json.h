// Cedar JSON formats: entities, values, entity uids, contexts and requests.
//
// Values: true/false -> bool; integers -> long (read as 64-bit integers, never
// through a double; floats and out-of-range integers are errors); strings;
// arrays -> sets; objects -> records, except the escapes
// `{"__entity": {"type": T, "id": I}}` and
// `{"__extn": {"fn": "ip"|"decimal"|"datetime"|"duration", "arg": S}}`.
// With a schema, a value whose declared type is an entity may be written as
// `{"type": T, "id": I}` and an extension value as its plain string, as
// Cedar allows.
//
// Entity uids (uid, parents, request fields) accept `{"type", "id"}` and
// `{"__entity": {...}}`.
//
// Nesting is bounded (kMaxJsonDepth); errors name the JSON path.
//
// Thread-safety: stateless functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "policy/entities.h"
#include "policy/request.h"
#include "policy/schema.h"
#include "policy/value.h"

namespace sluice::policy {

inline constexpr int kMaxJsonDepth = 128;

// Parses JSON text, reporting syntax errors with their byte offset.
Result<nlohmann::json> ParseJsonText(std::string_view text, std::string_view what);

Result<EntityUid> EntityUidFromJson(const nlohmann::json& j);

// `type` (optional) is the schema type expected at this position.
Result<Value> ValueFromJson(const nlohmann::json& j, const SchemaType* type = nullptr);

// Parses a JSON array of entities. With a schema, attributes and tags are read
// by their declared types and the schema's action entities (with the action
// hierarchy) are added.
Result<std::vector<Entity>> EntitiesFromJson(const nlohmann::json& j, const Schema* schema);
Result<EntityStore> ParseEntitiesJson(std::string_view text, const Schema* schema = nullptr);

// A context object; with a schema, read by the action's declared context type.
Result<Value> ContextFromJson(const nlohmann::json& j, const Schema* schema,
                              const EntityUid& action);

// {"principal": uid, "action": uid, "resource": uid, "context": {...}}.
Result<Request> RequestFromJson(const nlohmann::json& j, const Schema* schema = nullptr);

}  // namespace sluice::policy
