#include "policy/parser.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <unordered_set>

#include "policy/extensions.h"
#include "policy/lexer.h"

namespace sluice::policy {
namespace {

struct MethodInfo {
  std::string_view name;
  bool is_binop;
  BinOp op;
  ExtFn fn;
  int arity;  // arguments besides the receiver
};

constexpr MethodInfo kMethods[] = {
    {"contains", true, BinOp::kContains, ExtFn::kIp, 1},
    {"containsAll", true, BinOp::kContainsAll, ExtFn::kIp, 1},
    {"containsAny", true, BinOp::kContainsAny, ExtFn::kIp, 1},
    {"hasTag", true, BinOp::kHasTag, ExtFn::kIp, 1},
    {"getTag", true, BinOp::kGetTag, ExtFn::kIp, 1},
    {"isIpv4", false, BinOp::kEq, ExtFn::kIsIpv4, 0},
    {"isIpv6", false, BinOp::kEq, ExtFn::kIsIpv6, 0},
    {"isLoopback", false, BinOp::kEq, ExtFn::kIsLoopback, 0},
    {"isMulticast", false, BinOp::kEq, ExtFn::kIsMulticast, 0},
    {"isInRange", false, BinOp::kEq, ExtFn::kIsInRange, 1},
    {"lessThan", false, BinOp::kEq, ExtFn::kLessThan, 1},
    {"lessThanOrEqual", false, BinOp::kEq, ExtFn::kLessThanOrEqual, 1},
    {"greaterThan", false, BinOp::kEq, ExtFn::kGreaterThan, 1},
    {"greaterThanOrEqual", false, BinOp::kEq, ExtFn::kGreaterThanOrEqual, 1},
    {"offset", false, BinOp::kEq, ExtFn::kOffset, 1},
    {"durationSince", false, BinOp::kEq, ExtFn::kDurationSince, 1},
    {"toDate", false, BinOp::kEq, ExtFn::kToDate, 0},
    {"toTime", false, BinOp::kEq, ExtFn::kToTime, 0},
    {"toMilliseconds", false, BinOp::kEq, ExtFn::kToMilliseconds, 0},
    {"toSeconds", false, BinOp::kEq, ExtFn::kToSeconds, 0},
    {"toMinutes", false, BinOp::kEq, ExtFn::kToMinutes, 0},
    {"toHours", false, BinOp::kEq, ExtFn::kToHours, 0},
    {"toDays", false, BinOp::kEq, ExtFn::kToDays, 0},
};

struct FnInfo {
  std::string_view name;
  ExtFn fn;
};
constexpr FnInfo kFunctions[] = {
    {"ip", ExtFn::kIp},
    {"decimal", ExtFn::kDecimal},
    {"datetime", ExtFn::kDatetime},
    {"duration", ExtFn::kDuration},
};

using ExprPtr = std::unique_ptr<Expr>;

// Extension functions are pure, so a call on literals has one value for
// every request: compute it now (see Expr::folded).
void FoldConstantCall(Expr& call) {
  std::vector<Value> args;
  for (const auto& k : call.kids) {
    if (k->kind != ExprKind::kLit) return;
    args.push_back(k->lit);
  }
  auto v = CallExtension(call.fn, args);
  if (v.ok()) call.folded = std::move(*v);
}

class Parser {
 public:
  Parser(std::string_view text, std::string_view filename)
      : toks_(Lex(text)), filename_(filename) {}

  Result<std::vector<std::unique_ptr<Policy>>> Policies() {
    std::vector<std::unique_ptr<Policy>> out;
    while (Peek().kind != Tok::kEof) {
      auto p = ParsePolicy();
      if (!p.ok()) return p.status();
      (*p)->id = "policy" + std::to_string(out.size());
      out.push_back(std::move(*p));
    }
    return out;
  }

  Result<ExprPtr> WholeExpr() {
    auto e = ParseExpr();
    if (!e.ok()) return e.status();
    if (Peek().kind != Tok::kEof) return Err(Peek(), "expected end of expression");
    return e;
  }

