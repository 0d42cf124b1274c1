// LeafStore: the leaf hashes of a growing log, kept in memory (32 bytes per
// event), for Merkle roots at any size and proofs, without recomputing from
// the leaves every time.
//
// Leaves live in fixed blocks of kBlockLeaves that never move once
// allocated, and each full block keeps its subtree root. So a reader can
// take a Snapshot (a copy of the block pointers, n / 1024 of them) under the
// owner's lock and then hash without any lock while the writer appends; and
// the root of a range costs O(range / 1024 + 1024) hashes instead of
// O(range). Memory: 32 bytes per leaf plus 32 per 1024 leaves (10 million
// events: ~320 MB).
//
// Thread-safety: not synchronized. The owner serializes Append and
// TakeSnapshot with one mutex; a Snapshot may then be used without it, from
// any thread, while the store lives (blocks are freed only with the store).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "auditlog/hash.h"

namespace sluice::auditlog {

class LeafStore {
 public:
  static constexpr std::uint64_t kBlockLeaves = 1024;

  struct Block {
    std::array<Hash, kBlockLeaves> leaves;
    Hash root;  // MTH of `leaves`; set when the block becomes full
  };

  class Snapshot {
   public:
    std::uint64_t size() const { return size_; }
    const Hash& leaf(std::uint64_t index) const {
      return blocks_[index / kBlockLeaves]->leaves[index % kBlockLeaves];
    }
    // MTH of the leaves [begin, end). Precondition: begin < end <= size().
    Hash SubtreeRoot(std::uint64_t begin, std::uint64_t end) const;
    // MTH of the first `size` leaves. Precondition: size <= size().
    Hash RootAt(std::uint64_t size) const;

   private:
    friend class LeafStore;
    std::vector<const Block*> blocks_;
    std::uint64_t size_ = 0;
  };

  void Append(const Hash& leaf);
  std::uint64_t size() const { return size_; }
  Snapshot TakeSnapshot() const;

 private:
  std::vector<std::unique_ptr<Block>> blocks_;
  std::uint64_t size_ = 0;
};

}  // namespace sluice::auditlog
