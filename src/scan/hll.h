// HyperLogLog: a distinct-count estimate of a column in bounded memory.
//
// Precision p = 14 (16384 one-byte registers, standard error 1.04/sqrt(2^14) ~ 0.8%, so
// ~1.6% at two sigma). Small columns stay exact: until kMaxExactHashes distinct hashes are
// seen the sketch keeps the hashes themselves (a small open-addressed set), so a column of a
// few hundred values costs 4 KiB instead of 16 KiB and its count is exact (up to 64-bit hash
// collisions). Past that the hashes move into the registers.
//
// The estimate from the registers is Ertl's improved raw estimator ("New cardinality
// estimation algorithms for HyperLogLog sketches", 2017), which is unbiased across the whole
// range without HLL++'s empirical bias tables.
//
// Input: 64-bit hashes (Hash64 in hash.h); the top p bits pick the register.
// Thread-safety: none. Memory: at most 16 KiB.
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

namespace sluice::scan {

class HyperLogLog {
 public:
  static constexpr int kPrecision = 14;
  static constexpr uint32_t kRegisters = uint32_t{1} << kPrecision;
  static constexpr uint32_t kMaxExactHashes = 384;

  // Inline: it runs for every value of a table; the exact set is out of line.
  void Add(uint64_t hash) {
    if (!registers_.empty()) {
      AddToRegisters(hash);
    } else {
      AddExact(hash);
    }
  }
  // Starts loading the register `hash` will update: a column's registers (16 KiB) are usually
  // not in L1, and the scanner knows the hashes of a batch ahead of adding them.
  void Prefetch(uint64_t hash) const {
    if (!registers_.empty()) __builtin_prefetch(registers_.data() + (hash >> (64 - kPrecision)), 1);
  }
  uint64_t Estimate() const;

 private:
  void AddToRegisters(uint64_t hash) {
    const uint32_t index = static_cast<uint32_t>(hash >> (64 - kPrecision));
    // The rank: 1 + leading zeros of the remaining 64 - p bits, capped at 64 - p + 1.
    const uint64_t rest = hash << kPrecision;
    const int rank = rest == 0 ? 64 - kPrecision + 1 : std::countl_zero(rest) + 1;
    const uint8_t r = static_cast<uint8_t>(rank);
    if (registers_[index] < r) registers_[index] = r;
  }
  void AddExact(uint64_t hash);
  void MoveToRegisters();

  // Exact mode (registers_ empty): an open-addressed set of hashes, 0 meaning empty (the hash 0
  // is remapped to 1).
  std::vector<uint64_t> exact_;
  uint32_t exact_count_ = 0;
  std::vector<uint8_t> registers_;
};

}  // namespace sluice::scan
