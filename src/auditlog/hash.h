// Hash: a SHA-256 digest, the unit of the audit log's hash chain and Merkle
// tree, and the hashing and hex helpers the log needs on its hot paths.
//
// Sha256 keeps one OpenSSL digest context per thread, so hashing a leaf
// costs no allocation and no algorithm lookup (the one-shot SHA256() of
// OpenSSL 3 fetches the algorithm on every call, doubling the cost of a
// 65-byte Merkle node hash).
//
// Thread-safety: all functions are thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::auditlog {

inline constexpr std::size_t kHashSize = 32;
using Hash = std::array<std::uint8_t, kHashSize>;

// SHA-256 of the concatenation of `parts`.
Hash Sha256(std::initializer_list<std::string_view> parts);
inline Hash Sha256(std::string_view data) {
  return Sha256({data});
}

// The digest's bytes as a view (valid while `hash` lives).
inline std::string_view HashBytes(const Hash& hash) {
  return {reinterpret_cast<const char*>(hash.data()), hash.size()};
}

// 64 lowercase hex digits.
std::string HashHex(const Hash& hash);
// Appends the 64 lowercase hex digits of `hash` to `out`.
void AppendHashHex(const Hash& hash, std::string& out);

// Exactly 64 lowercase hex digits; anything else (uppercase included, so
// that one hash has one spelling) is kInvalidArgument.
Result<Hash> HashFromHex(std::string_view hex);

// Exactly 32 raw bytes.
Result<Hash> HashFromBytes(std::string_view bytes);

}  // namespace sluice::auditlog
