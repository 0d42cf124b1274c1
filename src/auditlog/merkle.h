// Merkle tree hashing of RFC 6962 section 2.1 (= RFC 9162 section 2.1), the
// structure that lets a signed checkpoint of (size, root) vouch for every
// event of the log, and proofs about it:
//
//   LeafHash(d)    = SHA-256(0x00 || d)
//   NodeHash(l, r) = SHA-256(0x01 || l || r)
//   MTH({})        = SHA-256("")
//   MTH({d0})      = LeafHash(d0)
//   MTH(D[n])      = NodeHash(MTH(D[0:k]), MTH(D[k:n])), k the largest power
//                    of two smaller than n
//
// Everything here works on leaf hashes (the log keeps 32 bytes per event,
// not the events). Proof generation costs O(n) hashes over the span; the
// audit log supplies a faster source of subtree roots (LeafStore).
//
// Thread-safety: the functions are stateless; CompactRange is a value, not
// synchronized.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "auditlog/hash.h"
#include "common/status.h"

namespace sluice::auditlog {

Hash LeafHash(std::string_view leaf_bytes);
Hash NodeHash(const Hash& left, const Hash& right);
// The root of the empty tree, SHA-256 of no bytes (e3b0c442...).
Hash EmptyTreeRoot();

// The largest power of two strictly smaller than n. Precondition: n >= 2.
std::uint64_t SplitPoint(std::uint64_t n);

// MTH of the leaves whose hashes are given.
Hash RootOf(std::span<const Hash> leaf_hashes);

// CompactRange: the right frontier of a growing tree, i.e. the roots of the
// perfect subtrees that the leaves appended so far form (one per set bit of
// the size), from which the root of the current size follows. O(log n)
// memory; Append costs one NodeHash amortized, Root O(log n).
class CompactRange {
 public:
  void Append(const Hash& leaf_hash);
  std::uint64_t size() const { return size_; }
  // MTH of the leaves appended so far (EmptyTreeRoot() when none).
  Hash Root() const;

 private:
  std::uint64_t size_ = 0;
  // Invariant: peaks_[i] is the root of the i-th perfect subtree from the
  // left; their sizes are the set bits of size_, largest first.
  std::vector<Hash> peaks_;
};

// MTH of the leaves [begin, end) of some tree, for proof generation over
// leaves that are not one contiguous span.
using SubtreeRootFn = std::function<Hash(std::uint64_t begin, std::uint64_t end)>;

// The audit path of leaf `index` in the tree of the first `size` leaves
// (RFC 6962 PATH), deepest sibling first. kInvalidArgument unless
// index < size (and, for the span form, size <= leaf_hashes.size()).
Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaf_hashes, std::uint64_t index,
                                         std::uint64_t size);
Result<std::vector<Hash>> InclusionProof(const SubtreeRootFn& subtree_root, std::uint64_t index,
                                         std::uint64_t size);

// The consistency proof between the trees of the first `old_size` and
// `new_size` leaves (RFC 6962 PROOF). Empty when old_size is 0 or equals
// new_size. kInvalidArgument unless old_size <= new_size (and, for the span
// form, new_size <= leaf_hashes.size()).
Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaf_hashes,
                                           std::uint64_t old_size, std::uint64_t new_size);
Result<std::vector<Hash>> ConsistencyProof(const SubtreeRootFn& subtree_root,
                                           std::uint64_t old_size, std::uint64_t new_size);

// RFC 9162 2.1.3.2. OK, or kInvalidArgument saying why the proof fails.
Status VerifyInclusion(const Hash& leaf_hash, std::uint64_t index, std::uint64_t size,
                       std::span<const Hash> proof, const Hash& root);

// RFC 9162 2.1.4.2, plus the two trivial cases: equal sizes need an empty
// proof and equal roots; from the empty tree (old_size 0, old_root
// EmptyTreeRoot()) an empty proof. OK, or kInvalidArgument saying why.
Status VerifyConsistency(std::uint64_t old_size, std::uint64_t new_size, const Hash& old_root,
                         const Hash& new_root, std::span<const Hash> proof);

}  // namespace sluice::auditlog
