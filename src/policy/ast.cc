#include "policy/ast.h"

namespace sluice::policy {

std::unique_ptr<Expr> Expr::Clone() const {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->op = op;
  e->var = var;
  e->fn = fn;
  e->loc = loc;
  e->lit = lit;
  e->name = name;
  e->pattern = pattern;
  e->keys = keys;
  e->depth = depth;
  e->folded = folded;
  e->kids.reserve(kids.size());
  for (const auto& k : kids) e->kids.push_back(k->Clone());
  return e;
}

namespace {
std::string_view BinOpText(BinOp op) {
  switch (op) {
    case BinOp::kEq:
      return "==";
    case BinOp::kLt:
      return "<";
    case BinOp::kLe:
      return "<=";
    case BinOp::kGt:
      return ">";
    case BinOp::kGe:
      return ">=";
    case BinOp::kIn:
      return "in";
    case BinOp::kAdd:
      return "+";
    case BinOp::kSub:
      return "-";
    case BinOp::kMul:
      return "*";
    case BinOp::kContains:
      return "contains";
    case BinOp::kContainsAll:
      return "containsAll";
    case BinOp::kContainsAny:
      return "containsAny";
    case BinOp::kHasTag:
      return "hasTag";
    case BinOp::kGetTag:
      return "getTag";
  }
  return "?";
}

bool IsIdent(const std::string& s) {
  if (s.empty()) return false;
  if (!(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

std::string PatternText(const Pattern& p) {
  std::string s;
  std::string lit;
  auto flush = [&] {
    s += EscapeCedarString(lit);
    lit.clear();
  };
  for (const auto& e : p) {
    if (e.wildcard) {
      flush();
      s += "*";
    } else if (e.c == '*') {
      flush();
      s += "\\*";
    } else {
      lit.push_back(e.c);
    }
  }
  flush();
  return s;
}

std::string ScopeText(std::string_view var, const ScopeConstraint& c) {
  std::string s(var);
  auto target = [&]() -> std::string {
    if (c.slot) return "?" + std::string(var);
    return c.uids.empty() ? std::string() : c.uids[0].ToString();
  };
  switch (c.kind) {
    case ScopeConstraint::Kind::kAny:
      break;
    case ScopeConstraint::Kind::kEq:
      s += " == " + target();
      break;
    case ScopeConstraint::Kind::kIn:
      if (c.action_list) {
        s += " in [";
        for (size_t i = 0; i < c.uids.size(); ++i) {
          if (i) s += ", ";
          s += c.uids[i].ToString();
        }
        s += "]";
      } else {
        s += " in " + target();
      }
      break;
    case ScopeConstraint::Kind::kIs:
      s += " is " + c.entity_type;
      break;
    case ScopeConstraint::Kind::kIsIn:
      s += " is " + c.entity_type + " in " + target();
      break;
  }
  return s;
}
}  // namespace

std::string Expr::ToString() const {
  auto k = [&](size_t i) { return kids[i]->ToString(); };
  switch (kind) {
    case ExprKind::kLit:
      return lit.ToString();
    case ExprKind::kVar:
      switch (var) {
        case Var::kPrincipal:
          return "principal";
        case Var::kAction:
          return "action";
        case Var::kResource:
          return "resource";
        case Var::kContext:
          return "context";
      }
      return "?";
    case ExprKind::kIf:
      return "(if " + k(0) + " then " + k(1) + " else " + k(2) + ")";
    case ExprKind::kAnd:
      return "(" + k(0) + " && " + k(1) + ")";
    case ExprKind::kOr:
      return "(" + k(0) + " || " + k(1) + ")";
    case ExprKind::kNot:
      return "!(" + k(0) + ")";
    case ExprKind::kNeg:
      return "-(" + k(0) + ")";
    case ExprKind::kBinary:
      switch (op) {
        case BinOp::kContains:
        case BinOp::kContainsAll:
        case BinOp::kContainsAny:
        case BinOp::kHasTag:
        case BinOp::kGetTag:
          return "(" + k(0) + ")." + std::string(BinOpText(op)) + "(" + k(1) + ")";
        default:
          return "(" + k(0) + " " + std::string(BinOpText(op)) + " " + k(1) + ")";
      }
    case ExprKind::kHas:
      return "(" + k(0) + " has " + (IsIdent(name) ? name : "\"" + EscapeCedarString(name) + "\"") +
             ")";
    case ExprKind::kGetAttr:
      return "(" + k(0) + ")[\"" + EscapeCedarString(name) + "\"]";
    case ExprKind::kLike:
      return "(" + k(0) + " like \"" + PatternText(pattern) + "\")";
    case ExprKind::kIs:
      return "(" + k(0) + " is " + name + ")";
    case ExprKind::kIsIn:
      return "(" + k(0) + " is " + name + " in " + k(1) + ")";
    case ExprKind::kSet: {
      std::string s = "[";
      for (size_t i = 0; i < kids.size(); ++i) s += (i ? ", " : "") + k(i);
      return s + "]";
    }
    case ExprKind::kRecord: {
      std::string s = "{";
      for (size_t i = 0; i < kids.size(); ++i) {
        s += (i ? ", \"" : "\"") + EscapeCedarString(keys[i]) + "\": " + k(i);
      }
      return s + "}";
    }
    case ExprKind::kCall: {
      bool is_fn = fn == ExtFn::kIp || fn == ExtFn::kDecimal || fn == ExtFn::kDatetime ||
                   fn == ExtFn::kDuration;
      std::string s = is_fn ? name + "(" : "(" + k(0) + ")." + name + "(";
      for (size_t i = is_fn ? 0 : 1; i < kids.size(); ++i) {
        s += (i > (is_fn ? 0u : 1u) ? ", " : "") + k(i);
      }
      return s + ")";
    }
    case ExprKind::kIsEmpty:
      return "(" + k(0) + ").isEmpty()";
  }
  return "?";
}

std::unique_ptr<Policy> Policy::Clone() const {
  auto p = std::make_unique<Policy>();
  p->id = id;
  p->effect = effect;
  p->annotations = annotations;
  p->principal = principal;
  p->action = action;
  p->resource = resource;
  p->loc = loc;
  for (const auto& c : conditions) p->conditions.push_back({c.is_when, c.expr->Clone()});
  return p;
}

std::string Policy::ToString() const {
  std::string s;
  for (const auto& [k, v] : annotations) s += "@" + k + "(\"" + EscapeCedarString(v) + "\")\n";
  s += effect == Effect::kPermit ? "permit(\n  " : "forbid(\n  ";
  s += ScopeText("principal", principal) + ",\n  " + ScopeText("action", action) + ",\n  " +
       ScopeText("resource", resource) + "\n)";
  for (const auto& c : conditions) {
    s += c.is_when ? "\nwhen { " : "\nunless { ";
    s += c.expr->ToString() + " }";
  }
  return s + ";";
}

}  // namespace sluice::policy
