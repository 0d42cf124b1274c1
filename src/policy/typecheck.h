// The policy type checker for one request environment (principal type,
// action, resource type, context type): Cedar's strict-mode typing rules.
//
// Rules follow Cedar's formal specification of the validator:
//  * `&&`, `||` and `if` short-circuit on a True/False operand type: the
//    operand that cannot run is not type checked (so `principal is User &&
//    principal.name == 1` has no error in environments where principal is not
//    a User).
//  * capabilities: `e has a` (and `e.hasTag(t)`) on an optional attribute
//    (or a tag) records that `e.a` may be read; they flow through the right
//    operand of `&&`, the then-branch of `if`, and out of `&&` (union), `||`
//    (intersection) and `if`.
//  * the `action` variable is the environment's action literal.
//  * the first type error ends checking in this environment.
//
// Thread-safety: a Typechecker is single-threaded; make one per environment.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "policy/ast.h"
#include "policy/validator_types.h"

namespace sluice::policy {

struct RequestEnv {
  std::string principal;
  EntityUid action;
  std::string resource;
  VType context;  // a record
};

struct TypeError {
  std::string message;
  SourceLoc loc;
};

class Typechecker {
 public:
  Typechecker(const ValidatorSchema& schema, const RequestEnv& env) : s_(schema), env_(env) {}

  // Types the whole policy (scope constraints && conditions, in Cedar's
  // order). Returns its Bool type, or nullopt with error() set.
  std::optional<VType> TypePolicy(const Policy& p);
  const TypeError& error() const { return err_; }

 private:
  using Caps = std::vector<std::string>;  // sorted, unique capability keys
  struct R {
    VType type;
    Caps caps;
  };
  using Res = std::optional<R>;

  Res Type(const Expr& e, const Caps& c);
  Res TypeLit(const Value& v, SourceLoc loc);
  Res TypeIf(const Expr& e, const Caps& c);
  Res TypeAnd(const R& r1, const Expr& rhs, const Caps& c, SourceLoc loc);
  Res TypeOr(const Expr& e, const Caps& c);
  Res TypeBinary(const Expr& e, const Caps& c);
  Res TypeIn(const Expr& x1, const VType& t1, const Expr& x2, const VType& t2, SourceLoc loc);
  Res TypeHas(const Expr& e, const Caps& c);
  Res TypeGetAttr(const Expr& e, const Caps& c);
  Res TypeCall(const Expr& e, const Caps& c);
  Res TypeScope(const ScopeConstraint& sc, bool principal, SourceLoc loc);
  Res TypeActionScope(const ScopeConstraint& sc, SourceLoc loc);
  Res TypeUidLit(const EntityUid& uid, SourceLoc loc);
  // `a && b` where `b` is produced lazily (it is not typed when `a` is False).
  Res AndThen(const R& r1, const std::function<Res(const Caps&)>& rhs, SourceLoc loc);

  Res Fail(std::string msg, SourceLoc loc);
  static Caps Union(const Caps& a, const Caps& b);
  static BoolType Not(BoolType b);
  // The entity uid a primitive literal denotes (`action` is the env's action).
  std::optional<EntityUid> UidOf(const Expr& e) const;
  bool IsPrimLit(const Expr& e) const;
  Value PrimLit(const Expr& e) const;
  const VType* AttrsOf(const VType& t) const;

  const ValidatorSchema& s_;
  const RequestEnv& env_;
  TypeError err_;
};

}  // namespace sluice::policy
