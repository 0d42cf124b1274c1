// Printer: Cedar policy text -> the same policies in Cedar's canonical layout
// (what `cedar format` produces for common inputs), for `sluice policy format`.
//
// Layout (line width 80, indent 2):
//   - one blank line between policies; annotations one per line;
//   - `permit (principal, action, resource)` on one line when the scope is
//     unconstrained, else one scope constraint per line;
//   - `when { expr }` on one line when it fits, else `when`, `{`, the
//     expression split at its top-level `&&`/`||` (operator at line end) or
//     laid out as `if` / `then` / `else` blocks, and `}`;
//   - tokens spaced as Cedar prints them (`a.b`, `f(x)`, `[1, 2]`, `{ a: 1 }`,
//     `-1`, `!x`, `User::"a"`).
// `//` comments are kept: a comment on its own line stays on its own line
// before the token it preceded; a comment after a token on the same line
// stays after that token. A condition or scope holding a comment is always
// laid out broken.
//
// The printer works on the token stream (so the source spelling of every
// token, e.g. string escapes, `!=`, `has a.b`, is kept) and only changes
// whitespace. Hence formatting is idempotent and the result parses to the
// same policies. The input must parse; otherwise the parse error is returned.
//
// Thread-safety: stateless; safe to call concurrently.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::policy {

inline constexpr int kFormatLineWidth = 80;

Result<std::string> FormatPolicies(std::string_view text, std::string_view filename = "policies");

}  // namespace sluice::policy
