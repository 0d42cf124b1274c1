// UTF-8 decoding for the canonical JSON and signed-note code: strict (the
// shortest form only, no surrogates, nothing above U+10FFFF), as RFC 3629
// defines valid UTF-8, because a byte string must have one reading.
//
// Thread-safety: stateless.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sluice::auditlog {

// Length (1..4) of the valid UTF-8 sequence starting at s[i], or 0 when the
// bytes there are not one. Precondition: i < s.size().
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i);

// The code point of the valid sequence of `length` bytes at s[i] (as
// returned by Utf8SequenceLength).
std::uint32_t DecodeUtf8(std::string_view s, std::size_t i, std::size_t length);

}  // namespace sluice::auditlog
