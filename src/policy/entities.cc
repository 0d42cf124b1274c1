#include "policy/entities.h"

namespace sluice::policy {

Result<EntityStore> EntityStore::Make(std::vector<Entity> entities) {
  EntityStore s;
  s.entities_.reserve(entities.size());
  for (auto& e : entities) {
    EntityUid uid = e.uid;
    e.ancestors.clear();
    if (!s.entities_.emplace(uid, std::move(e)).second) {
      return InvalidArgument("duplicate entity " + uid.ToString());
    }
  }
  // Transitive closure. Iterative DFS with memoisation: an entity's ancestor
  // set is its parents plus the (completed) ancestor sets of its parents.
  // Entities on a cycle fall back to a plain graph search.
  enum class State : uint8_t { kNew, kActive, kDone };
  std::unordered_map<const Entity*, State> state;
  state.reserve(s.entities_.size());
  bool cyclic = false;
  for (auto& [uid, root] : s.entities_) {
    if (state[&root] == State::kDone) continue;
    std::vector<std::pair<Entity*, size_t>> stack;
    stack.emplace_back(&root, 0);
    state[&root] = State::kActive;
    while (!stack.empty() && !cyclic) {
      auto& [e, next] = stack.back();
      if (next < e->parents.size()) {
        auto it = s.entities_.find(e->parents[next++]);
        if (it == s.entities_.end()) continue;
        State& st = state[&it->second];
        if (st == State::kActive) {
          cyclic = true;
        } else if (st == State::kNew) {
          st = State::kActive;
          stack.emplace_back(&it->second, 0);
        }
        continue;
      }
      for (const auto& p : e->parents) {
        e->ancestors.insert(p);
        auto it = s.entities_.find(p);
        if (it != s.entities_.end()) {
          e->ancestors.insert(it->second.ancestors.begin(), it->second.ancestors.end());
        }
      }
      state[e] = State::kDone;
      stack.pop_back();
    }
    if (cyclic) break;
  }
  if (cyclic) {
    for (auto& [uid, e] : s.entities_) {
      e.ancestors.clear();
      std::vector<const EntityUid*> work;
      for (const auto& p : e.parents) work.push_back(&p);
      while (!work.empty()) {
        const EntityUid* u = work.back();
        work.pop_back();
        if (!e.ancestors.insert(*u).second) continue;
        auto it = s.entities_.find(*u);
        if (it == s.entities_.end()) continue;
        for (const auto& p : it->second.parents) work.push_back(&p);
      }
    }
  }
  return s;
}

}  // namespace sluice::policy
