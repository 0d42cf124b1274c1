#include "auditlog/merkle.h"

#include <bit>

namespace sluice::auditlog {
namespace {

constexpr char kLeafPrefix[1] = {0x00};
constexpr char kNodePrefix[1] = {0x01};

void Path(const SubtreeRootFn& subtree_root, std::uint64_t index, std::uint64_t begin,
          std::uint64_t end, std::vector<Hash>& out) {
  const std::uint64_t n = end - begin;
  if (n == 1) return;
  const std::uint64_t k = SplitPoint(n);
  if (index < k) {
    Path(subtree_root, index, begin, begin + k, out);
    out.push_back(subtree_root(begin + k, end));
  } else {
    Path(subtree_root, index - k, begin + k, end, out);
    out.push_back(subtree_root(begin, begin + k));
  }
}

// RFC 6962 SUBPROOF(m, D[begin:end], complete_subtree).
void SubProof(const SubtreeRootFn& subtree_root, std::uint64_t m, std::uint64_t begin,
              std::uint64_t end, bool complete_subtree, std::vector<Hash>& out) {
  const std::uint64_t n = end - begin;
  if (m == n) {
    if (!complete_subtree) out.push_back(subtree_root(begin, end));
    return;
  }
  const std::uint64_t k = SplitPoint(n);
  if (m <= k) {
    SubProof(subtree_root, m, begin, begin + k, complete_subtree, out);
    out.push_back(subtree_root(begin + k, end));
  } else {
    SubProof(subtree_root, m - k, begin + k, end, false, out);
    out.push_back(subtree_root(begin, begin + k));
  }
}

SubtreeRootFn OverSpan(std::span<const Hash> leaf_hashes) {
  return [leaf_hashes](std::uint64_t begin, std::uint64_t end) {
    return RootOf(leaf_hashes.subspan(begin, end - begin));
  };
}

bool Lsb(std::uint64_t x) {
  return (x & 1) != 0;
}

}  // namespace

Hash LeafHash(std::string_view leaf_bytes) {
  return Sha256({std::string_view(kLeafPrefix, 1), leaf_bytes});
}

Hash NodeHash(const Hash& left, const Hash& right) {
  return Sha256({std::string_view(kNodePrefix, 1), HashBytes(left), HashBytes(right)});
}

Hash EmptyTreeRoot() {
  static const Hash empty = Sha256(std::string_view());
  return empty;
}

std::uint64_t SplitPoint(std::uint64_t n) {
  return std::bit_floor(n - 1);
}

Hash RootOf(std::span<const Hash> leaf_hashes) {
  const std::size_t n = leaf_hashes.size();
  if (n == 0) return EmptyTreeRoot();
  if (n == 1) return leaf_hashes[0];
  const std::size_t k = SplitPoint(n);
  return NodeHash(RootOf(leaf_hashes.first(k)), RootOf(leaf_hashes.subspan(k)));
}

void CompactRange::Append(const Hash& leaf_hash) {
  Hash carry = leaf_hash;
  // Each trailing one bit of the size is a perfect subtree of the same size
  // as the one being carried: merge them, as in binary addition.
  for (std::uint64_t s = size_; Lsb(s); s >>= 1) {
    carry = NodeHash(peaks_.back(), carry);
    peaks_.pop_back();
  }
  peaks_.push_back(carry);
  ++size_;
}

Hash CompactRange::Root() const {
  if (peaks_.empty()) return EmptyTreeRoot();
  // MTH splits at the largest power of two, so the tree is the peaks from
  // left to right, folded from the right.
  Hash root = peaks_.back();
  for (std::size_t i = peaks_.size() - 1; i-- > 0;) root = NodeHash(peaks_[i], root);
  return root;
}

Result<std::vector<Hash>> InclusionProof(const SubtreeRootFn& subtree_root, std::uint64_t index,
                                         std::uint64_t size) {
  if (index >= size) {
    return InvalidArgument("leaf " + std::to_string(index) + " is not in a tree of size " +
                           std::to_string(size));
  }
  std::vector<Hash> proof;
  Path(subtree_root, index, 0, size, proof);
  return proof;
}

Result<std::vector<Hash>> InclusionProof(std::span<const Hash> leaf_hashes, std::uint64_t index,
                                         std::uint64_t size) {
  if (size > leaf_hashes.size()) {
    return InvalidArgument("tree size " + std::to_string(size) + " exceeds the " +
                           std::to_string(leaf_hashes.size()) + " leaves given");
  }
  return InclusionProof(OverSpan(leaf_hashes), index, size);
}

Result<std::vector<Hash>> ConsistencyProof(const SubtreeRootFn& subtree_root,
                                           std::uint64_t old_size, std::uint64_t new_size) {
  if (old_size > new_size) {
    return InvalidArgument("old size " + std::to_string(old_size) + " exceeds new size " +
                           std::to_string(new_size));
  }
  std::vector<Hash> proof;
  if (old_size == 0 || old_size == new_size) return proof;
  SubProof(subtree_root, old_size, 0, new_size, true, proof);
  return proof;
}

Result<std::vector<Hash>> ConsistencyProof(std::span<const Hash> leaf_hashes,
                                           std::uint64_t old_size, std::uint64_t new_size) {
  if (new_size > leaf_hashes.size()) {
    return InvalidArgument("tree size " + std::to_string(new_size) + " exceeds the " +
                           std::to_string(leaf_hashes.size()) + " leaves given");
  }
  return ConsistencyProof(OverSpan(leaf_hashes), old_size, new_size);
}

Status VerifyInclusion(const Hash& leaf_hash, std::uint64_t index, std::uint64_t size,
                       std::span<const Hash> proof, const Hash& root) {
  if (index >= size) {
    return InvalidArgument("leaf index " + std::to_string(index) + " is not below tree size " +
                           std::to_string(size));
  }
  std::uint64_t fn = index;
  std::uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return InvalidArgument("inclusion proof is longer than the tree is deep");
    if (Lsb(fn) || fn == sn) {
      r = NodeHash(p, r);
      if (!Lsb(fn)) {
        while (!Lsb(fn) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return InvalidArgument("inclusion proof is shorter than the tree is deep");
  if (r != root) return InvalidArgument("inclusion proof does not lead to the root");
  return Status::Ok();
}

Status VerifyConsistency(std::uint64_t old_size, std::uint64_t new_size, const Hash& old_root,
                         const Hash& new_root, std::span<const Hash> proof) {
  if (old_size > new_size) {
    return InvalidArgument("old size " + std::to_string(old_size) + " exceeds new size " +
                           std::to_string(new_size));
  }
  if (old_size == new_size) {
    if (!proof.empty())
      return InvalidArgument("consistency proof between equal sizes is not empty");
    if (old_root != new_root) return InvalidArgument("two roots for one tree size");
    return Status::Ok();
  }
  if (old_size == 0) {
    if (!proof.empty())
      return InvalidArgument("consistency proof from the empty tree is not empty");
    if (old_root != EmptyTreeRoot()) return InvalidArgument("old root is not the empty tree's");
    return Status::Ok();
  }
  if (proof.empty()) return InvalidArgument("consistency proof is empty");
  // When old_size is a power of two, the old tree is a subtree of the new
  // one and the proof omits its root: it starts the path.
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());

  std::uint64_t fn = old_size - 1;
  std::uint64_t sn = new_size - 1;
  while (Lsb(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return InvalidArgument("consistency proof is longer than the tree is deep");
    if (Lsb(fn) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!Lsb(fn)) {
        while (!Lsb(fn) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return InvalidArgument("consistency proof is shorter than the tree is deep");
  if (fr != old_root) return InvalidArgument("consistency proof does not lead to the old root");
  if (sr != new_root) return InvalidArgument("consistency proof does not lead to the new root");
  return Status::Ok();
}

}  // namespace sluice::auditlog
