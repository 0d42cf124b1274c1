// Parser: Cedar policy text -> AST (policies, templates, expressions).
//
// Recursive descent over the token stream from lexer.h, following Cedar's
// grammar and precedence (if-then-else < || < && < relations < + - < * <
// unary < member access < primary). Relations do not chain (`a < b < c` is an
// error, as in Cedar).
//
// Errors are values: "FILE:LINE:COL: expected X, found Y" (or what is wrong).
// Nesting is bounded (kMaxNesting open brackets/unary chains and kMaxDepth
// for the height of the built tree) so hostile input gets an error, never a
// stack overflow.
//
// Thread-safety: stateless functions; safe to call concurrently.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "policy/ast.h"

namespace sluice::policy {

inline constexpr int kMaxNesting = 128;
inline constexpr uint32_t kMaxDepth = 1000;

// Parses every policy and template in `text`. Ids are "policy0", "policy1",
// ... in file order (templates are numbered with the policies, as in Cedar).
Result<std::vector<std::unique_ptr<Policy>>> ParsePolicies(std::string_view text,
                                                           std::string_view filename = "policies");

// Parses a single expression (the whole text must be one expression).
Result<std::unique_ptr<Expr>> ParseExpression(std::string_view text,
                                              std::string_view filename = "expression");

// Parses `Ns::Type::"id"`.
Result<EntityUid> ParseEntityUid(std::string_view text);

}  // namespace sluice::policy
