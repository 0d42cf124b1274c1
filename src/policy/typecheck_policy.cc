// Typing of a whole policy: its scope constraints and conditions, as the
// conjunction Cedar builds from them (see typecheck.h).
#include <algorithm>
#include <functional>

#include "policy/typecheck.h"

namespace sluice::policy {

// `principal`/`resource` scope constraint, typed as Cedar's desugared form:
// `==` / `in` / `is` / `is T && in` against the environment's type.
Typechecker::Res Typechecker::TypeScope(const ScopeConstraint& sc, bool principal, SourceLoc loc) {
  const std::string& vt = principal ? env_.principal : env_.resource;
  auto in_part = [&]() -> Res {
    if (sc.slot)
      return R{VType::Bool(BoolType::kAny), {}};  // a slot may be filled with any ancestor type
    Res u = TypeUidLit(sc.uids[0], loc);
    if (!u) return u;
    bool ok = sc.kind == ScopeConstraint::Kind::kEq ? vt == sc.uids[0].type
                                                    : s_.TypeDescendentOf(vt, sc.uids[0].type);
    return R{VType::Bool(ok ? BoolType::kAny : BoolType::kFalse), {}};
  };
  switch (sc.kind) {
    case ScopeConstraint::Kind::kAny:
      return R{VType::Bool(BoolType::kTrue), {}};
    case ScopeConstraint::Kind::kEq:
    case ScopeConstraint::Kind::kIn:
      return in_part();
    case ScopeConstraint::Kind::kIs:
    case ScopeConstraint::Kind::kIsIn: {
      R r1{VType::Bool(vt == sc.entity_type ? BoolType::kTrue : BoolType::kFalse), {}};
      if (sc.kind == ScopeConstraint::Kind::kIs) return r1;
      return AndThen(
          r1, [&](const Caps&) { return in_part(); }, loc);
    }
  }
  return Fail("unsupported scope constraint", loc);
}

Typechecker::Res Typechecker::TypeActionScope(const ScopeConstraint& sc, SourceLoc loc) {
  auto b = [](bool v) { return R{VType::Bool(v ? BoolType::kTrue : BoolType::kFalse), {}}; };
  switch (sc.kind) {
    case ScopeConstraint::Kind::kAny:
      return b(true);
    case ScopeConstraint::Kind::kEq: {
      Res u = TypeUidLit(sc.uids[0], loc);
      if (!u) return u;
      return b(env_.action == sc.uids[0]);
    }
    case ScopeConstraint::Kind::kIn: {
      if (sc.action_list && sc.uids.empty()) return Fail("empty set literals are not allowed", loc);
      std::optional<VType> t;
      for (const auto& uid : sc.uids) {
        Res u = TypeUidLit(uid, loc);
        if (!u) return u;
        t = t ? Lub(*t, u->type) : u->type;
        if (!t) return Fail("the actions in the action list have different entity types", loc);
      }
      bool any = std::any_of(sc.uids.begin(), sc.uids.end(), [&](const EntityUid& u) {
        return s_.ActionDescendentOf(env_.action, u);
      });
      return b(any);
    }
    default:
      return Fail("unsupported action scope constraint", loc);
  }
}

std::optional<VType> Typechecker::TypePolicy(const Policy& p) {
  // principal && (action && (resource && (cond1 && (cond2 && ... true))))
  size_t n = 3 + p.conditions.size();
  std::function<Res(size_t, const Caps&)> step = [&](size_t i, const Caps& c) -> Res {
    Res r;
    if (i == 0) {
      r = TypeScope(p.principal, true, p.loc);
    } else if (i == 1) {
      r = TypeActionScope(p.action, p.loc);
    } else if (i == 2) {
      r = TypeScope(p.resource, false, p.loc);
    } else {
      const Condition& cond = p.conditions[i - 3];
      r = Type(*cond.expr, c);
      if (r && !cond.is_when) {
        if (!r->type.IsBool()) {
          return Fail("`unless` needs a boolean, found " + r->type.ToString(), cond.expr->loc);
        }
        r = R{VType::Bool(Not(r->type.b)), {}};
      }
    }
    if (!r) return r;
    if (i + 1 == n) {
      if (!r->type.IsBool()) {
        SourceLoc l = i >= 3 ? p.conditions[i - 3].expr->loc : p.loc;
        return Fail("a policy condition must be a boolean, found " + r->type.ToString(), l);
      }
      return r;
    }
    return AndThen(
        *r, [&](const Caps& c1) { return step(i + 1, Union(c, c1)); }, p.loc);
  };
  Res r = step(0, {});
  if (!r) return std::nullopt;
  return r->type;
}

}  // namespace sluice::policy
