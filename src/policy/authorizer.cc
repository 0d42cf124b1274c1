#include "policy/authorizer.h"

#include "policy/evaluator.h"

namespace sluice::policy {

namespace {
template <typename Positions>
Response Decide(const Request& req, const EntityStore& store, const PolicySet& ps,
                const Positions& positions) {
  Evaluator ev(req, store);
  Response r;
  std::vector<std::string> permits, forbids;
  for (uint32_t i : positions) {
    const Policy& p = *ps.policies()[i];
    auto sat = ev.Satisfied(p);
    if (!sat.ok()) {
      r.errors.push_back({p.id, sat.status().message()});
      continue;
    }
    if (!*sat) continue;
    (p.effect == Effect::kForbid ? forbids : permits).push_back(p.id);
  }
  if (!forbids.empty()) {
    r.decision = Decision::kDeny;
    r.reasons = std::move(forbids);
  } else if (!permits.empty()) {
    r.decision = Decision::kAllow;
    r.reasons = std::move(permits);
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
  thread_local std::vector<uint32_t> candidates;
  ps.index().Candidates(req, store, &candidates);
  return Decide(req, store, ps, candidates);
}

Response IsAuthorizedFullScan(const Request& req, const EntityStore& store, const PolicySet& ps) {
  return Decide(req, store, ps, Range{static_cast<uint32_t>(ps.policies().size())});
}

}  // namespace sluice::policy
