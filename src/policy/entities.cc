#include "policy/entities.h"

#include <algorithm>
#include <bit>
#include <functional>

namespace sluice::policy {

uint64_t StrHash64(std::string_view s) { return std::hash<std::string_view>()(s); }

EntityStore::Node EntityStore::FindNode(const EntityUid& uid, uint64_t hash) const {
  if (table_.empty()) return kNoNode;
  const size_t mask = table_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Node n = table_[i];
    if (n == kNoNode) return kNoNode;
    if (node_hash_[n] == hash && UidOf(n) == uid) return n;
  }
}

EntityStore::Node EntityStore::Insert(const EntityUid& uid, uint64_t hash, bool* inserted) {
  const size_t mask = table_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Node n = table_[i];
    if (n == kNoNode) {
      // The caller has already appended the new node's uid and hash.
      table_[i] = static_cast<Node>(node_hash_.size() - 1);
      *inserted = true;
      return table_[i];
    }
    if (node_hash_[n] == hash && UidOf(n) == uid) {
      *inserted = false;
      return n;
    }
  }
}

bool EntityStore::HasAncestor(Node n, const EntityUid& ancestor, uint64_t h) const {
  if (n >= entities_.size()) return false;
  const uint64_t* b = anc_hash_.data() + anc_begin_[n];
  const uint64_t* e = anc_hash_.data() + anc_begin_[n + 1];
  for (const uint64_t* p = std::lower_bound(b, e, h); p != e && *p == h; ++p) {
    if (UidOf(anc_node_[static_cast<size_t>(p - anc_hash_.data())]) == ancestor) return true;
  }
  return false;
}

Result<EntityStore> EntityStore::Make(std::vector<Entity> entities) {
  EntityStore s;
  s.entities_ = std::move(entities);
  const size_t n = s.entities_.size();
  size_t edges = 0;
  for (const auto& e : s.entities_) edges += e.parents.size();
  s.table_.assign(std::bit_ceil(std::max<size_t>(16, 2 * (n + edges))), kNoNode);
  s.node_hash_.reserve(n + edges);

  // Entities are nodes 0..n-1; nodes are appended before inserting so that
  // UidOf works during the probe.
  for (size_t i = 0; i < n; ++i) {
    const EntityUid& uid = s.entities_[i].uid;
    uint64_t h = UidHash64(uid);
    s.node_hash_.push_back(h);
    // UidOf(i) reads entities_[i]: valid. A duplicate is found before the
    // new slot (it is an earlier node).
    bool inserted = false;
    s.Insert(uid, h, &inserted);
    if (!inserted) return InvalidArgument("duplicate entity " + uid.ToString());
  }
  // Parents as nodes (dangling parents appended after the entities).
  std::vector<uint32_t> par_begin(n + 1, 0);
  std::vector<Node> par;
  par.reserve(edges);
  for (size_t i = 0; i < n; ++i) {
    par_begin[i] = static_cast<uint32_t>(par.size());
    for (const auto& p : s.entities_[i].parents) {
      uint64_t h = UidHash64(p);
      Node m = s.FindNode(p, h);
      if (m == kNoNode) {
        s.dangling_.push_back(p);
        s.node_hash_.push_back(h);
        bool inserted = false;
        m = s.Insert(p, h, &inserted);
      }
      par.push_back(m);
    }
  }
  par_begin[n] = static_cast<uint32_t>(par.size());

  // Transitive closure: a graph search from each entity's parents (an
  // entity reached again through a cycle is its own ancestor). Visited marks
  // are stamped with the current entity so they never need clearing.
  const size_t nodes = s.node_hash_.size();
  std::vector<uint32_t> stamp(nodes, UINT32_MAX);
  std::vector<Node> work;
  std::vector<std::pair<uint64_t, Node>> sorted;
  s.anc_begin_.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    s.anc_begin_[i] = static_cast<uint32_t>(s.anc_hash_.size());
    work.assign(par.begin() + par_begin[i], par.begin() + par_begin[i + 1]);
    sorted.clear();
    while (!work.empty()) {
      Node x = work.back();
      work.pop_back();
      if (stamp[x] == i) continue;
      stamp[x] = static_cast<uint32_t>(i);
      sorted.emplace_back(s.node_hash_[x], x);
      if (x < n) work.insert(work.end(), par.begin() + par_begin[x], par.begin() + par_begin[x + 1]);
    }
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [h, x] : sorted) {
      s.anc_hash_.push_back(h);
      s.anc_node_.push_back(x);
    }
  }
  s.anc_begin_[n] = static_cast<uint32_t>(s.anc_hash_.size());
  return s;
}

}  // namespace sluice::policy
