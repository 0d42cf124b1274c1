// PolicyIndex: finds the policies whose scope matches a request, so a
// decision evaluates only those (cost grows with the matching policies, not
// with the size of the policy set).
//
// Each policy is filed under exactly one key, chosen from its scope by
// selectivity: a principal uid (`==`/`in`), else a resource uid, else the
// action uid(s), else a principal or resource entity type (`is`), else the
// "unconstrained" list. Keys are 64-bit hashes (UidHash64 of a uid,
// StrHash64 of a type) in flat open-addressing tables. A request looks up
// the keys it could match: its principal/resource/action uid and all their
// ancestors, whose hashes the entity store precomputed, and their types. So
// a lookup hashes each request uid once and probes integers. The result is a
// superset (hashes may collide); Matching() then checks every scope exactly
// against the policy's precompiled scope (uid hashes and pointers), never
// through the evaluator.
//
// Ownership: holds policy positions (indices into the PolicySet's vector)
// and pointers to the policies themselves, which the PolicySet owns and
// never moves (unique_ptr).
// Thread-safety: immutable after building; concurrent lookups are safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "policy/ast.h"
#include "policy/entities.h"
#include "policy/request.h"

namespace sluice::policy {

class PolicyIndex {
 public:
  void Add(const Policy& p, uint32_t position);

  // Positions of the policies that may apply to `req`, ascending, unique (a
  // superset of the matching ones).
  void Candidates(const Request& req, const EntityStore& store, std::vector<uint32_t>* out) const;

  // Positions of the policies whose scope matches `req` exactly, ascending.
  void Matching(const Request& req, const EntityStore& store, std::vector<uint32_t>* out) const;

 private:
  // A request uid resolved against the store once per decision.
  struct Resolved {
    const EntityUid* uid;
    uint64_t hash;       // UidHash64
    uint64_t type_hash;  // StrHash64(type)
    EntityStore::Node node;
  };
  // A scope constraint with its hashes precomputed.
  struct Scope {
    ScopeConstraint::Kind kind = ScopeConstraint::Kind::kAny;
    uint64_t type_hash = 0;
    const std::string* type = nullptr;
    std::vector<std::pair<uint64_t, const EntityUid*>> uids;
  };
  struct Compiled {
    Scope principal, action, resource;
  };
  // Hash -> list of positions; open addressing, linear probing.
  class Map {
   public:
    void Add(uint64_t key, uint32_t pos);
    const std::vector<uint32_t>* Find(uint64_t key) const {
      uint32_t i = IndexOf(key);
      return i == UINT32_MAX ? nullptr : &lists_[i].second;
    }
    bool empty() const { return lists_.empty(); }
    size_t size() const { return lists_.size(); }
    const std::vector<std::pair<uint64_t, std::vector<uint32_t>>>& lists() const { return lists_; }

   private:
    uint32_t IndexOf(uint64_t key) const;
    std::vector<uint32_t> slots_;  // index into lists_, or UINT32_MAX
    std::vector<std::pair<uint64_t, std::vector<uint32_t>>> lists_;
  };

  static Scope Compile(const ScopeConstraint& c);
  static bool Match(const Scope& s, const Resolved& r, const EntityStore& store);
  Resolved Resolve(const EntityUid& uid, const EntityStore& store) const;
  void LookupUid(const Map& m, const Resolved& r, const EntityStore& store,
                 std::vector<uint32_t>* out) const;
  void Collect(const Resolved& p, const Resolved& a, const Resolved& r, const EntityStore& store,
               std::vector<uint32_t>* out) const;

  Map by_principal_;
  Map by_resource_;
  Map by_action_;
  Map by_principal_type_;
  Map by_resource_type_;
  std::vector<uint32_t> unconstrained_;
  std::vector<Compiled> compiled_;  // by position
};

}  // namespace sluice::policy
