// Evaluator: Cedar expression semantics over a request and an entity store.
//
// Strict typing: every operator checks its operand types and fails with a
// type error otherwise; `&&`, `||` and if-then-else short-circuit and require
// booleans; + - * and unary - fail on 64-bit overflow; attribute and tag
// reads fail when the entity or attribute is missing (`has`/`hasTag` do
// not). Errors are Status values whose message describes the problem.
//
// Recursion depth is bounded by the parser (kMaxDepth), so evaluation cannot
// overflow the stack.
//
// Thread-safety: an Evaluator borrows the request and the store for one
// request; use one per thread. The AST is only read.
#pragma once

#include "common/status.h"
#include "policy/ast.h"
#include "policy/entities.h"
#include "policy/request.h"
#include "policy/value.h"

namespace sluice::policy {

class Evaluator {
 public:
  Evaluator(const Request& req, const EntityStore& store) : req_(req), store_(store) {}

  Result<Value> Eval(const Expr& e) const;

  // Whether the policy's scope matches the request (never an error).
  bool ScopeMatches(const Policy& p) const;

  // Evaluates the scope and all conditions: true when the policy is
  // satisfied, false when not, an error when a condition errors.
  Result<bool> Satisfied(const Policy& p) const;

  // The conditions only (the caller has already matched the scope, e.g.
  // through PolicyIndex::Matching).
  Result<bool> ConditionsHold(const Policy& p) const;

 private:
  Result<Value> EvalBinary(const Expr& e) const;
  bool MatchOne(const ScopeConstraint& c, const EntityUid& uid) const;

  // Store lookups, with the request's principal and resource resolved once
  // per Evaluator (most attribute reads and `in` tests start from them).
  struct Resolved {
    bool done = false;
    EntityStore::Node node = EntityStore::kNoNode;
  };
  EntityStore::Node NodeFor(const EntityUid& u) const;
  const Entity* EntityFor(const EntityUid& u) const { return store_.EntityAt(NodeFor(u)); }
  bool In(const EntityUid& a, const EntityUid& b) const {
    return a == b || store_.HasAncestor(NodeFor(a), b, UidHash64(b));
  }
  // `a in b` where b is an entity or a set of entities; `b_error` is the
  // type error's text when b is neither.
  Result<Value> InEntityOrSet(const EntityUid& a, const Value& b, std::string_view b_error) const;
  // The entity a `principal.x`/`resource.x` reads, without copying the uid.
  const EntityUid* VarUid(const Expr& e) const;

  const Request& req_;
  const EntityStore& store_;
  mutable Resolved principal_, resource_;
};

// Cedar `like` matching of `s` against `pattern` (`*` matches any sequence).
bool WildcardMatch(std::string_view s, const Pattern& pattern);

}  // namespace sluice::policy
