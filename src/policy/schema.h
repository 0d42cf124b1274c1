// Schema: Cedar schemas, in the human-readable `.cedarschema` format
// (schema.cc) and the JSON format (schema_json.cc).
//
// What it holds: entity types (parents, attribute shape, tags type, enum
// ids), actions (uid, parents, appliesTo principal/resource types, context
// shape) and common types, all with fully qualified names.
//
// What it is used for now: schema-directed JSON parsing (entity references
// and extension values written without `__entity`/`__extn`, as Cedar allows
// when a schema is given) and the action hierarchy (action entities come from
// the schema). Policy validation against it is in validator.h.
//
// Thread-safety: immutable after Parse; concurrent reads are safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "policy/entities.h"
#include "policy/entity_uid.h"

namespace sluice::policy {

struct SchemaAttr;

struct SchemaType {
  enum class Kind { kBool, kLong, kString, kEntity, kSet, kRecord, kExt, kRef };
  Kind kind = Kind::kRecord;
  std::string name;                 // kEntity: entity type; kExt: ipaddr|decimal|...;
                                    // kRef: unresolved name (resolved after parsing)
  std::string ns;                   // kRef: namespace it was written in
  bool entity_only = false;         // kRef: must name an entity type (JSON "Entity")
  bool additional_attrs = false;    // kRecord: attributes beyond `attrs` are allowed
  std::vector<SchemaType> element;  // kSet: exactly one
  std::vector<SchemaAttr> attrs;    // kRecord, sorted by name
};

struct SchemaAttr {
  std::string name;
  SchemaType type;
  bool required = true;
};

struct EntityTypeDecl {
  std::string name;  // fully qualified
  std::vector<std::string> member_of;
  SchemaType shape;  // a record
  std::optional<SchemaType> tags;
  std::vector<std::string> enum_ids;  // non-empty for enumerated entity types
};

struct ActionDecl {
  EntityUid uid;
  std::vector<EntityUid> member_of;
  std::vector<std::string> principals;
  std::vector<std::string> resources;
  SchemaType context;  // a record
  bool has_applies_to = false;
};

class Schema {
 public:
  static Result<Schema> ParseCedar(std::string_view text, std::string_view filename = "schema");
  // The JSON schema format: {"Namespace": {"entityTypes": {...}, "actions": {...},
  // "commonTypes": {...}}, ...}.
  static Result<Schema> ParseJson(std::string_view text, std::string_view filename = "schema");

  const EntityTypeDecl* FindEntityType(std::string_view name) const;
  const ActionDecl* FindAction(const EntityUid& uid) const;
  const std::map<std::string, EntityTypeDecl>& entity_types() const { return entity_types_; }
  const std::vector<ActionDecl>& actions() const { return actions_; }

  // The action entities the schema declares, with their parents.
  std::vector<Entity> ActionEntities() const;

 private:
  friend class SchemaParser;
  friend class SchemaJsonParser;
  Status Resolve();
  Status ResolveType(SchemaType* t, int depth) const;

  std::map<std::string, EntityTypeDecl> entity_types_;
  std::vector<ActionDecl> actions_;
  std::map<std::string, SchemaType> common_types_;
};

}  // namespace sluice::policy
