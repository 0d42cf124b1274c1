#include "policy/authorizer.h"

#include "policy/evaluator.h"

namespace sluice::policy {

namespace {
// Evaluates the conditions of the policies at `positions` (whose scopes are
// already known to match when `scope_checked`), in policy-set order.
template <typename Positions>
Response Decide(const Request& req, const EntityStore& store, const PolicySet& ps,
                const Positions& positions, bool scope_checked) {
  Evaluator ev(req, store);
  Response r;
  // Satisfied policies by position; reused per thread (no allocation once
  // warm).
  thread_local std::vector<uint32_t> permits, forbids;
  permits.clear();
  forbids.clear();
  for (uint32_t i : positions) {
    const Policy& p = *ps.policies()[i];
    auto sat = scope_checked ? ev.ConditionsHold(p) : ev.Satisfied(p);
    if (!sat.ok()) {
      r.errors.push_back({p.id, sat.status().message()});
      continue;
    }
    if (!*sat) continue;
    (p.effect == Effect::kForbid ? forbids : permits).push_back(i);
  }
  const std::vector<uint32_t>* reasons = nullptr;
  if (!forbids.empty()) {
    r.decision = Decision::kDeny;
    reasons = &forbids;
  } else if (!permits.empty()) {
    r.decision = Decision::kAllow;
    reasons = &permits;
  }
  if (reasons != nullptr) {
    r.reasons.reserve(reasons->size());
    for (uint32_t i : *reasons) r.reasons.push_back(ps.policies()[i]->id);
  }
  return r;
}

struct Range {
  uint32_t n;
  struct It {
    uint32_t i;
    uint32_t operator*() const { return i; }
    It& operator++() {
      ++i;
      return *this;
    }
    bool operator!=(const It& o) const { return i != o.i; }
  };
  It begin() const { return {0}; }
  It end() const { return {n}; }
};
}  // namespace

Response IsAuthorized(const Request& req, const EntityStore& store, const PolicySet& ps) {
  thread_local std::vector<uint32_t> matching;
  ps.index().Matching(req, store, &matching);
  return Decide(req, store, ps, matching, /*scope_checked=*/true);
}

Response IsAuthorizedFullScan(const Request& req, const EntityStore& store, const PolicySet& ps) {
  return Decide(req, store, ps, Range{static_cast<uint32_t>(ps.policies().size())},
                /*scope_checked=*/false);
}

}  // namespace sluice::policy