  Result<EntityUid> WholeUid() {
    auto u = ParseEntityRef();
    if (!u.ok()) return u.status();
    if (Peek().kind != Tok::kEof) return Err(Peek(), "expected end of entity uid");
    return u;
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    size_t i = std::min(pos_ + ahead, toks_.size() - 1);
    return toks_[i];
  }
  const Token& Next() {
    const Token& t = toks_[pos_];
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  bool IsIdent(const Token& t, std::string_view s) const {
    return t.kind == Tok::kIdent && t.text == s;
  }

  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case Tok::kEof:
        return "end of input";
      case Tok::kIdent:
        return "`" + std::string(t.text) + "`";
      case Tok::kInt:
        return "integer `" + std::string(t.text) + "`";
      case Tok::kString:
        return "string literal";
      case Tok::kSlot:
        return "slot `" + std::string(t.text) + "`";
      case Tok::kError:
        if (t.text == "unterminated string literal") return std::string(t.text);
        return "invalid character `" + std::string(t.text) + "`";
      default:
        return std::string(TokName(t.kind));
    }
  }

  Status Err(const Token& t, std::string_view what) const {
    return InvalidArgument(filename_ + ":" + std::to_string(t.line) + ":" + std::to_string(t.col) +
                           ": " + std::string(what) + ", found " + Describe(t));
  }
  Status ErrAt(const Token& t, std::string_view what) const {
    return InvalidArgument(filename_ + ":" + std::to_string(t.line) + ":" + std::to_string(t.col) +
                           ": " + std::string(what));
  }

  Status Expect(Tok k, std::string_view what) {
    if (Peek().kind != k) return Err(Peek(), std::string("expected ") + std::string(what));
    Next();
    return Status::Ok();
  }

  static SourceLoc Loc(const Token& t) { return SourceLoc{t.line, t.col}; }

  Result<ExprPtr> Finish(ExprPtr e, const Token& at) {
    uint32_t d = 1;
    for (const auto& k : e->kids) d = std::max(d, k->depth + 1);
    e->depth = d;
    if (d > kMaxDepth) {
      return ErrAt(at, "expression too deeply nested (limit " + std::to_string(kMaxDepth) + ")");
    }
    return e;
  }

  ExprPtr Node(ExprKind k, const Token& t) {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->loc = Loc(t);
    return e;
  }

  // RAII nesting guard.
  struct Nest {
    explicit Nest(int* d) : d_(d) { ++*d_; }
    ~Nest() { --*d_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    int* d_;
  };

  // ---- policies ----

  Result<std::unique_ptr<Policy>> ParsePolicy() {
    auto p = std::make_unique<Policy>();
    p->loc = Loc(Peek());
    std::unordered_set<std::string> seen;
    while (Peek().kind == Tok::kAt) {
      Next();
      const Token& key = Peek();
      if (key.kind != Tok::kIdent) return Err(key, "expected annotation name after `@`");
      Next();
      std::string value;
      if (Peek().kind == Tok::kLParen) {
        Next();
        const Token& v = Peek();
        if (v.kind != Tok::kString) return Err(v, "expected string literal as annotation value");
        Next();
        std::string err;
        if (!UnescapeCedar(v.text, false, &value, &err, nullptr)) return ErrAt(v, err);
        SLUICE_RETURN_IF_ERROR(Expect(Tok::kRParen, "`)` after annotation value"));
      }
      if (!seen.insert(std::string(key.text)).second) {
        return ErrAt(key, "duplicate annotation `@" + std::string(key.text) + "`");
      }
      p->annotations.emplace_back(std::string(key.text), std::move(value));
    }
    const Token& eff = Peek();
    if (IsIdent(eff, "permit")) {
      p->effect = Effect::kPermit;
    } else if (IsIdent(eff, "forbid")) {
      p->effect = Effect::kForbid;
    } else {
      return Err(eff, "expected `permit` or `forbid`");
    }
    Next();
    SLUICE_RETURN_IF_ERROR(Expect(Tok::kLParen, "`(` after effect"));
    SLUICE_RETURN_IF_ERROR(ParseScopeVar("principal", &p->principal));
    SLUICE_RETURN_IF_ERROR(Expect(Tok::kComma, "`,` after principal constraint"));
    SLUICE_RETURN_IF_ERROR(ParseScopeVar("action", &p->action));
    SLUICE_RETURN_IF_ERROR(Expect(Tok::kComma, "`,` after action constraint"));
    SLUICE_RETURN_IF_ERROR(ParseScopeVar("resource", &p->resource));
    if (Peek().kind == Tok::kComma && Peek(1).kind == Tok::kRParen) Next();  // trailing comma
    SLUICE_RETURN_IF_ERROR(Expect(Tok::kRParen, "`)` after resource constraint"));
    while (IsIdent(Peek(), "when") || IsIdent(Peek(), "unless")) {
      Condition c;
      c.is_when = Peek().text == "when";
      Next();
      SLUICE_RETURN_IF_ERROR(Expect(Tok::kLBrace, "`{` after when/unless"));
      if (Peek().kind == Tok::kRBrace) return Err(Peek(), "expected an expression in condition");
      SLUICE_ASSIGN_OR_RETURN(c.expr, ParseExpr());
      SLUICE_RETURN_IF_ERROR(Expect(Tok::kRBrace, "`}` to close the condition"));
      p->conditions.push_back(std::move(c));
    }
    SLUICE_RETURN_IF_ERROR(Expect(Tok::kSemi, "`;`, `when` or `unless` after the policy scope"));
    return p;
  }

