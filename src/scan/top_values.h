// TopValues: the most frequent values of a column, in bounded memory (a Misra-Gries summary).
//
// Keeps at most kCapacity counters. A value already counted is incremented; a new value takes a
// free counter; when none is free, every counter is decremented and those reaching zero are
// freed (the new value is dropped, as the algorithm requires). Guarantees: a value occurring
// more than n / (kCapacity + 1) times in n values is always kept, and a reported count is at
// most n / (kCapacity + 1) below the true count. A column with at most kCapacity distinct
// values never decrements, so its counts are exact.
//
// The decrement step costs O(kCapacity) but happens at most once per kCapacity + 1 values, so
// Add is amortized O(1). Values longer than kMaxValueBytes are not counted (a top-values list of
// long texts says nothing, and it bounds memory). The hashes and counts that every Add touches
// are kept apart from the values (about 1 KiB per column), and freed value strings keep their
// buffers, so steady state allocates nothing.
//
// Thread-safety: none. Memory: kCapacity strings of at most kMaxValueBytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::scan {

class TopValues {
 public:
  static constexpr size_t kCapacity = 64;
  static constexpr size_t kMaxValueBytes = 256;

  TopValues() { index_.fill(kEmpty); }

  // `hash` is Hash64(value).
  void Add(std::string_view value, uint64_t hash) {
    AddBorrowed(value, hash);
    Settle();
  }
  // As Add, but a new counter only points at `value`, which must stay valid until Settle. The
  // scanner adds a batch of values this way and settles once per batch: in a column of mostly
  // unique values most counters are freed again within the batch, and never copy their value.
  void AddBorrowed(std::string_view value, uint64_t hash);
  // Copies the values that counters still point at.
  void Settle();
  // Starts loading the index slot `hash` probes first.
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&index_[hash & (kSlots - 1)]); }

  // Up to n values with their counts, most frequent first (ties by value, bytewise).
  std::vector<std::pair<std::string, uint64_t>> Top(size_t n) const;

 private:
  static constexpr size_t kSlots = 2 * kCapacity;  // open addressing, load <= 0.5
  static constexpr uint8_t kEmpty = 0xFF;

  struct Value {
    std::string owned;               // once settled
    const char* borrowed = nullptr;  // else the caller's bytes
    size_t borrowed_size = 0;
    std::string_view view() const {
      return borrowed != nullptr ? std::string_view(borrowed, borrowed_size) : owned;
    }
  };

  void DecrementAll();
  void RebuildIndex();

  // Counters [0, used_) are live.
  size_t used_ = 0;
  bool unsettled_ = false;
  std::array<uint8_t, kSlots> index_;
  std::array<uint64_t, kCapacity> hashes_{};
  std::array<uint64_t, kCapacity> counts_{};
  std::vector<Value> values_;  // grows to kCapacity
};

}  // namespace sluice::scan
