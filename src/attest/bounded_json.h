// Reading untrusted JSON. ParseBoundedJson: nlohmann's parser with the
// limits an untrusted document needs before anything else reads it: a size
// cap and a nesting cap. QuoteExcerpt: a value quoted for an error message.
//
// nlohmann parses iteratively, but the JCS writer (auditlog/jcs.h) recurses
// and refuses nesting deeper than auditlog::kMaxJcsDepth; refusing such input
// at parse time, with the same depth rule, keeps every later step (canonical
// re-encoding, re-signing) from failing on a document the parser let through,
// and discards the too-deep values instead of building them.
//
// Thread-safety: stateless.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::attest {

// The JSON value of `text`. `what` names the document in error messages
// ("envelope", "statement"). kResourceExhausted when `text` is longer than
// `max_bytes`; kInvalidArgument when it is not JSON (RFC 8259) or nests a
// value deeper than auditlog::kMaxJcsDepth (the top-level value is depth 0).
Result<nlohmann::json> ParseBoundedJson(std::string_view text, std::string_view what,
                                        std::size_t max_bytes);

// `value` in double quotes, cut to its first 64 bytes (then "...") so that
// an error message stays short whatever the input held.
std::string QuoteExcerpt(std::string_view value);

}  // namespace sluice::attest
