// Text helpers for gate messages: values quoted from data files, remote answers and process
// output are untrusted bytes, and messages end up in JSON (which must be UTF-8) and in front of
// people (who should see a control character as an escape, not have it rewrite their terminal).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sluice::gates {

// `text` in double quotes for a message: at most `max_bytes` bytes of it (cut at a UTF-8
// boundary and marked with "..."), with '"' and '\' escaped, control bytes as \n, \t, \r or
// \xNN, and bytes that are not UTF-8 replaced by '?'.
std::string Quote(std::string_view text, size_t max_bytes = 64);

// `text` made safe to show as a block (process output, a remote message): valid UTF-8, control
// bytes other than newline and tab as \xNN, cut to its last `max_bytes` bytes when `keep_tail`
// (else its first), at a UTF-8 boundary.
std::string SanitizeBlock(std::string_view text, size_t max_bytes, bool keep_tail);

// The shortest decimal form that reads back as `value` ("0.7", "130", "1e+20"); "nan", "inf".
std::string FormatNumber(double value);

// ASCII lowercase.
std::string AsciiLower(std::string_view text);

}  // namespace sluice::gates