  // Entity reference or slot in the scope.
  Status ParseScopeTarget(std::string_view var, ScopeConstraint* c) {
    if (Peek().kind == Tok::kSlot) {
      std::string want = "?" + std::string(var);
      if (Peek().text != want || var == "action") {
        return Err(Peek(), "expected an entity uid" +
                               (var == "action" ? std::string() : " or `" + want + "`"));
      }
      Next();
      c->slot = true;
      return Status::Ok();
    }
    SLUICE_ASSIGN_OR_RETURN(auto uid, ParseEntityRef());
    c->uids.push_back(std::move(uid));
    return Status::Ok();
  }

  Status ParseScopeVar(std::string_view var, ScopeConstraint* c) {
    if (!IsIdent(Peek(), var)) return Err(Peek(), "expected `" + std::string(var) + "`");
    Next();
    if (Peek().kind == Tok::kEq2) {
      Next();
      c->kind = ScopeConstraint::Kind::kEq;
      return ParseScopeTarget(var, c);
    }
    if (IsIdent(Peek(), "in")) {
      Next();
      c->kind = ScopeConstraint::Kind::kIn;
      if (var == "action" && Peek().kind == Tok::kLBracket) {
        Next();
        c->action_list = true;
        while (Peek().kind != Tok::kRBracket) {
          SLUICE_ASSIGN_OR_RETURN(auto uid, ParseEntityRef());
          c->uids.push_back(std::move(uid));
          if (Peek().kind == Tok::kComma) {
            Next();
          } else if (Peek().kind != Tok::kRBracket) {
            return Err(Peek(), "expected `,` or `]` in action list");
          }
        }
        Next();
        return Status::Ok();
      }
      return ParseScopeTarget(var, c);
    }
    if (IsIdent(Peek(), "is")) {
      if (var == "action") return Err(Peek(), "`is` is not allowed on `action` in the scope");
      Next();
      SLUICE_ASSIGN_OR_RETURN(c->entity_type, ParsePath());
      c->kind = ScopeConstraint::Kind::kIs;
      if (IsIdent(Peek(), "in")) {
        Next();
        c->kind = ScopeConstraint::Kind::kIsIn;
        return ParseScopeTarget(var, c);
      }
      return Status::Ok();
    }
    if (Peek().kind == Tok::kComma || Peek().kind == Tok::kRParen) return Status::Ok();
    return Err(Peek(), "expected `==`, `in`, `is`, `,` or `)` after `" + std::string(var) + "`");
  }

  // IDENT {'::' IDENT}, not followed by '::' STRING.
  Result<std::string> ParsePath() {
    const Token& first = Peek();
    if (first.kind != Tok::kIdent) return Err(first, "expected an entity type name");
    std::string path(first.text);
    Next();
    while (Peek().kind == Tok::kColon2 && Peek(1).kind == Tok::kIdent) {
      Next();
      path += "::";
      path += Next().text;
    }
    return path;
  }

  Result<EntityUid> ParseEntityRef() {
    const Token& first = Peek();
    if (first.kind != Tok::kIdent) return Err(first, "expected an entity uid like `Type::\"id\"`");
    std::string path(first.text);
    Next();
    while (true) {
      if (Peek().kind != Tok::kColon2) return Err(Peek(), "expected `::` in entity uid");
      Next();
      const Token& t = Peek();
      if (t.kind == Tok::kString) {
        Next();
        EntityUid uid;
        uid.type = std::move(path);
        std::string err;
        if (!UnescapeCedar(t.text, false, &uid.id, &err, nullptr)) return ErrAt(t, err);
        return uid;
      }
      if (t.kind != Tok::kIdent) return Err(t, "expected identifier or string after `::`");
      path += "::";
      path += t.text;
      Next();
    }
  }

