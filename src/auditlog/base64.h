// Standard base64 (RFC 4648 section 4, with padding), as the C2SP signed-note
// and tlog-checkpoint formats use it for signatures, keys and root hashes.
//
// Decoding is strict: no whitespace, padding required, and the unused bits
// of the last character must be zero, so every byte string has exactly one
// accepted spelling (a signed text with two spellings of one value would let
// a byte change go unnoticed by a reader that compares values).
//
// Thread-safety: stateless.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::auditlog {

std::string Base64Encode(std::string_view bytes);
Result<std::string> Base64Decode(std::string_view text);

}  // namespace sluice::auditlog
