// TopValues: the most frequent values of a column, in bounded memory (a Misra-Gries summary
// that, once a column has shown more distinct values than it can hold, admits new values on a
// sample: "sample and hold").
//
// Keeps at most kCapacity counters. A value already counted is incremented; a new value takes a
// free counter; when none is free, every counter is decremented and those reaching zero are
// freed (the new value is dropped, as the algorithm requires). A column with at most kCapacity
// distinct values never decrements, so its counts are exact.
//
// After the first decrement the column evidently has more than kCapacity distinct values, and
// from then on a value that has no counter is admitted (takes a counter, or causes the
// decrement) only on a pseudo-random ~1-in-kAdmitOneIn sample of such arrivals; a value that
// has a counter is still counted on every occurrence. Most values of a high-cardinality column
// are new ones, so this skips most of the work (inserts, decrements, copies of values that
// are freed again) where it is spent, and changes little where it matters: a frequent value
// is admitted after ~kAdmitOneIn of its occurrences (fewer than 100 with probability
// 1 - 2e-3, the chance falling tenfold every ~37 more) and counted exactly from then on. So:
// a value occurring more than n / (kCapacity + 1) + ~100 times in n values is kept, and a
// reported count is at most n / (kCapacity + 1) + ~100 below the true count (plain
// Misra-Gries: n / (kCapacity + 1)). The sample is drawn from a fixed-seed generator and the
// arrival order, so a report does not depend on how the input was chunked.
//
// The decrement step costs O(kCapacity) but happens at most once per kCapacity + 1 admitted
// values, so Add is amortized O(1). Values longer than kMaxValueBytes are not counted (a
// top-values list of long texts says nothing, and it bounds memory). The hashes and counts
// that every Add touches are kept apart from the values (about 2.5 KiB per column), and freed
// value strings keep their buffers, so steady state allocates nothing. Values are compared by
// their 64-bit hashes first and then byte for byte (inline up to 16 bytes), so two values
// never share a counter.
//
// Thread-safety: none. Memory: kCapacity strings of at most kMaxValueBytes.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::scan {

class TopValues {
 public:
  static constexpr size_t kCapacity = 64;
  static constexpr size_t kMaxValueBytes = 256;
  static constexpr uint32_t kAdmitOneIn = 16;  // after the first decrement (mean stride)

  TopValues() { slot_tag_.fill(0); }

  // `hash` is Hash64(value).
  void Add(std::string_view value, uint64_t hash) {
    AddBorrowed(value, hash);
    Settle();
  }
  // As Add, but a new counter only points at `value`, which must stay valid until Settle. The
  // scanner adds a batch of values this way and settles once per batch: in a column of mostly
  // unique values most counters are freed again within the batch, and never copy their value.
  // Inline: it runs for every value of a table; the decrement step is out of line.
  void AddBorrowed(std::string_view value, uint64_t hash) {
    if (value.size() > kMaxValueBytes) return;
    const uint32_t tag = Tag(hash);
    size_t slot = hash & (kSlots - 1);
    while (slot_tag_[slot] != 0) {
      if (slot_tag_[slot] == tag) {
        const uint8_t i = slot_counter_[slot];
        if (hashes_[i] == hash && size_[i] == value.size() &&
            SameBytes(data_[i], value.data(), value.size())) {
          ++counts_[i];
          return;
        }
      }
      slot = (slot + 1) & (kSlots - 1);
    }
    if (sampling_ && --skip_ != 0) return;  // not admitted
    if (sampling_) skip_ = NextSkip();
    if (used_ == kCapacity) {
      DecrementAll();
      return;
    }
    const size_t i = used_++;
    hashes_[i] = hash;
    counts_[i] = 1;
    data_[i] = value.data();
    size_[i] = static_cast<uint32_t>(value.size());
    is_owned_[i] = false;
    unsettled_ = true;
    slot_tag_[slot] = tag;
    slot_counter_[slot] = static_cast<uint8_t>(i);
  }
  // Copies the values that counters still point at.
  void Settle();
  // Starts loading the index slot `hash` probes first.
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slot_tag_[hash & (kSlots - 1)]); }

  // Up to n values with their counts, most frequent first (ties by value, bytewise).
  std::vector<std::pair<std::string, uint64_t>> Top(size_t n) const;

 private:
  static constexpr size_t kSlots = 2 * kCapacity;  // open addressing, load <= 0.5

  // The high half of the hash as the index stores it (the low bits pick the slot); 0 marks an
  // empty slot.
  static uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash >> 32) | 1; }
  // a == b for two values of the same size n, without a call for n <= 16: overlapping
  // fixed-size loads cover every byte (as Hash64 reads its tail).
  static bool SameBytes(const char* a, const char* b, size_t n) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    if (n >= 8) {
      return ((Load64(a) ^ Load64(b)) | (Load64(a + n - 8) ^ Load64(b + n - 8))) == 0;
    }
    if (n >= 4) return ((Load32(a) ^ Load32(b)) | (Load32(a + n - 4) ^ Load32(b + n - 4))) == 0;
    for (size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  static uint64_t Load64(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static uint32_t Load32(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  std::string_view view(size_t i) const { return {data_[i], size_[i]}; }
  // 1..2 * kAdmitOneIn - 1, uniformly: the arrivals of new values until the next admitted one.
  uint32_t NextSkip() {
    rng_ = rng_ * 6364136223846793005ULL + 1442695040888963407ULL;  // Knuth's MMIX LCG
    return 1 + static_cast<uint32_t>((rng_ >> 32) % (2 * kAdmitOneIn - 1));
  }
  void DecrementAll();
  void RebuildIndex();

  // Counters [0, used_) are live. The index maps a slot (by hash) to a counter and keeps a tag
  // of the counter's hash beside it, so that a probe rarely loads the counter.
  size_t used_ = 0;
  bool unsettled_ = false;
  bool sampling_ = false;  // since the first decrement: new values are admitted on a sample
  uint32_t skip_ = 1;
  uint64_t rng_ = 0x9E3779B97F4A7C15ULL;
  std::array<uint32_t, kSlots> slot_tag_;
  std::array<uint8_t, kSlots> slot_counter_{};
  std::array<uint64_t, kCapacity> hashes_{};
  std::array<uint64_t, kCapacity> counts_{};
  // Each counter's value: data_ points at the caller's bytes until Settle, then at owned_[i]
  // (is_owned_). Freed counters keep their owned_ buffers for reuse.
  std::array<const char*, kCapacity> data_{};
  std::array<uint32_t, kCapacity> size_{};
  std::array<bool, kCapacity> is_owned_{};
  std::vector<std::string> owned_;  // grows to kCapacity
};

}  // namespace sluice::scan
