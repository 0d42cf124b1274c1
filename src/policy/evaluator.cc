#include "policy/evaluator.h"

#include <vector>

#include "policy/extensions.h"

namespace sluice::policy {

namespace {
Status TypeError(std::string_view what, const Value& got) {
  return InvalidArgument("type error: " + std::string(what) + ", got " + got.TypeName());
}
Status Overflow(std::string_view op, int64_t a, int64_t b) {
  return InvalidArgument("integer overflow: " + std::to_string(a) + " " + std::string(op) + " " +
                         std::to_string(b));
}
}  // namespace

bool WildcardMatch(std::string_view s, const Pattern& p) {
  // Greedy matching with backtracking to the last star: O(n*m) worst case,
  // no recursion.
  size_t si = 0, pi = 0;
  size_t star_p = SIZE_MAX, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size() && !p[pi].wildcard && p[pi].c == s[si]) {
      ++si;
      ++pi;
    } else if (pi < p.size() && p[pi].wildcard) {
      star_p = pi++;
      star_s = si;
    } else if (star_p != SIZE_MAX) {
      pi = star_p + 1;
      si = ++star_s;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi].wildcard) ++pi;
  return pi == p.size();
}

Result<Value> Evaluator::InEntityOrSet(const EntityUid& a, const Value& b,
                                       std::string_view b_error) const {
  if (b.is_entity()) return Value::Bool(In(a, b.as_entity()));
  if (!b.is_set()) return TypeError(b_error, b);
  // Every element is type-checked, even after a match: Cedar errors on a
  // non-entity element wherever it stands.
  bool any = false;
  for (const auto& x : b.as_set().elems) {
    if (!x.is_entity()) return TypeError("`in` expects a set of entities", x);
    any = any || In(a, x.as_entity());
  }
  return Value::Bool(any);
}

