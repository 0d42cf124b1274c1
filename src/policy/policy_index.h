// PolicyIndex: finds the policies whose scope can match a request, so a
// decision evaluates only those (cost grows with the matching policies, not
// with the size of the policy set).
//
// Each policy is filed under exactly one key, chosen from its scope by
// selectivity: a principal uid (`==`/`in`), else a resource uid, else the
// action uid(s), else a principal or resource entity type (`is`), else the
// "unconstrained" list. A request looks up the keys it could match: its
// principal/resource/action uid and all their ancestors (from the entity
// store), and their types. The result is a superset of the matching policies;
// the evaluator still checks each scope exactly.
//
// Ownership: holds policy positions (indices into the PolicySet's vector).
// Thread-safety: immutable after building; concurrent Candidates() are safe.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "policy/ast.h"
#include "policy/entities.h"
#include "policy/request.h"

namespace sluice::policy {

class PolicyIndex {
 public:
  void Add(const Policy& p, uint32_t position);

  // Positions of the policies that may apply to `req`, ascending, unique.
  void Candidates(const Request& req, const EntityStore& store, std::vector<uint32_t>* out) const;

 private:
  using UidMap = std::unordered_map<EntityUid, std::vector<uint32_t>, EntityUidHash>;
  using TypeMap = std::unordered_map<std::string, std::vector<uint32_t>>;
  void LookupUid(const UidMap& m, const EntityUid& uid, const EntityStore& store,
                 std::vector<uint32_t>* out) const;

  UidMap by_principal_;
  UidMap by_resource_;
  UidMap by_action_;
  TypeMap by_principal_type_;
  TypeMap by_resource_type_;
  std::vector<uint32_t> unconstrained_;
};

}  // namespace sluice::policy
