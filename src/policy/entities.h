// EntityStore: the entities of one authorization request, with attributes,
// parents, tags and the precomputed transitive closure of the parent
// relation, so `a in b` is a binary search over integers.
//
// Representation (built once by Make, then read-only):
//   - Every uid the store knows (each entity, and each parent that is not
//     itself an entity, a "dangling" parent) gets a dense node id: entities
//     are 0..size()-1 in input order, dangling parents follow.
//   - Each node carries a 64-bit hash of its uid (UidHash64). Lookups by uid
//     go through an open-addressing table of node ids keyed by that hash and
//     confirm with one uid comparison.
//   - The ancestors of entity n are one slice of a flat array, sorted by
//     (hash, node): `x in y` searches y's hash in x's slice and confirms the
//     uid. The policy index looks up policies by these precomputed hashes, so
//     a decision hashes each request uid once and no ancestor uid at all.
//
// Ownership: the store owns its entities. Invariants: uids are unique;
// ancestors(e) is the set of all uids reachable from e through parents
// (parents that are not themselves in the store are still ancestors, but
// contribute no ancestors of their own); an entity on a cycle is its own
// ancestor.
//
// Thread-safety: immutable after Make(); concurrent reads are safe. Copies
// and moves are safe (no internal pointers).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "policy/entity_uid.h"
#include "policy/value.h"

namespace sluice::policy {

struct Entity {
  EntityUid uid;
  Value attrs = Value::EmptyRecord();  // a record
  std::vector<EntityUid> parents;
  Value tags = Value::EmptyRecord();  // a record (tag name -> value)
};

// A 64-bit hash of an entity type or id string, and of a uid (from the two
// string hashes). Equal uids hash equal; used as pre-filter keys everywhere,
// always confirmed by comparing uids.
uint64_t StrHash64(std::string_view s);
inline uint64_t CombineUidHash(uint64_t type_hash, uint64_t id_hash) {
  uint64_t h = type_hash ^ (id_hash + 0x9e3779b97f4a7c15ULL + (type_hash << 6) + (type_hash >> 2));
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}
inline uint64_t UidHash64(const EntityUid& u) {
  return CombineUidHash(StrHash64(u.type), StrHash64(u.id));
}

class EntityStore {
 public:
  using Node = uint32_t;
  static constexpr Node kNoNode = UINT32_MAX;

  EntityStore() = default;

  // Fails on duplicate uids. Cycles in the parent relation are allowed (the
  // closure simply contains the cycle).
  static Result<EntityStore> Make(std::vector<Entity> entities);

  const Entity* Find(const EntityUid& uid) const { return Find(uid, UidHash64(uid)); }
  // Same, with the uid's precomputed UidHash64.
  const Entity* Find(const EntityUid& uid, uint64_t hash) const {
    Node n = FindNode(uid, hash);
    return n < entities_.size() ? &entities_[n] : nullptr;
  }

  // The node of `uid` (an entity or a dangling parent), or kNoNode.
  Node FindNode(const EntityUid& uid, uint64_t hash) const;
  // The entity of node `n`; nullptr for kNoNode and dangling parents.
  const Entity* EntityAt(Node n) const { return n < entities_.size() ? &entities_[n] : nullptr; }
  // The node of an entity (precondition: `e` belongs to this store).
  Node NodeOf(const Entity& e) const { return static_cast<Node>(&e - entities_.data()); }

  // Cedar's `in` on two entities: equal, or `ancestor` is an ancestor of
  // `child`.
  bool In(const EntityUid& child, const EntityUid& ancestor) const {
    if (child == ancestor) return true;
    Node n = FindNode(child, UidHash64(child));
    return n != kNoNode && HasAncestor(n, ancestor, UidHash64(ancestor));
  }
  // Whether `ancestor` (with its UidHash64) is a strict ancestor of node `n`
  // (kNoNode: never).
  bool HasAncestor(Node n, const EntityUid& ancestor, uint64_t ancestor_hash) const;
  // The sorted UidHash64 of the ancestors of node `n` (empty for kNoNode and
  // dangling parents); may contain equal hashes of distinct uids.
  std::span<const uint64_t> AncestorHashes(Node n) const {
    if (n >= entities_.size()) return {};
    return {anc_hash_.data() + anc_begin_[n], anc_hash_.data() + anc_begin_[n + 1]};
  }
  const EntityUid& UidOf(Node n) const {
    return n < entities_.size() ? entities_[n].uid : dangling_[n - entities_.size()];
  }

  size_t size() const { return entities_.size(); }

  // Iteration over (uid, entity) pairs, in input order:
  //   for (const auto& [uid, e] : store.all()) ...
  class Range {
   public:
    class It {
     public:
      explicit It(const Entity* p) : p_(p) {}
      std::pair<const EntityUid&, const Entity&> operator*() const { return {p_->uid, *p_}; }
      It& operator++() {
        ++p_;
        return *this;
      }
      bool operator!=(const It& o) const { return p_ != o.p_; }
      bool operator==(const It& o) const { return p_ == o.p_; }

     private:
      const Entity* p_;
    };
    explicit Range(const std::vector<Entity>& v) : v_(v) {}
    It begin() const { return It(v_.data()); }
    It end() const { return It(v_.data() + v_.size()); }
    size_t size() const { return v_.size(); }

   private:
    const std::vector<Entity>& v_;
  };
  Range all() const { return Range(entities_); }

 private:
  Node Insert(const EntityUid& uid, uint64_t hash, bool* inserted);

  std::vector<Entity> entities_;     // node n < size()
  std::vector<EntityUid> dangling_;  // node size() + i
  std::vector<uint64_t> node_hash_;  // UidHash64 per node
  std::vector<Node> table_;          // open addressing (power of two), kNoNode = empty
  std::vector<uint32_t> anc_begin_;  // entity n's ancestors: [anc_begin_[n], anc_begin_[n+1])
  std::vector<uint64_t> anc_hash_;   // sorted by (hash, node) within each slice
  std::vector<Node> anc_node_;       // parallel to anc_hash_
};

}  // namespace sluice::policy
