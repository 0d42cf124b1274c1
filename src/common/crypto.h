// Small cryptographic helpers over OpenSSL: hashing, randomness and
// constant-time comparison. Stateless and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice {

// SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

// `n` bytes from the OS CSPRNG (OpenSSL RAND_bytes), hex-encoded (2n chars).
// Fails only if the CSPRNG cannot be seeded.
Result<std::string> RandomHex(std::size_t n);

// Lowercase hex of raw bytes.
std::string HexEncode(std::string_view bytes);

// True when a == b; takes time independent of where they differ (it does
// depend on the lengths, which are public for hashes and tokens).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace sluice