  // ---- expressions ----

  Result<ExprPtr> ParseExpr() {
    Nest n(&nest_);
    if (nest_ > kMaxNesting) {
      return ErrAt(Peek(),
                   "expression nested too deeply (limit " + std::to_string(kMaxNesting) + ")");
    }
    if (IsIdent(Peek(), "if")) {
      const Token& t = Next();
      SLUICE_ASSIGN_OR_RETURN(auto c, ParseExpr());
      if (!IsIdent(Peek(), "then")) return Err(Peek(), "expected `then`");
      Next();
      SLUICE_ASSIGN_OR_RETURN(auto a, ParseExpr());
      if (!IsIdent(Peek(), "else")) return Err(Peek(), "expected `else`");
      Next();
      SLUICE_ASSIGN_OR_RETURN(auto b, ParseExpr());
      auto e = Node(ExprKind::kIf, t);
      e->kids.push_back(std::move(c));
      e->kids.push_back(std::move(a));
      e->kids.push_back(std::move(b));
      return Finish(std::move(e), t);
    }
    return ParseOr();
  }

  Result<ExprPtr> ParseOr() {
    SLUICE_ASSIGN_OR_RETURN(auto lhs, ParseAnd());
    while (Peek().kind == Tok::kOr) {
      const Token& t = Next();
      SLUICE_ASSIGN_OR_RETURN(auto rhs, ParseAnd());
      auto e = Node(ExprKind::kOr, t);
      e->kids.push_back(std::move(lhs));
      e->kids.push_back(std::move(rhs));
      SLUICE_ASSIGN_OR_RETURN(lhs, Finish(std::move(e), t));
    }
    return lhs;
  }

  Result<ExprPtr> ParseAnd() {
    SLUICE_ASSIGN_OR_RETURN(auto lhs, ParseRelation());
    while (Peek().kind == Tok::kAnd) {
      const Token& t = Next();
      SLUICE_ASSIGN_OR_RETURN(auto rhs, ParseRelation());
      auto e = Node(ExprKind::kAnd, t);
      e->kids.push_back(std::move(lhs));
      e->kids.push_back(std::move(rhs));
      SLUICE_ASSIGN_OR_RETURN(lhs, Finish(std::move(e), t));
    }
    return lhs;
  }

  Result<ExprPtr> Binary(BinOp op, ExprPtr a, ExprPtr b, const Token& t) {
    auto e = Node(ExprKind::kBinary, t);
    e->op = op;
    e->kids.push_back(std::move(a));
    e->kids.push_back(std::move(b));
    return Finish(std::move(e), t);
  }