Result<Value> Evaluator::Eval(const Expr& e) const {
  switch (e.kind) {
    case ExprKind::kLit:
      return e.lit;
    case ExprKind::kVar:
      switch (e.var) {
        case Var::kPrincipal:
          return Value::Entity(req_.principal);
        case Var::kAction:
          return Value::Entity(req_.action);
        case Var::kResource:
          return Value::Entity(req_.resource);
        case Var::kContext:
          return req_.context;
      }
      return Internal("bad variable");
    case ExprKind::kIf: {
      SLUICE_ASSIGN_OR_RETURN(auto c, Eval(*e.kids[0]));
      if (!c.is_bool()) return TypeError("if condition must be a bool", c);
      return Eval(*e.kids[c.as_bool() ? 1 : 2]);
    }
    case ExprKind::kAnd:
    case ExprKind::kOr: {
      bool is_and = e.kind == ExprKind::kAnd;
      SLUICE_ASSIGN_OR_RETURN(auto a, Eval(*e.kids[0]));
      if (!a.is_bool()) return TypeError(is_and ? "&& expects bools" : "|| expects bools", a);
      if (a.as_bool() != is_and) return a;
      SLUICE_ASSIGN_OR_RETURN(auto b, Eval(*e.kids[1]));
      if (!b.is_bool()) return TypeError(is_and ? "&& expects bools" : "|| expects bools", b);
      return b;
    }
    case ExprKind::kNot: {
      SLUICE_ASSIGN_OR_RETURN(auto a, Eval(*e.kids[0]));
      if (!a.is_bool()) return TypeError("! expects a bool", a);
      return Value::Bool(!a.as_bool());
    }
    case ExprKind::kNeg: {
      SLUICE_ASSIGN_OR_RETURN(auto a, Eval(*e.kids[0]));
      if (!a.is_long()) return TypeError("unary - expects a long", a);
      if (a.as_long() == INT64_MIN)
        return InvalidArgument("integer overflow: -(" + a.ToString() + ")");
      return Value::Long(-a.as_long());
    }
    case ExprKind::kBinary:
      return EvalBinary(e);
    case ExprKind::kHas: {
      if (const EntityUid* u = VarUid(*e.kids[0])) {
        const Entity* ent = EntityFor(*u);
        return Value::Bool(ent != nullptr && ent->attrs.FindField(e.name) != nullptr);
      }
      SLUICE_ASSIGN_OR_RETURN(auto a, Eval(*e.kids[0]));
      if (a.is_record()) return Value::Bool(a.FindField(e.name) != nullptr);
      if (a.is_entity()) {
        const Entity* ent = EntityFor(a.as_entity());
        return Value::Bool(ent != nullptr && ent->attrs.FindField(e.name) != nullptr);
      }
      return TypeError("`has` expects an entity or record", a);
    }
    case ExprKind::kGetAttr: {
      // principal.x, resource.x, context.x: read in place (no copy of the
      // uid or the context record).
      if (const EntityUid* u = VarUid(*e.kids[0])) {
        const Entity* ent = EntityFor(*u);
        if (!ent) return InvalidArgument("entity " + u->ToString() + " does not exist");
        const Value* v = ent->attrs.FindField(e.name);
        if (!v) {
          return InvalidArgument("entity " + u->ToString() + " does not have the attribute `" +
                                 e.name + "`");
        }
        return *v;
      }
      if (e.kids[0]->kind == ExprKind::kVar && e.kids[0]->var == Var::kContext &&
          req_.context.is_record()) {
        const Value* v = req_.context.FindField(e.name);
        if (!v) return InvalidArgument("record does not have the attribute `" + e.name + "`");
        return *v;
      }
      SLUICE_ASSIGN_OR_RETURN(auto a, Eval(*e.kids[0]));
      if (a.is_record()) {
        const Value* v = a.FindField(e.name);
        if (!v) return InvalidArgument("record does not have the attribute `" + e.name + "`");
        return *v;
      }
      if (a.is_entity()) {
        const Entity* ent = EntityFor(a.as_entity());
        if (!ent) return InvalidArgument("entity " + a.as_entity().ToString() + " does not exist");
        const Value* v = ent->attrs.FindField(e.name);
        if (!v) {
          return InvalidArgument("entity " + a.as_entity().ToString() +
                                 " does not have the attribute `" + e.name + "`");
        }
        return *v;
      }
      return TypeError("attribute access expects an entity or record", a);
    }
    case ExprKind::kLike: {
      SLUICE_ASSIGN_OR_RETURN(auto a, Eval(*e.kids[0]));
      if (!a.is_string()) return TypeError("`like` expects a string", a);
      return Value::Bool(WildcardMatch(a.as_string(), e.pattern));
    }
    case ExprKind::kIs: {
      SLUICE_ASSIGN_OR_RETURN(auto a, Eval(*e.kids[0]));
      if (!a.is_entity()) return TypeError("`is` expects an entity", a);
      return Value::Bool(a.as_entity().type == e.name);
    }
    case ExprKind::kIsIn: {
      SLUICE_ASSIGN_OR_RETURN(auto a, Eval(*e.kids[0]));
      if (!a.is_entity()) return TypeError("`is` expects an entity", a);
      if (a.as_entity().type != e.name) return Value::Bool(false);
      SLUICE_ASSIGN_OR_RETURN(auto b, Eval(*e.kids[1]));
      return InEntityOrSet(a.as_entity(), b, "`in` expects an entity or a set of entities");
    }
    case ExprKind::kSet: {
      std::vector<Value> elems;
      elems.reserve(e.kids.size());
      for (const auto& k : e.kids) {
        SLUICE_ASSIGN_OR_RETURN(auto v, Eval(*k));
        elems.push_back(std::move(v));
      }
      return Value::Set(std::move(elems));
    }
    case ExprKind::kRecord: {
      std::vector<std::pair<std::string, Value>> fields;
      fields.reserve(e.kids.size());
      for (size_t i = 0; i < e.kids.size(); ++i) {
        SLUICE_ASSIGN_OR_RETURN(auto v, Eval(*e.kids[i]));
        fields.emplace_back(e.keys[i], std::move(v));
      }
      return Value::Record(std::move(fields));
    }
    case ExprKind::kCall: {
      if (e.folded) return *e.folded;
      std::vector<Value> args;
      args.reserve(e.kids.size());
      for (const auto& k : e.kids) {
        SLUICE_ASSIGN_OR_RETURN(auto v, Eval(*k));
        args.push_back(std::move(v));
      }
      return CallExtension(e.fn, args);
    }
    case ExprKind::kIsEmpty: {
      SLUICE_ASSIGN_OR_RETURN(auto a, Eval(*e.kids[0]));
      if (!a.is_set()) return TypeError("isEmpty expects a set", a);
      return Value::Bool(a.as_set().elems.empty());
    }
  }
  return Internal("bad expression kind");
}

