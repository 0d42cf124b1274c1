#include "policy/typecheck.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "policy/extensions.h"

namespace sluice::policy {
namespace {

using Caps = std::vector<std::string>;

Caps UnionImpl(const Caps& a, const Caps& b) {
  Caps out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

Caps Intersect(const Caps& a, const Caps& b) {
  Caps out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

bool Has(const Caps& c, const std::string& k) {
  return std::binary_search(c.begin(), c.end(), k);
}

std::string AttrKey(const Expr& x, const std::string& a) {
  return x.ToString() + '\x01' + a;
}
std::string TagKey(const Expr& x, const Expr& t) {
  return x.ToString() + '\x02' + t.ToString();
}

BoolType NotImpl(BoolType b) {
  return b == BoolType::kTrue ? BoolType::kFalse : b == BoolType::kFalse ? BoolType::kTrue : b;
}

VType AnyBool() {
  return VType::Bool(BoolType::kAny);
}

const char* ConstructorName(ExtFn fn) {
  switch (fn) {
    case ExtFn::kIp:
      return "ip";
    case ExtFn::kDecimal:
      return "decimal";
    case ExtFn::kDatetime:
      return "datetime";
    case ExtFn::kDuration:
      return "duration";
    default:
      return nullptr;
  }
}

// Extension methods: argument types (receiver first) and result type.
struct ExtSig {
  std::vector<const char*> args;  // extension type names, or "" for none
  VType result;
};

std::optional<ExtSig> MethodSig(ExtFn fn) {
  auto b = AnyBool();
  switch (fn) {
    case ExtFn::kLessThan:
    case ExtFn::kLessThanOrEqual:
    case ExtFn::kGreaterThan:
    case ExtFn::kGreaterThanOrEqual:
      return ExtSig{{"decimal", "decimal"}, b};
    case ExtFn::kIsIpv4:
    case ExtFn::kIsIpv6:
    case ExtFn::kIsLoopback:
    case ExtFn::kIsMulticast:
      return ExtSig{{"ipaddr"}, b};
    case ExtFn::kIsInRange:
      return ExtSig{{"ipaddr", "ipaddr"}, b};
    case ExtFn::kOffset:
      return ExtSig{{"datetime", "duration"}, VType::Ext("datetime")};
    case ExtFn::kDurationSince:
      return ExtSig{{"datetime", "datetime"}, VType::Ext("duration")};
    case ExtFn::kToDate:
      return ExtSig{{"datetime"}, VType::Ext("datetime")};
    case ExtFn::kToTime:
      return ExtSig{{"datetime"}, VType::Ext("duration")};
    case ExtFn::kToMilliseconds:
    case ExtFn::kToSeconds:
    case ExtFn::kToMinutes:
    case ExtFn::kToHours:
    case ExtFn::kToDays:
      return ExtSig{{"duration"}, VType::Long()};
    default:
      return std::nullopt;
  }
}

}  // namespace

Typechecker::Caps Typechecker::Union(const Caps& a, const Caps& b) {
  return UnionImpl(a, b);
}
BoolType Typechecker::Not(BoolType b) {
  return NotImpl(b);
}

Typechecker::Res Typechecker::Fail(std::string msg, SourceLoc loc) {
  err_ = {std::move(msg), loc};
  return std::nullopt;
}

bool Typechecker::IsPrimLit(const Expr& e) const {
  if (e.kind == ExprKind::kVar) return e.var == Var::kAction;
  return e.kind == ExprKind::kLit && !e.lit.is_set() && !e.lit.is_record() && !e.lit.is_ext();
}

Value Typechecker::PrimLit(const Expr& e) const {
  return e.kind == ExprKind::kVar ? Value::Entity(env_.action) : e.lit;
}

std::optional<EntityUid> Typechecker::UidOf(const Expr& e) const {
  if (e.kind == ExprKind::kVar && e.var == Var::kAction) return env_.action;
  if (e.kind == ExprKind::kLit && e.lit.is_entity()) return e.lit.as_entity();
  return std::nullopt;
}

Typechecker::Res Typechecker::TypeUidLit(const EntityUid& uid, SourceLoc loc) {
  if (!s_.IsValidUid(uid)) {
    return Fail((s_.entities.count(uid.type) ? "unknown entity `" + uid.ToString() + "`"
                                             : "unknown entity type `" + uid.type + "`"),
                loc);
  }
  return R{VType::Entity(uid.type), {}};
}

Typechecker::Res Typechecker::TypeLit(const Value& v, SourceLoc loc) {
  switch (v.kind()) {
    case ValueKind::kBool:
      return R{VType::Bool(v.as_bool() ? BoolType::kTrue : BoolType::kFalse), {}};
    case ValueKind::kLong:
      return R{VType::Long(), {}};
    case ValueKind::kString:
      return R{VType::String(), {}};
    case ValueKind::kEntity:
      return TypeUidLit(v.as_entity(), loc);
    case ValueKind::kExt:
      return R{VType::Ext(v.TypeName()), {}};
    case ValueKind::kSet: {
      const auto& el = v.as_set().elems;
      if (el.empty()) return Fail("empty set literals are not allowed", loc);
      std::optional<VType> t;
      for (const auto& x : el) {
        auto r = TypeLit(x, loc);
        if (!r) return r;
        t = t ? Lub(*t, r->type) : r->type;
        if (!t) return Fail("set elements have incompatible types", loc);
      }
      return R{VType::Set(std::move(*t)), {}};
    }
    case ValueKind::kRecord: {
      std::vector<VAttr> attrs;
      for (const auto& [k, x] : v.as_record().fields) {
        auto r = TypeLit(x, loc);
        if (!r) return r;
        attrs.push_back({k, std::move(r->type), true});
      }
      return R{VType::Record(std::move(attrs)), {}};
    }
  }
  return Fail("unsupported literal", loc);
}

const VType* Typechecker::AttrsOf(const VType& t) const {
  if (t.kind == VType::Kind::kRecord) return &t;
  auto it = s_.entities.find(t.name);
  return it == s_.entities.end() ? nullptr : &it->second.attrs;
}

Typechecker::Res Typechecker::AndThen(const R& r1, const std::function<Res(const Caps&)>& rhs,
                                      SourceLoc loc) {
  if (!r1.type.IsBool()) {
    return Fail("expected a boolean operand of `&&`, found " + r1.type.ToString(), loc);
  }
  if (r1.type.b == BoolType::kFalse) return R{VType::Bool(BoolType::kFalse), {}};
  Res r2 = rhs(r1.caps);
  if (!r2) return r2;
  if (!r2->type.IsBool()) {
    return Fail("expected a boolean operand of `&&`, found " + r2->type.ToString(), loc);
  }
  switch (r2->type.b) {
    case BoolType::kFalse:
      return R{VType::Bool(BoolType::kFalse), {}};
    case BoolType::kTrue:
      return R{r1.type, UnionImpl(r1.caps, r2->caps)};
    default:
      return R{AnyBool(), UnionImpl(r1.caps, r2->caps)};
  }
}

Typechecker::Res Typechecker::TypeAnd(const R& r1, const Expr& rhs, const Caps& c, SourceLoc loc) {
  return AndThen(
      r1, [&](const Caps& c1) { return Type(rhs, UnionImpl(c, c1)); }, loc);
}

Typechecker::Res Typechecker::TypeOr(const Expr& e, const Caps& c) {
  Res r1 = Type(*e.kids[0], c);
  if (!r1) return r1;
  if (!r1->type.IsBool()) {
    return Fail("expected a boolean operand of `||`, found " + r1->type.ToString(), e.loc);
  }
  if (r1->type.b == BoolType::kTrue) return R{r1->type, {}};
  Res r2 = Type(*e.kids[1], c);
  if (!r2) return r2;
  if (!r2->type.IsBool()) {
    return Fail("expected a boolean operand of `||`, found " + r2->type.ToString(), e.loc);
  }
  if (r1->type.b == BoolType::kFalse) return r2;
  switch (r2->type.b) {
    case BoolType::kTrue:
      return R{r2->type, {}};
    case BoolType::kFalse:
      return R{AnyBool(), r1->caps};
    default:
      return R{AnyBool(), Intersect(r1->caps, r2->caps)};
  }
}

Typechecker::Res Typechecker::TypeIf(const Expr& e, const Caps& c) {
  Res r1 = Type(*e.kids[0], c);
  if (!r1) return r1;
  if (!r1->type.IsBool()) {
    return Fail("the condition of `if` must be a boolean, found " + r1->type.ToString(), e.loc);
  }
  if (r1->type.b == BoolType::kFalse) return Type(*e.kids[2], c);
  Res r2 = Type(*e.kids[1], UnionImpl(c, r1->caps));
  if (!r2) return r2;
  if (r1->type.b == BoolType::kTrue) return R{r2->type, UnionImpl(r1->caps, r2->caps)};
  Res r3 = Type(*e.kids[2], c);
  if (!r3) return r3;
  auto t = Lub(r2->type, r3->type);
  if (!t) {
    return Fail("the branches of `if` have incompatible types " + r2->type.ToString() + " and " +
                    r3->type.ToString(),
                e.loc);
  }
  return R{std::move(*t), Intersect(UnionImpl(r1->caps, r2->caps), r3->caps)};
}

Typechecker::Res Typechecker::TypeIn(const Expr& x1, const VType& t1, const Expr& x2,
                                     const VType& t2, SourceLoc loc) {
  auto bool_of = [](bool b) { return R{VType::Bool(b ? BoolType::kAny : BoolType::kFalse), {}}; };
  if (t1.kind != VType::Kind::kEntity) {
    return Fail("the left operand of `in` must be an entity, found " + t1.ToString(), loc);
  }
  std::optional<EntityUid> act1 = UidOf(x1);
  if (act1 && !s_.actions.count(*act1)) act1.reset();
  if (t2.kind == VType::Kind::kEntity) {
    auto u2 = UidOf(x2);
    if (act1 && u2) {
      return R{VType::Bool(s_.ActionDescendentOf(*act1, *u2) ? BoolType::kTrue : BoolType::kFalse),
               {}};
    }
    return bool_of(s_.TypeDescendentOf(t1.name, t2.name));
  }
  if (t2.kind == VType::Kind::kSet && t2.elem->kind == VType::Kind::kEntity) {
    if (act1 && x2.kind == ExprKind::kSet) {
      std::vector<EntityUid> uids;
      for (const auto& k : x2.kids) {
        auto u = UidOf(*k);
        if (!u) break;
        uids.push_back(*u);
      }
      if (uids.size() == x2.kids.size()) {
        bool any = std::any_of(uids.begin(), uids.end(),
                               [&](const EntityUid& u) { return s_.ActionDescendentOf(*act1, u); });
        return R{VType::Bool(any ? BoolType::kTrue : BoolType::kFalse), {}};
      }
    }
    return bool_of(s_.TypeDescendentOf(t1.name, t2.elem->name));
  }
  return Fail(
      "the right operand of `in` must be an entity or a set of entities, found " + t2.ToString(),
      loc);
}

Typechecker::Res Typechecker::TypeBinary(const Expr& e, const Caps& c) {
  const Expr& x1 = *e.kids[0];
  const Expr& x2 = *e.kids[1];
  Res r1 = Type(x1, c);
  if (!r1) return r1;
  Res r2 = Type(x2, c);
  if (!r2) return r2;
  const VType& t1 = r1->type;
  const VType& t2 = r2->type;
  auto any = [] { return R{AnyBool(), {}}; };
  auto unexpected = [&](const char* op) {
    return Fail(std::string("unexpected operand types for `") + op + "`: " + t1.ToString() +
                    " and " + t2.ToString(),
                e.loc);
  };
  switch (e.op) {
    case BinOp::kEq: {
      if (IsPrimLit(x1) && IsPrimLit(x2)) {
        return R{VType::Bool(PrimLit(x1) == PrimLit(x2) ? BoolType::kTrue : BoolType::kFalse), {}};
      }
      if (Lub(t1, t2)) return any();
      if (t1.kind == VType::Kind::kEntity && t2.kind == VType::Kind::kEntity) {
        return R{VType::Bool(BoolType::kFalse), {}};
      }
      return Fail(
          "`==` compares values of incompatible types " + t1.ToString() + " and " + t2.ToString(),
          e.loc);
    }
    case BinOp::kIn:
      return TypeIn(x1, t1, x2, t2, e.loc);
    case BinOp::kLt:
    case BinOp::kLe:
    case BinOp::kGt:
    case BinOp::kGe:
      if (t1.kind == VType::Kind::kLong && t2.kind == VType::Kind::kLong) return any();
      if (t1.kind == VType::Kind::kExt && t2.kind == VType::Kind::kExt && t1.name == t2.name &&
          (t1.name == "datetime" || t1.name == "duration")) {
        return any();
      }
      return unexpected("comparison");
    case BinOp::kAdd:
    case BinOp::kSub:
    case BinOp::kMul:
      if (t1.kind == VType::Kind::kLong && t2.kind == VType::Kind::kLong) {
        return R{VType::Long(), {}};
      }
      return unexpected("arithmetic");
    case BinOp::kContains:
      if (t1.kind != VType::Kind::kSet) return unexpected("contains");
      if (!Lub(t2, *t1.elem)) return unexpected("contains");
      return any();
    case BinOp::kContainsAll:
    case BinOp::kContainsAny:
      if (t1.kind != VType::Kind::kSet || t2.kind != VType::Kind::kSet) {
        return unexpected("containsAll/containsAny");
      }
      if (!Lub(*t1.elem, *t2.elem)) return unexpected("containsAll/containsAny");
      return any();
    case BinOp::kHasTag:
    case BinOp::kGetTag: {
      if (t1.kind != VType::Kind::kEntity || t2.kind != VType::Kind::kString) {
        return unexpected(e.op == BinOp::kHasTag ? "hasTag" : "getTag");
      }
      auto it = s_.entities.find(t1.name);
      std::string key = TagKey(x1, x2);
      if (e.op == BinOp::kHasTag) {
        if (it == s_.entities.end()) {
          if (s_.action_types.count(t1.name)) return R{VType::Bool(BoolType::kFalse), {}};
          return Fail("unknown entity type `" + t1.name + "`", e.loc);
        }
        if (!it->second.tags) return R{VType::Bool(BoolType::kFalse), {}};
        if (Has(c, key)) return R{VType::Bool(BoolType::kTrue), {}};
        return R{AnyBool(), {key}};
      }
      if (it == s_.entities.end()) return Fail("unknown entity type `" + t1.name + "`", e.loc);
      if (!it->second.tags) {
        return Fail("entity type `" + t1.name + "` has no tags", e.loc);
      }
      if (!Has(c, key)) {
        return Fail("tag " + x2.ToString() + " may not exist; guard it with `hasTag`", e.loc);
      }
      return R{*it->second.tags, {}};
    }
  }
  return unexpected("operator");
}

Typechecker::Res Typechecker::TypeHas(const Expr& e, const Caps& c) {
  const Expr& x = *e.kids[0];
  Res r = Type(x, c);
  if (!r) return r;
  const VType& t = r->type;
  bool known_to_exist = t.kind == VType::Kind::kRecord;
  const VType* rec = nullptr;
  if (t.kind == VType::Kind::kRecord) {
    rec = &t;
  } else if (t.kind == VType::Kind::kEntity) {
    rec = AttrsOf(t);
    if (!rec) {
      if (s_.action_types.count(t.name)) return R{VType::Bool(BoolType::kFalse), {}};
      return Fail("unknown entity type `" + t.name + "`", e.loc);
    }
  } else {
    return Fail("`has` needs an entity or a record, found " + t.ToString(), e.loc);
  }
  const VAttr* a = rec->FindAttr(e.name);
  if (!a) return R{VType::Bool(BoolType::kFalse), {}};
  std::string key = AttrKey(x, e.name);
  if (Has(c, key) || (a->required && known_to_exist)) return R{VType::Bool(BoolType::kTrue), {}};
  return R{AnyBool(), {key}};
}

Typechecker::Res Typechecker::TypeGetAttr(const Expr& e, const Caps& c) {
  const Expr& x = *e.kids[0];
  Res r = Type(x, c);
  if (!r) return r;
  const VType& t = r->type;
  if (t.kind != VType::Kind::kRecord && t.kind != VType::Kind::kEntity) {
    return Fail("attribute access needs an entity or a record, found " + t.ToString(), e.loc);
  }
  const VType* rec = AttrsOf(t);
  if (!rec) return Fail("unknown entity type `" + t.name + "` (actions have no attributes)", e.loc);
  const VAttr* a = rec->FindAttr(e.name);
  if (!a) return Fail("attribute `" + e.name + "` not found in " + t.ToString(), e.loc);
  if (!a->required && !Has(c, AttrKey(x, e.name))) {
    return Fail("attribute `" + e.name + "` of " + t.ToString() +
                    " is optional; guard the access with `has`",
                e.loc);
  }
  return R{a->type, {}};
}

Typechecker::Res Typechecker::TypeCall(const Expr& e, const Caps& c) {
  std::vector<VType> tys;
  for (const auto& k : e.kids) {
    Res r = Type(*k, c);
    if (!r) return r;
    tys.push_back(std::move(r->type));
  }
  if (const char* ctor = ConstructorName(e.fn)) {
    if (e.kids.size() != 1 || e.kids[0]->kind != ExprKind::kLit || !e.kids[0]->lit.is_string()) {
      return Fail(std::string("`") + ctor + "` must be applied to one string literal", e.loc);
    }
    if (!ConstructExtension(ctor, e.kids[0]->lit.as_string()).ok()) {
      return Fail(std::string("invalid `") + ctor + "` literal " + e.kids[0]->ToString(), e.loc);
    }
    return R{VType::Ext(ctor == std::string("ip") ? "ipaddr" : ctor), {}};
  }
  auto sig = MethodSig(e.fn);
  bool ok = sig && sig->args.size() == tys.size();
  for (size_t i = 0; ok && i < tys.size(); ++i) {
    ok = tys[i].kind == VType::Kind::kExt && tys[i].name == sig->args[i];
  }
  if (!ok) {
    std::string got;
    for (const auto& t : tys) got += (got.empty() ? "" : ", ") + t.ToString();
    return Fail("extension function " + e.ToString() + " applied to wrong types (" + got + ")",
                e.loc);
  }
  return R{sig->result, {}};
}

Typechecker::Res Typechecker::Type(const Expr& e, const Caps& c) {
  switch (e.kind) {
    case ExprKind::kLit:
      return TypeLit(e.lit, e.loc);
    case ExprKind::kVar:
      switch (e.var) {
        case Var::kPrincipal:
          return R{VType::Entity(env_.principal), {}};
        case Var::kAction:
          return R{VType::Entity(env_.action.type), {}};
        case Var::kResource:
          return R{VType::Entity(env_.resource), {}};
        case Var::kContext:
          return R{env_.context, {}};
      }
      break;
    case ExprKind::kIf:
      return TypeIf(e, c);
    case ExprKind::kAnd: {
      Res r1 = Type(*e.kids[0], c);
      if (!r1) return r1;
      return TypeAnd(*r1, *e.kids[1], c, e.loc);
    }
    case ExprKind::kOr:
      return TypeOr(e, c);
    case ExprKind::kNot: {
      Res r = Type(*e.kids[0], c);
      if (!r) return r;
      if (!r->type.IsBool()) return Fail("`!` needs a boolean, found " + r->type.ToString(), e.loc);
      return R{VType::Bool(NotImpl(r->type.b)), {}};
    }
    case ExprKind::kNeg: {
      Res r = Type(*e.kids[0], c);
      if (!r) return r;
      if (r->type.kind != VType::Kind::kLong) {
        return Fail("unary `-` needs a Long, found " + r->type.ToString(), e.loc);
      }
      return R{VType::Long(), {}};
    }
    case ExprKind::kBinary:
      return TypeBinary(e, c);
    case ExprKind::kHas:
      return TypeHas(e, c);
    case ExprKind::kGetAttr:
      return TypeGetAttr(e, c);
    case ExprKind::kLike: {
      Res r = Type(*e.kids[0], c);
      if (!r) return r;
      if (r->type.kind != VType::Kind::kString) {
        return Fail("`like` needs a String, found " + r->type.ToString(), e.loc);
      }
      return R{AnyBool(), {}};
    }
    case ExprKind::kIs:
    case ExprKind::kIsIn: {
      Res r = Type(*e.kids[0], c);
      if (!r) return r;
      if (r->type.kind != VType::Kind::kEntity) {
        return Fail("`is` needs an entity, found " + r->type.ToString(), e.loc);
      }
      bool is = r->type.name == e.name;
      R r1{VType::Bool(is ? BoolType::kTrue : BoolType::kFalse), {}};
      if (e.kind == ExprKind::kIs) return r1;
      return AndThen(
          r1,
          [&](const Caps&) -> Res {
            Res a = Type(*e.kids[0], c);
            if (!a) return a;
            Res b = Type(*e.kids[1], c);
            if (!b) return b;
            return TypeIn(*e.kids[0], a->type, *e.kids[1], b->type, e.loc);
          },
          e.loc);
    }
    case ExprKind::kSet: {
      if (e.kids.empty()) return Fail("empty set literals are not allowed", e.loc);
      std::optional<VType> t;
      std::vector<std::string> seen;
      for (const auto& k : e.kids) {
        Res r = Type(*k, c);
        if (!r) return r;
        seen.push_back(r->type.ToString());
        t = t ? Lub(*t, r->type) : r->type;
        if (!t) {
          std::string all;
          for (const auto& s : seen) all += (all.empty() ? "" : ", ") + s;
          return Fail("set elements have incompatible types (" + all + ")", e.loc);
        }
      }
      return R{VType::Set(std::move(*t)), {}};
    }
    case ExprKind::kRecord: {
      std::vector<VAttr> attrs;
      for (size_t i = 0; i < e.kids.size(); ++i) {
        Res r = Type(*e.kids[i], c);
        if (!r) return r;
        attrs.push_back({e.keys[i], std::move(r->type), true});
      }
      return R{VType::Record(std::move(attrs)), {}};
    }
    case ExprKind::kCall:
      return TypeCall(e, c);
    case ExprKind::kIsEmpty: {
      Res r = Type(*e.kids[0], c);
      if (!r) return r;
      if (r->type.kind != VType::Kind::kSet) {
        return Fail("`isEmpty` needs a Set, found " + r->type.ToString(), e.loc);
      }
      return R{AnyBool(), {}};
    }
  }
  return Fail("unsupported expression", e.loc);
}

}  // namespace sluice::policy