  Result<ExprPtr> ParseRelation() {
    SLUICE_ASSIGN_OR_RETURN(auto lhs, ParseAdd());
    const Token& t = Peek();
    std::optional<BinOp> op;
    bool negate = false;
    switch (t.kind) {
      case Tok::kEq2:
        op = BinOp::kEq;
        break;
      case Tok::kNe:
        op = BinOp::kEq;
        negate = true;
        break;
      case Tok::kLt:
        op = BinOp::kLt;
        break;
      case Tok::kLe:
        op = BinOp::kLe;
        break;
      case Tok::kGt:
        op = BinOp::kGt;
        break;
      case Tok::kGe:
        op = BinOp::kGe;
        break;
      case Tok::kEq1:
        return ErrAt(t, "invalid operator `=`; did you mean `==`?");
      default:
        break;
    }
    if (IsIdent(t, "in")) op = BinOp::kIn;
    ExprPtr result;
    if (op) {
      Next();
      SLUICE_ASSIGN_OR_RETURN(auto rhs, ParseAdd());
      SLUICE_ASSIGN_OR_RETURN(result, Binary(*op, std::move(lhs), std::move(rhs), t));
      if (negate) {
        auto n = Node(ExprKind::kNot, t);
        n->kids.push_back(std::move(result));
        SLUICE_ASSIGN_OR_RETURN(result, Finish(std::move(n), t));
      }
    } else if (IsIdent(t, "has")) {
      Next();
      std::vector<std::string> path;
      const Token& a = Peek();
      if (a.kind == Tok::kString) {
        Next();
        std::string s, err;
        if (!UnescapeCedar(a.text, false, &s, &err, nullptr)) return ErrAt(a, err);
        path.push_back(std::move(s));
      } else if (a.kind == Tok::kIdent) {
        Next();
        path.emplace_back(a.text);
        while (Peek().kind == Tok::kDot) {
          Next();
          if (Peek().kind != Tok::kIdent) return Err(Peek(), "expected attribute name after `.`");
          path.emplace_back(Next().text);
        }
      } else {
        return Err(a, "expected attribute name or string after `has`");
      }
      // e has a.b.c  =>  e has a && e.a has b && e.a.b has c
      ExprPtr acc;
      ExprPtr base = std::move(lhs);
      for (size_t i = 0; i < path.size(); ++i) {
        auto h = Node(ExprKind::kHas, t);
        h->name = path[i];
        bool last = i + 1 == path.size();
        h->kids.push_back(last ? std::move(base) : base->Clone());
        SLUICE_ASSIGN_OR_RETURN(h, Finish(std::move(h), t));
        if (!acc) {
          acc = std::move(h);
        } else {
          auto a2 = Node(ExprKind::kAnd, t);
          a2->kids.push_back(std::move(acc));
          a2->kids.push_back(std::move(h));
          SLUICE_ASSIGN_OR_RETURN(acc, Finish(std::move(a2), t));
        }
        if (!last) {
          auto g = Node(ExprKind::kGetAttr, t);
          g->name = path[i];
          g->kids.push_back(std::move(base));
          SLUICE_ASSIGN_OR_RETURN(base, Finish(std::move(g), t));
        }
      }
      result = std::move(acc);
    } else if (IsIdent(t, "like")) {
      Next();
      const Token& p = Peek();
      if (p.kind != Tok::kString) return Err(p, "expected a string literal pattern after `like`");
      Next();
      std::string s, err;
      std::vector<bool> lit;
      if (!UnescapeCedar(p.text, true, &s, &err, &lit)) return ErrAt(p, err);
      auto e = Node(ExprKind::kLike, t);
      for (size_t i = 0; i < s.size(); ++i) {
        PatternElem pe;
        if (s[i] == '*' && !lit[i]) {
          pe.wildcard = true;
        } else {
          pe.c = s[i];
        }
        e->pattern.push_back(pe);
      }
      e->kids.push_back(std::move(lhs));
      SLUICE_ASSIGN_OR_RETURN(result, Finish(std::move(e), t));
    } else if (IsIdent(t, "is")) {
      Next();
      SLUICE_ASSIGN_OR_RETURN(auto type, ParsePath());
      if (Peek().kind == Tok::kColon2) return Err(Peek(), "expected an entity type after `is`");
      if (IsIdent(Peek(), "in")) {
        Next();
        SLUICE_ASSIGN_OR_RETURN(auto rhs, ParseAdd());
        auto e = Node(ExprKind::kIsIn, t);
        e->name = std::move(type);
        e->kids.push_back(std::move(lhs));
        e->kids.push_back(std::move(rhs));
        SLUICE_ASSIGN_OR_RETURN(result, Finish(std::move(e), t));
      } else {
        auto e = Node(ExprKind::kIs, t);
        e->name = std::move(type);
        e->kids.push_back(std::move(lhs));
        SLUICE_ASSIGN_OR_RETURN(result, Finish(std::move(e), t));
      }
    } else {
      return lhs;
    }
    const Token& after = Peek();
    if (after.kind == Tok::kEq2 || after.kind == Tok::kNe || after.kind == Tok::kLt ||
        after.kind == Tok::kLe || after.kind == Tok::kGt || after.kind == Tok::kGe ||
        IsIdent(after, "in") || IsIdent(after, "has") || IsIdent(after, "like") ||
        IsIdent(after, "is")) {
      return ErrAt(after, "relational operators do not chain; add parentheses");
    }
    return result;
  }