Result<Value> Evaluator::EvalBinary(const Expr& e) const {
  SLUICE_ASSIGN_OR_RETURN(auto a, Eval(*e.kids[0]));
  SLUICE_ASSIGN_OR_RETURN(auto b, Eval(*e.kids[1]));
  switch (e.op) {
    case BinOp::kEq:
      return Value::Bool(a == b);
    case BinOp::kLt:
    case BinOp::kLe:
    case BinOp::kGt:
    case BinOp::kGe: {
      int c;
      if (a.is_long() && b.is_long()) {
        c = a.as_long() < b.as_long() ? -1 : (a.as_long() > b.as_long() ? 1 : 0);
      } else if (auto oc = CompareOrderedExt(a, b)) {
        c = *oc;
      } else {
        return InvalidArgument(
            "type error: comparison expects two longs, two datetimes or two "
            "durations, got " +
            a.TypeName() + " and " + b.TypeName());
      }
      switch (e.op) {
        case BinOp::kLt:
          return Value::Bool(c < 0);
        case BinOp::kLe:
          return Value::Bool(c <= 0);
        case BinOp::kGt:
          return Value::Bool(c > 0);
        default:
          return Value::Bool(c >= 0);
      }
    }
    case BinOp::kAdd:
    case BinOp::kSub:
    case BinOp::kMul: {
      if (!a.is_long()) return TypeError("arithmetic expects longs", a);
      if (!b.is_long()) return TypeError("arithmetic expects longs", b);
      int64_t x = a.as_long(), y = b.as_long(), r;
      bool ovf;
      const char* sym;
      if (e.op == BinOp::kAdd) {
        ovf = __builtin_add_overflow(x, y, &r);
        sym = "+";
      } else if (e.op == BinOp::kSub) {
        ovf = __builtin_sub_overflow(x, y, &r);
        sym = "-";
      } else {
        ovf = __builtin_mul_overflow(x, y, &r);
        sym = "*";
      }
      if (ovf) return Overflow(sym, x, y);
      return Value::Long(r);
    }
    case BinOp::kIn: {
      if (!a.is_entity()) return TypeError("`in` expects an entity on the left", a);
      return InEntityOrSet(a.as_entity(), b,
                           "`in` expects an entity or a set of entities on the right");
    }
    case BinOp::kContains:
      if (!a.is_set()) return TypeError("contains expects a set", a);
      return Value::Bool(a.SetContains(b));
    case BinOp::kContainsAll:
    case BinOp::kContainsAny: {
      if (!a.is_set()) return TypeError("containsAll/containsAny expects a set", a);
      if (!b.is_set()) return TypeError("containsAll/containsAny expects a set argument", b);
      bool all = e.op == BinOp::kContainsAll;
      for (const auto& x : b.as_set().elems) {
        bool has = a.SetContains(x);
        if (all && !has) return Value::Bool(false);
        if (!all && has) return Value::Bool(true);
      }
      return Value::Bool(all);
    }
    case BinOp::kHasTag:
    case BinOp::kGetTag: {
      if (!a.is_entity()) return TypeError("hasTag/getTag expects an entity", a);
      if (!b.is_string()) return TypeError("hasTag/getTag expects a string tag", b);
      const Entity* ent = EntityFor(a.as_entity());
      const Value* t = ent ? ent->tags.FindField(b.as_string()) : nullptr;
      if (e.op == BinOp::kHasTag) return Value::Bool(t != nullptr);
      if (!ent) return InvalidArgument("entity " + a.as_entity().ToString() + " does not exist");
      if (!t) {
        return InvalidArgument("entity " + a.as_entity().ToString() + " does not have the tag " +
                               b.ToString());
      }
      return *t;
    }
  }
  return Internal("bad binary operator");
}

EntityStore::Node Evaluator::NodeFor(const EntityUid& u) const {
  Resolved* r;
  const EntityUid* ru;
  if (&u == &req_.principal || u == req_.principal) {
    r = &principal_;
    ru = &req_.principal;
  } else if (&u == &req_.resource || u == req_.resource) {
    r = &resource_;
    ru = &req_.resource;
  } else {
    return store_.FindNode(u, UidHash64(u));
  }
  if (!r->done) {
    r->node = store_.FindNode(*ru, UidHash64(*ru));
    r->done = true;
  }
  return r->node;
}

const EntityUid* Evaluator::VarUid(const Expr& e) const {
  if (e.kind != ExprKind::kVar) return nullptr;
  switch (e.var) {
    case Var::kPrincipal:
      return &req_.principal;
    case Var::kResource:
      return &req_.resource;
    case Var::kAction:
      return &req_.action;
    case Var::kContext:
      return nullptr;
  }
  return nullptr;
}

bool Evaluator::MatchOne(const ScopeConstraint& c, const EntityUid& uid) const {
  switch (c.kind) {
    case ScopeConstraint::Kind::kAny:
      return true;
    case ScopeConstraint::Kind::kEq:
      return !c.uids.empty() && uid == c.uids[0];
    case ScopeConstraint::Kind::kIn:
      for (const auto& u : c.uids) {
        if (In(uid, u)) return true;
      }
      return false;
    case ScopeConstraint::Kind::kIs:
      return uid.type == c.entity_type;
    case ScopeConstraint::Kind::kIsIn:
      return uid.type == c.entity_type && !c.uids.empty() && In(uid, c.uids[0]);
  }
  return false;
}

bool Evaluator::ScopeMatches(const Policy& p) const {
  return MatchOne(p.principal, req_.principal) && MatchOne(p.action, req_.action) &&
         MatchOne(p.resource, req_.resource);
}

Result<bool> Evaluator::Satisfied(const Policy& p) const {
  if (!ScopeMatches(p)) return false;
  return ConditionsHold(p);
}

Result<bool> Evaluator::ConditionsHold(const Policy& p) const {
  for (const auto& c : p.conditions) {
    SLUICE_ASSIGN_OR_RETURN(auto v, Eval(*c.expr));
    if (!v.is_bool()) {
      return TypeError(
          c.is_when ? "`when` condition must be a bool" : "`unless` condition must be a bool", v);
    }
    if (v.as_bool() != c.is_when) return false;
  }
  return true;
}

}  // namespace sluice::policy
