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
void Append(std::vector<uint32_t>* out, const std::vector<uint32_t>* list) {
  if (list != nullptr) out->insert(out->end(), list->begin(), list->end());
}
}  // namespace

void PolicyIndex::Map::Add(uint64_t key, uint32_t pos) {
  if (uint32_t i = IndexOf(key); i != UINT32_MAX) {
    lists_[i].second.push_back(pos);
    return;
  }
  lists_.push_back({key, {pos}});
  if (slots_.size() < 2 * lists_.size()) {
    slots_.assign(std::max<size_t>(16, slots_.size() * 2), UINT32_MAX);
    for (uint32_t i = 0; i < lists_.size(); ++i) {
      size_t mask = slots_.size() - 1;
      size_t j = lists_[i].first & mask;
      while (slots_[j] != UINT32_MAX) j = (j + 1) & mask;
      slots_[j] = i;
    }
    return;
  }
  size_t mask = slots_.size() - 1;
  size_t j = key & mask;
  while (slots_[j] != UINT32_MAX) j = (j + 1) & mask;
  slots_[j] = static_cast<uint32_t>(lists_.size() - 1);
}

uint32_t PolicyIndex::Map::IndexOf(uint64_t key) const {
  if (slots_.empty()) return UINT32_MAX;
  size_t mask = slots_.size() - 1;
  for (size_t j = key & mask;; j = (j + 1) & mask) {
    uint32_t i = slots_[j];
    if (i == UINT32_MAX || lists_[i].first == key) return i;
  }
}

PolicyIndex::Scope PolicyIndex::Compile(const ScopeConstraint& c) {
  Scope s;
  s.kind = c.kind;
  if (HasType(c)) {
    s.type = &c.entity_type;
    s.type_hash = StrHash64(c.entity_type);
  }
  for (const auto& u : c.uids) s.uids.emplace_back(UidHash64(u), &u);
  return s;
}

void PolicyIndex::Add(const Policy& p, uint32_t pos) {
  if (compiled_.size() <= pos) compiled_.resize(pos + 1);
  compiled_[pos] = {Compile(p.principal), Compile(p.action), Compile(p.resource)};
  if (HasUid(p.principal)) {
    by_principal_.Add(UidHash64(p.principal.uids[0]), pos);
  } else if (HasUid(p.resource)) {
    by_resource_.Add(UidHash64(p.resource.uids[0]), pos);
  } else if (p.action.kind != ScopeConstraint::Kind::kAny) {
    // `action in []` matches nothing: filing it nowhere is exact.
    for (const auto& u : p.action.uids) by_action_.Add(UidHash64(u), pos);
  } else if (HasType(p.principal)) {
    by_principal_type_.Add(StrHash64(p.principal.entity_type), pos);
  } else if (HasType(p.resource)) {
    by_resource_type_.Add(StrHash64(p.resource.entity_type), pos);
  } else {
    unconstrained_.push_back(pos);
  }
}

PolicyIndex::Resolved PolicyIndex::Resolve(const EntityUid& uid, const EntityStore& store) const {
  uint64_t th = StrHash64(uid.type);
  uint64_t h = CombineUidHash(th, StrHash64(uid.id));
  return {&uid, h, th, store.FindNode(uid, h)};
}

void PolicyIndex::LookupUid(const Map& m, const Resolved& r, const EntityStore& store,
                            std::vector<uint32_t>* out) const {
  if (m.empty()) return;
  Append(out, m.Find(r.hash));
  std::span<const uint64_t> anc = store.AncestorHashes(r.node);
  if (anc.size() <= m.size()) {
    uint64_t prev = 0;
    for (size_t i = 0; i < anc.size(); ++i) {
      if (i > 0 && anc[i] == prev) continue;  // equal hashes: one probe
      prev = anc[i];
      Append(out, m.Find(anc[i]));
    }
  } else {
    for (const auto& [key, list] : m.lists()) {
      if (key != r.hash && std::binary_search(anc.begin(), anc.end(), key))
        out->insert(out->end(), list.begin(), list.end());
    }
  }
}

void PolicyIndex::Collect(const Resolved& p, const Resolved& a, const Resolved& r,
                          const EntityStore& store, std::vector<uint32_t>* out) const {
  out->clear();
  out->insert(out->end(), unconstrained_.begin(), unconstrained_.end());
  LookupUid(by_principal_, p, store, out);
  LookupUid(by_resource_, r, store, out);
  LookupUid(by_action_, a, store, out);
  Append(out, by_principal_type_.Find(p.type_hash));
  Append(out, by_resource_type_.Find(r.type_hash));
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void PolicyIndex::Candidates(const Request& req, const EntityStore& store,
                             std::vector<uint32_t>* out) const {
  Collect(Resolve(req.principal, store), Resolve(req.action, store), Resolve(req.resource, store),
          store, out);
}

bool PolicyIndex::Match(const Scope& s, const Resolved& r, const EntityStore& store) {
  auto in = [&](const std::pair<uint64_t, const EntityUid*>& u) {
    return (u.first == r.hash && *u.second == *r.uid) ||
           store.HasAncestor(r.node, *u.second, u.first);
  };
  switch (s.kind) {
    case ScopeConstraint::Kind::kAny:
      return true;
    case ScopeConstraint::Kind::kEq:
      return !s.uids.empty() && s.uids[0].first == r.hash && *s.uids[0].second == *r.uid;
    case ScopeConstraint::Kind::kIn:
      return std::any_of(s.uids.begin(), s.uids.end(), in);
    case ScopeConstraint::Kind::kIs:
      return s.type_hash == r.type_hash && *s.type == r.uid->type;
    case ScopeConstraint::Kind::kIsIn:
      return s.type_hash == r.type_hash && *s.type == r.uid->type && !s.uids.empty() &&
             in(s.uids[0]);
  }
  return false;
}

void PolicyIndex::Matching(const Request& req, const EntityStore& store,
                           std::vector<uint32_t>* out) const {
  Resolved p = Resolve(req.principal, store);
  Resolved a = Resolve(req.action, store);
  Resolved r = Resolve(req.resource, store);
  Collect(p, a, r, store, out);
  size_t k = 0;
  for (uint32_t pos : *out) {
    const Compiled& c = compiled_[pos];
    if (Match(c.principal, p, store) && Match(c.action, a, store) && Match(c.resource, r, store))
      (*out)[k++] = pos;
  }
  out->resize(k);
}

}  // namespace sluice::policy