  Result<ExprPtr> ParseAdd() {
    SLUICE_ASSIGN_OR_RETURN(auto lhs, ParseMul());
    while (Peek().kind == Tok::kPlus || Peek().kind == Tok::kMinus) {
      const Token& t = Next();
      SLUICE_ASSIGN_OR_RETURN(auto rhs, ParseMul());
      SLUICE_ASSIGN_OR_RETURN(lhs, Binary(t.kind == Tok::kPlus ? BinOp::kAdd : BinOp::kSub,
                                          std::move(lhs), std::move(rhs), t));
    }
    return lhs;
  }

  Result<ExprPtr> ParseMul() {
    SLUICE_ASSIGN_OR_RETURN(auto lhs, ParseUnary());
    while (Peek().kind == Tok::kStar || Peek().kind == Tok::kSlash ||
           Peek().kind == Tok::kPercent) {
      const Token& t = Next();
      if (t.kind != Tok::kStar) {
        return ErrAt(t, "Cedar has no `" + std::string(t.text) + "` operator");
      }
      SLUICE_ASSIGN_OR_RETURN(auto rhs, ParseUnary());
      SLUICE_ASSIGN_OR_RETURN(lhs, Binary(BinOp::kMul, std::move(lhs), std::move(rhs), t));
    }
    return lhs;
  }

  Result<ExprPtr> ParseUnary() {
    const Token& t = Peek();
    if (t.kind != Tok::kBang && t.kind != Tok::kMinus) return ParseMember();
    Tok op = t.kind;
    int count = 0;
    while (Peek().kind == op) {
      Next();
      ++count;
    }
    if (count > 4) {
      return ErrAt(t, "too many `" + std::string(t.text) + "` in a row (at most 4)");
    }
    ExprPtr e;
    if (op == Tok::kMinus && Peek().kind == Tok::kInt && !IsAccess(Peek(1).kind)) {
      // Fold the innermost `-` into the literal: Cedar's i64 minimum is only
      // writable this way.
      const Token& lit = Next();
      uint64_t v = 0;
      auto [p, ec] = std::from_chars(lit.text.data(), lit.text.data() + lit.text.size(), v);
      (void)p;
      if (ec != std::errc() || v > (uint64_t{1} << 63)) {
        return ErrAt(lit, "integer literal `-" + std::string(lit.text) + "` is out of range");
      }
      int64_t neg = v == (uint64_t{1} << 63) ? INT64_MIN : -static_cast<int64_t>(v);
      e = Node(ExprKind::kLit, lit);
      e->lit = Value::Long(neg);
      --count;
    } else {
      SLUICE_ASSIGN_OR_RETURN(e, ParseMember());
    }
    for (int i = 0; i < count; ++i) {
      auto n = Node(op == Tok::kBang ? ExprKind::kNot : ExprKind::kNeg, t);
      n->kids.push_back(std::move(e));
      SLUICE_ASSIGN_OR_RETURN(e, Finish(std::move(n), t));
    }
    return e;
  }

  static bool IsAccess(Tok k) { return k == Tok::kDot || k == Tok::kLBracket || k == Tok::kLParen; }

  Result<ExprPtr> ParseMember() {
    SLUICE_ASSIGN_OR_RETURN(auto e, ParsePrimary());
    while (true) {
      const Token& t = Peek();
      if (t.kind == Tok::kDot) {
        Next();
        const Token& name = Peek();
        if (name.kind != Tok::kIdent) return Err(name, "expected attribute or method name");
        Next();
        if (Peek().kind == Tok::kLParen) {
          SLUICE_ASSIGN_OR_RETURN(e, ParseMethod(std::move(e), name));
        } else {
          auto g = Node(ExprKind::kGetAttr, name);
          g->name = std::string(name.text);
          g->kids.push_back(std::move(e));
          SLUICE_ASSIGN_OR_RETURN(e, Finish(std::move(g), name));
        }
      } else if (t.kind == Tok::kLBracket) {
        Next();
        const Token& s = Peek();
        if (s.kind != Tok::kString) return Err(s, "expected a string literal inside `[...]`");
        Next();
        auto g = Node(ExprKind::kGetAttr, s);
        std::string err;
        if (!UnescapeCedar(s.text, false, &g->name, &err, nullptr)) return ErrAt(s, err);
        SLUICE_RETURN_IF_ERROR(Expect(Tok::kRBracket, "`]`"));
        g->kids.push_back(std::move(e));
        SLUICE_ASSIGN_OR_RETURN(e, Finish(std::move(g), s));
      } else if (t.kind == Tok::kLParen) {
        return ErrAt(t, "only extension functions and methods can be called");
      } else {
        return e;
      }
    }
  }

