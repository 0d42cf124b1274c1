// JCS: the JSON Canonicalization Scheme of RFC 8785, the byte form in which
// audit events are hashed, signed and stored. This file writes it;
// jcs_reader.h reads it back, accepting nothing else.
//
// Canonical form, as RFC 8785 defines it:
//   - no whitespace; object members sorted by their keys compared as UTF-16
//     code unit sequences; no duplicate keys;
//   - strings: UTF-8; only `"`, `\` and U+0000..U+001F escaped; \b \t \n \f
//     \r in short form, other controls as \u00xx with lowercase hex;
//   - numbers: as ECMAScript's Number.prototype.toString prints the double.
// Deliberate deviations, documented in docs/audit-format.md:
//   - integers held as 64-bit integers (nlohmann number_integer and
//     number_unsigned) are written exactly in plain decimal; RFC 8785 would
//     round those beyond 2^53 through a double. Audit events hold counters,
//     never such values as doubles, and an exact count is worth more than
//     bit-for-bit agreement with a JavaScript implementation on them;
//   - NaN and infinities are refused (RFC 8785 refuses them too);
//   - invalid UTF-8 in a string is written as U+FFFD (what the record says
//     is then the replacement character: the event is still recorded, and
//     its bytes are valid JSON).
//
// Thread-safety: stateless.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::auditlog {

// Nesting deeper than this is refused by both the writer and the reader, so
// neither recursion can exhaust the stack.
inline constexpr int kMaxJcsDepth = 64;

// Appends `value` as a canonical JSON string (quotes included).
void AppendJcsString(std::string_view value, std::string& out);

// Appends a finite double as ECMAScript prints it ("1e+21", "0.000001",
// "1.5e-7", "-0" prints as "0"). kInvalidArgument for NaN and infinities.
Status AppendJcsDouble(double value, std::string& out);

// Appends any JSON value canonically (object keys re-sorted as UTF-16).
// kInvalidArgument for non-finite numbers, binary values, nesting deeper
// than kMaxJcsDepth, or two keys that are equal once invalid UTF-8 is
// replaced.
Status AppendJcsValue(const nlohmann::json& value, std::string& out);

// <0, 0, >0 as `a` sorts before, equal to, after `b` when both valid UTF-8
// strings are compared as sequences of UTF-16 code units (RFC 8785 3.2.3).
int CompareUtf16(std::string_view a, std::string_view b);

// The letter of the short escape RFC 8785 writes for a control character
// (b, t, n, f, r), or 0 when it is written as \u00xx.
char JcsShortEscape(unsigned char c);

}  // namespace sluice::auditlog
