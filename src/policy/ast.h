// AST: Cedar expressions and policies as built by the parser.
//
// Desugaring done at parse time so the evaluator has fewer cases:
//   a != b        -> !(a == b)
//   a > b, a >= b -> kept as kGt/kGe (operands evaluated left to right)
//   e has a.b.c   -> e has a && e.a has b && e.a.b has c
//   e is T in x   -> kIsIn (evaluates x only when e is a T)
//   -<int literal> folds into the literal (so i64 min is expressible)
//
// Ownership: each Expr owns its children (unique_ptr). A Policy owns its
// condition expressions. Trees are immutable after parsing and may be read by
// many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "policy/entity_uid.h"
#include "policy/value.h"

namespace sluice::policy {

struct SourceLoc {
  uint32_t line = 0;
  uint32_t col = 0;
};

enum class Var : uint8_t { kPrincipal, kAction, kResource, kContext };

enum class ExprKind : uint8_t {
  kLit,      // lit
  kVar,      // var
  kIf,       // kids[0] ? kids[1] : kids[2]
  kAnd,      // kids[0] && kids[1]
  kOr,       // kids[0] || kids[1]
  kNot,      // !kids[0]
  kNeg,      // -kids[0]
  kBinary,   // kids[0] op kids[1]
  kHas,      // kids[0] has name
  kGetAttr,  // kids[0].name / kids[0]["name"]
  kLike,     // kids[0] like pattern
  kIs,       // kids[0] is name
  kIsIn,     // kids[0] is name in kids[1]
  kSet,      // [kids...]
  kRecord,   // {keys[i]: kids[i]}
  kCall,     // ext function or method: fn(kids...) (receiver is kids[0])
  kIsEmpty,  // kids[0].isEmpty()
};

enum class BinOp : uint8_t {
  kEq,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kAdd,
  kSub,
  kMul,
  kContains,
  kContainsAll,
  kContainsAny,
  kHasTag,
  kGetTag,
};

// Extension functions and methods (see extensions.h for semantics).
enum class ExtFn : uint8_t {
  kIp,
  kDecimal,
  kDatetime,
  kDuration,
  kIsIpv4,
  kIsIpv6,
  kIsLoopback,
  kIsMulticast,
  kIsInRange,
  kLessThan,
  kLessThanOrEqual,
  kGreaterThan,
  kGreaterThanOrEqual,
  kOffset,
  kDurationSince,
  kToDate,
  kToTime,
  kToMilliseconds,
  kToSeconds,
  kToMinutes,
  kToHours,
  kToDays,
};

// A `like` pattern: literal bytes and wildcards.
struct PatternElem {
  bool wildcard = false;
  char c = 0;
};
using Pattern = std::vector<PatternElem>;

struct Expr {
  ExprKind kind = ExprKind::kLit;
  BinOp op = BinOp::kEq;
  Var var = Var::kPrincipal;
  ExtFn fn = ExtFn::kIp;
  SourceLoc loc;
  Value lit;
  std::string name;  // attribute name, or entity type for is
  Pattern pattern;
  std::vector<std::string> keys;
  std::vector<std::unique_ptr<Expr>> kids;
  uint32_t depth = 1;  // height of this subtree; bounded by the parser
  // kCall of an extension function on literals only (`ip("10.0.0.0/8")`):
  // its value, computed once by the parser so evaluation does not re-parse
  // the literal on every request. Absent when the call errors: the error then
  // happens at evaluation time, as Cedar reports it. Printing ignores it.
  std::optional<Value> folded;

  std::unique_ptr<Expr> Clone() const;
  // Cedar surface syntax (fully parenthesized where it matters).
  std::string ToString() const;
};

enum class Effect : uint8_t { kPermit, kForbid };

// One scope constraint (principal or resource; action uses kIn with a list).
struct ScopeConstraint {
  enum class Kind : uint8_t { kAny, kEq, kIn, kIs, kIsIn };
  Kind kind = Kind::kAny;
  std::string entity_type;      // kIs, kIsIn
  std::vector<EntityUid> uids;  // kEq/kIn: one uid (action `in [..]`: any number)
  bool slot = false;            // uids come from a template slot (unlinked)
  bool action_list = false;     // action in [...] form
};

struct Condition {
  bool is_when = true;
  std::unique_ptr<Expr> expr;
};

struct Policy {
  std::string id;
  Effect effect = Effect::kPermit;
  std::vector<std::pair<std::string, std::string>> annotations;
  ScopeConstraint principal;
  ScopeConstraint action;
  ScopeConstraint resource;
  std::vector<Condition> conditions;
  SourceLoc loc;

  bool IsTemplate() const { return principal.slot || resource.slot; }
  std::unique_ptr<Policy> Clone() const;
  std::string ToString() const;
};

}  // namespace sluice::policy
