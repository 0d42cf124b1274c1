// Helpers shared by the extension types to build uniform error statuses.
//
// Every parse error reads `invalid <type> "<text>": <reason>` and every
// arithmetic overflow reads `overflow: ...`; both are kInvalidArgument. The
// offending text is quoted with C-style escapes (quotes, backslashes, control
// and non-ASCII bytes become \" \\ \xNN) and cut at kMaxQuotedBytes input bytes,
// so hostile input can neither forge log lines nor blow up messages.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::policy::ext::internal {

inline constexpr std::size_t kMaxQuotedBytes = 64;

// `text` in double quotes, escaped and truncated (then followed by "...").
std::string QuoteText(std::string_view text);

// InvalidArgument `invalid <type_name> "<text>": <reason>`.
Status ParseError(std::string_view type_name, std::string_view text, std::string_view reason);

// InvalidArgument `overflow: <what>`.
Status OverflowError(std::string_view what);

}  // namespace sluice::policy::ext::internal
