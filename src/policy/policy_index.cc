#include "policy/policy_index.h"

#include <algorithm>

namespace sluice::policy {

namespace {
bool HasUid(const ScopeConstraint& c) {
  return !c.uids.empty() &&
         (c.kind == ScopeConstraint::Kind::kEq || c.kind == ScopeConstraint::Kind::kIn ||
          c.kind == ScopeConstraint::Kind::kIsIn);
}
bool HasType(const ScopeConstraint& c) {
  return c.kind == ScopeConstraint::Kind::kIs || c.kind == ScopeConstraint::Kind::kIsIn;
}
}  // namespace

void PolicyIndex::Add(const Policy& p, uint32_t pos) {
  if (HasUid(p.principal)) {
    by_principal_[p.principal.uids[0]].push_back(pos);
  } else if (HasUid(p.resource)) {
    by_resource_[p.resource.uids[0]].push_back(pos);
  } else if (p.action.kind != ScopeConstraint::Kind::kAny) {
    // `action in []` matches nothing: filing it nowhere is exact.
    for (const auto& u : p.action.uids) by_action_[u].push_back(pos);
  } else if (HasType(p.principal)) {
    by_principal_type_[p.principal.entity_type].push_back(pos);
  } else if (HasType(p.resource)) {
    by_resource_type_[p.resource.entity_type].push_back(pos);
  } else {
    unconstrained_.push_back(pos);
  }
}

void PolicyIndex::LookupUid(const UidMap& m, const EntityUid& uid, const EntityStore& store,
                            std::vector<uint32_t>* out) const {
  if (m.empty()) return;
  auto add = [&](const EntityUid& u) {
    auto it = m.find(u);
    if (it != m.end()) out->insert(out->end(), it->second.begin(), it->second.end());
  };
  add(uid);
  if (const Entity* e = store.Find(uid)) {
    if (e->ancestors.size() < m.size()) {
      for (const auto& a : e->ancestors) add(a);
    } else {
      for (const auto& [key, list] : m) {
        if (key != uid && e->ancestors.count(key))
          out->insert(out->end(), list.begin(), list.end());
      }
    }
  }
}

void PolicyIndex::Candidates(const Request& req, const EntityStore& store,
                             std::vector<uint32_t>* out) const {
  out->clear();
  out->insert(out->end(), unconstrained_.begin(), unconstrained_.end());
  LookupUid(by_principal_, req.principal, store, out);
  LookupUid(by_resource_, req.resource, store, out);
  LookupUid(by_action_, req.action, store, out);
  if (auto it = by_principal_type_.find(req.principal.type); it != by_principal_type_.end()) {
    out->insert(out->end(), it->second.begin(), it->second.end());
  }
  if (auto it = by_resource_type_.find(req.resource.type); it != by_resource_type_.end()) {
    out->insert(out->end(), it->second.begin(), it->second.end());
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

}  // namespace sluice::policy
