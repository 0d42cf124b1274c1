// Types of the policy validator (Cedar's strict-mode type system) and the
// schema facts the type checker needs, precomputed once per validation.
//
// Types: Bool with a singleton refinement (True, False or any Bool), Long,
// String, an entity type, Set of a type, a record (attributes with a
// required/optional flag) and the extension types (ipaddr, decimal,
// datetime, duration). Strict mode has no union types: the least upper bound
// of two types exists only when they agree structurally (Bool singletons
// widen to Bool; records need the same attribute names and optionality).
//
// Thread-safety: VType values are immutable once built (shared children);
// ValidatorSchema is built once and then only read.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "policy/entity_uid.h"
#include "policy/schema.h"

namespace sluice::policy {

enum class BoolType : uint8_t { kTrue, kFalse, kAny };

struct VAttr;

struct VType {
  enum class Kind : uint8_t { kBool, kLong, kString, kEntity, kSet, kRecord, kExt };
  Kind kind = Kind::kBool;
  BoolType b = BoolType::kAny;                      // kBool
  std::string name;                                 // kEntity: type; kExt: ipaddr|decimal|...
  std::shared_ptr<const VType> elem;                // kSet
  std::shared_ptr<const std::vector<VAttr>> attrs;  // kRecord, sorted by name

  static VType Bool(BoolType b);
  static VType Long();
  static VType String();
  static VType Entity(std::string type);
  static VType Ext(std::string name);
  static VType Set(VType elem);
  static VType Record(std::vector<VAttr> fields);  // sorts by name
  // A schema type (already resolved by Schema) as a validator type.
  static VType FromSchema(const SchemaType& t);

  bool IsBool() const { return kind == Kind::kBool; }
  bool IsBool(BoolType v) const { return kind == Kind::kBool && b == v; }
  // Attribute of a record type; nullptr when absent. Precondition: kRecord.
  const VAttr* FindAttr(const std::string& a) const;
  // Cedar-like spelling for messages: `Bool`, `True`, `Set<Long>`, `User`, `{a?: Long}`.
  std::string ToString() const;
};

struct VAttr {
  std::string name;
  VType type;
  bool required = true;
};

bool TypeEquals(const VType& a, const VType& b);
// Strict-mode least upper bound; nullopt when the types are incompatible.
std::optional<VType> Lub(const VType& a, const VType& b);

// Schema facts for the type checker: entity types with their transitive
// ancestor types, attribute record and tag type; actions with transitive
// ancestors, applicability and context.
struct ValidatorSchema {
  struct EntityInfo {
    VType attrs;                // a record (empty for enumerated types)
    std::optional<VType> tags;  // nullopt: the type has no tags
    std::set<std::string> ancestors;
    std::set<std::string> enum_ids;  // non-empty for enumerated entity types
  };
  struct ActionInfo {
    std::set<EntityUid> ancestors;
    std::vector<std::string> principals;
    std::vector<std::string> resources;
    VType context;
  };
  std::map<std::string, EntityInfo> entities;
  std::map<EntityUid, ActionInfo> actions;
  std::set<std::string> action_types;  // entity types of the declared actions

  explicit ValidatorSchema(const Schema& schema);

  // An entity literal the schema knows: a declared action, or an entity of a
  // declared type (with a declared id when the type is enumerated).
  bool IsValidUid(const EntityUid& uid) const;
  // Entities of type `a` may be descendants of entities of type `b`.
  bool TypeDescendentOf(const std::string& a, const std::string& b) const;
  // Action `a` is `b` or one of its transitive descendants.
  bool ActionDescendentOf(const EntityUid& a, const EntityUid& b) const;
};

}  // namespace sluice::policy
