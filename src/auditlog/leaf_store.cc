#include "auditlog/leaf_store.h"

#include <span>

#include "auditlog/merkle.h"

namespace sluice::auditlog {

void LeafStore::Append(const Hash& leaf) {
  const std::uint64_t offset = size_ % kBlockLeaves;
  if (offset == 0) blocks_.push_back(std::make_unique<Block>());
  Block& block = *blocks_.back();
  block.leaves[offset] = leaf;
  ++size_;
  if (offset + 1 == kBlockLeaves) block.root = RootOf(block.leaves);
}

LeafStore::Snapshot LeafStore::TakeSnapshot() const {
  Snapshot snapshot;
  snapshot.blocks_.reserve(blocks_.size());
  for (const auto& block : blocks_) snapshot.blocks_.push_back(block.get());
  snapshot.size_ = size_;
  return snapshot;
}

Hash LeafStore::Snapshot::SubtreeRoot(std::uint64_t begin, std::uint64_t end) const {
  const std::uint64_t n = end - begin;
  if (n == 1) return leaf(begin);
  // A whole block below `end <= size_` is full, so its root is set.
  if (n == kBlockLeaves && begin % kBlockLeaves == 0) return blocks_[begin / kBlockLeaves]->root;
  if (begin / kBlockLeaves == (end - 1) / kBlockLeaves) {
    const Block& block = *blocks_[begin / kBlockLeaves];
    return RootOf(std::span<const Hash>(block.leaves).subspan(begin % kBlockLeaves, n));
  }
  const std::uint64_t k = SplitPoint(n);
  return NodeHash(SubtreeRoot(begin, begin + k), SubtreeRoot(begin + k, end));
}

Hash LeafStore::Snapshot::RootAt(std::uint64_t size) const {
  if (size == 0) return EmptyTreeRoot();
  return SubtreeRoot(0, size);
}

}  // namespace sluice::auditlog
