// EntityStore: the entities of one authorization request, with attributes,
// parents, tags and the precomputed transitive closure of the parent
// relation, so `a in b` is a hash lookup.
//
// Ownership: the store owns its entities. Built once by Make() (which
// computes ancestors), then immutable.
//
// Invariants: uids are unique; ancestors(e) is the set of all entities
// reachable from e through parents (parents that are not themselves in the
// store are still ancestors, but contribute no ancestors of their own).
//
// Thread-safety: immutable after Make(); concurrent reads are safe.
#pragma once

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "policy/entity_uid.h"
#include "policy/value.h"

namespace sluice::policy {

struct Entity {
  EntityUid uid;
  Value attrs = Value::EmptyRecord();  // a record
  std::vector<EntityUid> parents;
  Value tags = Value::EmptyRecord();                       // a record (tag name -> value)
  std::unordered_set<EntityUid, EntityUidHash> ancestors;  // filled by EntityStore::Make
};

class EntityStore {
 public:
  EntityStore() = default;

  // Fails on duplicate uids. Cycles in the parent relation are allowed (the
  // closure simply contains the cycle).
  static Result<EntityStore> Make(std::vector<Entity> entities);

  const Entity* Find(const EntityUid& uid) const {
    auto it = entities_.find(uid);
    return it == entities_.end() ? nullptr : &it->second;
  }

  // Cedar's `in` on two entities: equal, or `ancestor` is an ancestor of
  // `child`.
  bool In(const EntityUid& child, const EntityUid& ancestor) const {
    if (child == ancestor) return true;
    const Entity* e = Find(child);
    return e != nullptr && e->ancestors.count(ancestor) > 0;
  }

  size_t size() const { return entities_.size(); }
  const std::unordered_map<EntityUid, Entity, EntityUidHash>& all() const { return entities_; }

 private:
  std::unordered_map<EntityUid, Entity, EntityUidHash> entities_;
};

}  // namespace sluice::policy