  Result<std::vector<ExprPtr>> ParseArgs() {
    std::vector<ExprPtr> args;
    SLUICE_RETURN_IF_ERROR(Expect(Tok::kLParen, "`(`"));
    while (Peek().kind != Tok::kRParen) {
      SLUICE_ASSIGN_OR_RETURN(auto a, ParseExpr());
      args.push_back(std::move(a));
      if (Peek().kind == Tok::kComma) {
        Next();
        if (Peek().kind == Tok::kRParen) return Err(Peek(), "expected an argument after `,`");
      } else if (Peek().kind != Tok::kRParen) {
        return Err(Peek(), "expected `,` or `)` in argument list");
      }
    }
    Next();
    return args;
  }

  Result<ExprPtr> ParseMethod(ExprPtr recv, const Token& name) {
    const MethodInfo* m = nullptr;
    for (const auto& mi : kMethods) {
      if (mi.name == name.text) m = &mi;
    }
    if (m == nullptr && name.text != "isEmpty") {
      return ErrAt(name, "unknown method `" + std::string(name.text) + "`");
    }
    SLUICE_ASSIGN_OR_RETURN(auto args, ParseArgs());
    int arity = m ? m->arity : 0;
    // Extension methods check arity when evaluated (as Cedar does); built-in
    // methods at parse time.
    if ((m == nullptr || m->is_binop) && static_cast<int>(args.size()) != arity) {
      return ErrAt(name, "method `" + std::string(name.text) + "` takes " + std::to_string(arity) +
                             " argument(s), got " + std::to_string(args.size()));
    }
    ExprPtr e;
    if (m == nullptr) {
      e = Node(ExprKind::kIsEmpty, name);
    } else if (m->is_binop) {
      e = Node(ExprKind::kBinary, name);
      e->op = m->op;
    } else {
      e = Node(ExprKind::kCall, name);
      e->fn = m->fn;
      e->name = std::string(name.text);
    }
    e->kids.push_back(std::move(recv));
    for (auto& a : args) e->kids.push_back(std::move(a));
    return Finish(std::move(e), name);
  }

  Result<ExprPtr> ParsePrimary() {
    const Token& t = Peek();
    switch (t.kind) {
      case Tok::kInt: {
        Next();
        uint64_t v = 0;
        auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
        (void)p;
        if (ec != std::errc() || v > static_cast<uint64_t>(INT64_MAX)) {
          return ErrAt(t, "integer literal `" + std::string(t.text) + "` is out of range");
        }
        auto e = Node(ExprKind::kLit, t);
        e->lit = Value::Long(static_cast<int64_t>(v));
        return e;
      }
      case Tok::kString: {
        Next();
        std::string s, err;
        if (!UnescapeCedar(t.text, false, &s, &err, nullptr)) return ErrAt(t, err);
        auto e = Node(ExprKind::kLit, t);
        e->lit = Value::String(std::move(s));
        return e;
      }
      case Tok::kSlot:
        return ErrAt(t, "template slots are only allowed in the policy scope");
      case Tok::kLParen: {
        Next();
        SLUICE_ASSIGN_OR_RETURN(auto e, ParseExpr());
        SLUICE_RETURN_IF_ERROR(Expect(Tok::kRParen, "`)`"));
        return e;
      }
      case Tok::kLBracket: {
        Next();
        auto e = Node(ExprKind::kSet, t);
        while (Peek().kind != Tok::kRBracket) {
          SLUICE_ASSIGN_OR_RETURN(auto x, ParseExpr());
          e->kids.push_back(std::move(x));
          if (Peek().kind == Tok::kComma) {
            Next();
            if (Peek().kind == Tok::kRBracket) return Err(Peek(), "expected an element after `,`");
          } else if (Peek().kind != Tok::kRBracket) {
            return Err(Peek(), "expected `,` or `]` in set literal");
          }
        }
        Next();
        return Finish(std::move(e), t);
      }
      case Tok::kLBrace: {
        Next();
        auto e = Node(ExprKind::kRecord, t);
        std::unordered_set<std::string> seen;
        while (Peek().kind != Tok::kRBrace) {
          const Token& k = Peek();
          std::string key;
          if (k.kind == Tok::kIdent) {
            key = std::string(k.text);
          } else if (k.kind == Tok::kString) {
            std::string err;
            if (!UnescapeCedar(k.text, false, &key, &err, nullptr)) return ErrAt(k, err);
          } else {
            return Err(k, "expected a record key (identifier or string)");
          }
          Next();
          SLUICE_RETURN_IF_ERROR(Expect(Tok::kColon, "`:` after record key"));
          SLUICE_ASSIGN_OR_RETURN(auto v, ParseExpr());
          if (!seen.insert(key).second) {
            return ErrAt(k, "duplicate key \"" + EscapeCedarString(key) + "\" in record literal");
          }
          e->keys.push_back(std::move(key));
          e->kids.push_back(std::move(v));
          if (Peek().kind == Tok::kComma) {
            Next();
            if (Peek().kind == Tok::kRBrace) return Err(Peek(), "expected a record key after `,`");
          } else if (Peek().kind != Tok::kRBrace) {
            return Err(Peek(), "expected `,` or `}` in record literal");
          }
        }
        Next();
        return Finish(std::move(e), t);
      }
      case Tok::kIdent:
        return ParseNamePrimary();
      default:
        return Err(t, "expected an expression");
    }
  }

