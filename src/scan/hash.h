// Hash64: the one 64-bit hash of a value that profiling needs (HyperLogLog and the top-values
// table both use it, so each value is hashed once).
//
// A wyhash-style hash (after Wang Yi's wyhash, public domain): the bytes are read as a few
// fixed-size words (overlapping reads for a short value, no byte loop and no per-length
// branches beyond three), and words are mixed by a 64x64->128-bit multiply whose halves are
// xored ("mum"). Every output bit depends on every input bit, which HyperLogLog needs (it reads
// the top 14 bits as a register index and counts leading zeros in the rest). It is about twice
// as fast as the multiply-xorshift hash with a MurmurHash3 finalizer it replaced on the short
// fields of a table, where hashing is a large part of the profile's cost.
// std::hash<std::string_view> is not used because its quality and speed are unspecified and
// differ between standard libraries. Not cryptographic: an adversary can make values collide,
// which only skews the estimates of their own file.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sluice::scan {

namespace internal {

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

__extension__ using Uint128 = unsigned __int128;  // GCC and Clang; __extension__ for -Wpedantic

// The 128-bit product of a and b, its halves xored.
inline uint64_t Mum(uint64_t a, uint64_t b) {
  const Uint128 r = static_cast<Uint128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

}  // namespace internal

inline uint64_t Hash64(std::string_view s) {
  using internal::Load32;
  using internal::Load64;
  using internal::Mum;
  constexpr uint64_t kS0 = 0xa0761d6478bd642fULL;
  constexpr uint64_t kS1 = 0xe7037ed1a0b428dbULL;
  constexpr uint64_t kS2 = 0x8ebc6af09c88c6e3ULL;
  constexpr uint64_t kS3 = 0x589965cc75374cc3ULL;
  const char* p = s.data();
  const size_t n = s.size();
  uint64_t seed = 0x27D4EB2F165667C5ULL ^ kS0;
  uint64_t a;
  uint64_t b;
  if (n <= 16) {
    if (n >= 4) {
      // Two pairs of 4-byte reads that together cover all n bytes (4 <= n <= 16).
      const size_t mid = (n >> 3) << 2;
      a = (Load32(p) << 32) | Load32(p + mid);
      b = (Load32(p + n - 4) << 32) | Load32(p + n - 4 - mid);
    } else if (n > 0) {
      a = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16 |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8 |
          static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1]));
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    size_t i = n;
    if (i > 48) {
      uint64_t seed1 = seed;
      uint64_t seed2 = seed;
      do {
        seed = Mum(Load64(p) ^ kS1, Load64(p + 8) ^ seed);
        seed1 = Mum(Load64(p + 16) ^ kS2, Load64(p + 24) ^ seed1);
        seed2 = Mum(Load64(p + 32) ^ kS3, Load64(p + 40) ^ seed2);
        p += 48;
        i -= 48;
      } while (i > 48);
      seed ^= seed1 ^ seed2;
    }
    while (i > 16) {
      seed = Mum(Load64(p) ^ kS1, Load64(p + 8) ^ seed);
      p += 16;
      i -= 16;
    }
    // The last 16 bytes, which may overlap bytes already mixed.
    a = Load64(p + i - 16);
    b = Load64(p + i - 8);
  }
  return Mum(kS1 ^ n, Mum(a ^ kS1, b ^ seed));
}

}  // namespace sluice::scan
