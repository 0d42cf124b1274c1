// Hash64: the one 64-bit hash of a value that profiling needs (HyperLogLog and the top-values
// table both use it, so each value is hashed once).
//
// A small multiply-xorshift hash of our own: 8 bytes per step, a MurmurHash3 fmix64 finalizer
// so that every output bit depends on every input bit (HyperLogLog reads the top 14 bits as a
// register index and counts leading zeros in the rest, so the bits must be well mixed).
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

inline uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline uint64_t Fmix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline uint64_t Rotl(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

}  // namespace internal

inline uint64_t Hash64(std::string_view s) {
  constexpr uint64_t kMul1 = 0x9E3779B97F4A7C15ULL;
  constexpr uint64_t kMul2 = 0xC2B2AE3D27D4EB4FULL;
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = 0x27D4EB2F165667C5ULL ^ (static_cast<uint64_t>(n) * kMul1);
  while (n >= 8) {
    h = internal::Rotl(h ^ (internal::Load64(p) * kMul2), 31) * kMul1;
    p += 8;
    n -= 8;
  }
  if (n > 0) {
    // The last 1-7 bytes, read without a variable-length copy (which the compiler turns into a
    // byte loop and a stalled store-to-load): the 8 bytes ending at the end of the value when
    // there are that many, else overlapping 4-byte or single-byte reads covering every byte.
    uint64_t tail;
    if (s.size() >= 8) {
      tail = internal::Load64(p + n - 8) >> (64 - 8 * n);
    } else if (n >= 4) {
      tail = internal::Load32(p) | (uint64_t{internal::Load32(p + n - 4)} << 32);
    } else {
      tail = static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
             static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
             static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    h = internal::Rotl(h ^ (tail * kMul2), 31) * kMul1;
  }
  return internal::Fmix64(h);
}

}  // namespace sluice::scan