  Result<ExprPtr> ParseNamePrimary() {
    const Token& t = Next();
    if (t.text == "true" || t.text == "false") {
      auto e = Node(ExprKind::kLit, t);
      e->lit = Value::Bool(t.text == "true");
      return e;
    }
    std::string path(t.text);
    bool qualified = false;
    while (Peek().kind == Tok::kColon2) {
      Next();
      const Token& n = Peek();
      if (n.kind == Tok::kString) {
        Next();
        auto e = Node(ExprKind::kLit, t);
        EntityUid uid;
        uid.type = std::move(path);
        std::string err;
        if (!UnescapeCedar(n.text, false, &uid.id, &err, nullptr)) return ErrAt(n, err);
        e->lit = Value::Entity(std::move(uid));
        return e;
      }
      if (n.kind != Tok::kIdent) return Err(n, "expected identifier or string after `::`");
      path += "::";
      path += n.text;
      qualified = true;
      Next();
    }
    if (Peek().kind == Tok::kLParen) {
      const FnInfo* f = nullptr;
      for (const auto& fi : kFunctions) {
        if (fi.name == path) f = &fi;
      }
      if (f == nullptr) {
        for (const auto& mi : kMethods) {
          if (mi.name == path) {
            return ErrAt(t, "`" + path + "` is a method; call it as `x." + path + "(...)`");
          }
        }
        return ErrAt(t, "unknown function `" + path + "`");
      }
      SLUICE_ASSIGN_OR_RETURN(auto args, ParseArgs());
      auto e = Node(ExprKind::kCall, t);
      e->fn = f->fn;
      e->name = path;
      for (auto& a : args) e->kids.push_back(std::move(a));
      FoldConstantCall(*e);
      return Finish(std::move(e), t);
    }
    if (!qualified) {
      auto e = Node(ExprKind::kVar, t);
      if (path == "principal") {
        e->var = Var::kPrincipal;
      } else if (path == "action") {
        e->var = Var::kAction;
      } else if (path == "resource") {
        e->var = Var::kResource;
      } else if (path == "context") {
        e->var = Var::kContext;
      } else {
        return ErrAt(
            t, "unknown variable `" + path + "` (expected principal, action, resource or context)");
      }
      return e;
    }
    return ErrAt(t, "expected an entity uid or function call, found bare name `" + path + "`");
  }

  std::vector<Token> toks_;
  size_t pos_ = 0;
  std::string filename_;
  int nest_ = 0;
};

}  // namespace

Result<std::vector<std::unique_ptr<Policy>>> ParsePolicies(std::string_view text,
                                                           std::string_view filename) {
  Parser p(text, filename);
  return p.Policies();
}

Result<std::unique_ptr<Expr>> ParseExpression(std::string_view text, std::string_view filename) {
  Parser p(text, filename);
  return p.WholeExpr();
}

Result<EntityUid> ParseEntityUid(std::string_view text) {
  Parser p(text, "uid");
  return p.WholeUid();
}

}  // namespace sluice::policy
