// UTF-8 well-formedness, for text that leaves the parser: names, descriptions and messages end
// up in JSON, and JSON encoders reject (throw on) malformed UTF-8.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sluice::platform {

// Index of the first byte of `text` that does not begin a well-formed UTF-8 sequence (overlong
// forms, surrogates, code points past U+10FFFF and truncated sequences included), or npos.
size_t InvalidUtf8At(std::string_view text);

// `text` with each byte that InvalidUtf8At would stop at replaced by '?'.
std::string ToValidUtf8(std::string_view text);

}  // namespace sluice::platform
