#include "auditlog/merkle.h"

#include <gtest/gtest.h>

#include "auditlog/leaf_store.h"
#include "auditlog/test_util.h"

namespace sluice::auditlog {
namespace {

using testing::HexDecode;

Hash H(std::string_view hex) {
  return *HashFromHex(hex);
}

// The RFC 6962 reference tree of certificate-transparency (also used by
// transparency-dev/merkle): these leaves, and the root at each size 0..8.
std::vector<Hash> ReferenceLeaves() {
  std::vector<Hash> leaves;
  for (const char* hex : {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                          "606162636465666768696a6b6c6d6e6f"}) {
    leaves.push_back(LeafHash(HexDecode(hex)));
  }
  return leaves;
}

const char* const kReferenceRoots[] = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

TEST(MerkleTest, ReferenceRoots) {
  const std::vector<Hash> leaves = ReferenceLeaves();
  EXPECT_EQ(HashHex(EmptyTreeRoot()), kReferenceRoots[0]);
  CompactRange range;
  EXPECT_EQ(HashHex(range.Root()), kReferenceRoots[0]);
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    EXPECT_EQ(HashHex(RootOf(std::span(leaves).first(n))), kReferenceRoots[n]) << n;
    range.Append(leaves[n - 1]);
    EXPECT_EQ(HashHex(range.Root()), kReferenceRoots[n]) << n;
  }
}

TEST(MerkleTest, SplitPointIsTheLargestPowerOfTwoBelow) {
  EXPECT_EQ(SplitPoint(2), 1u);
  EXPECT_EQ(SplitPoint(3), 2u);
  EXPECT_EQ(SplitPoint(4), 2u);
  EXPECT_EQ(SplitPoint(5), 4u);
  EXPECT_EQ(SplitPoint(8), 4u);
  EXPECT_EQ(SplitPoint(9), 8u);
  EXPECT_EQ(SplitPoint(1000), 512u);
}

TEST(MerkleTest, ReferenceInclusionProofs) {
  const std::vector<Hash> leaves = ReferenceLeaves();
  struct Case {
    std::uint64_t index, size;
    std::vector<const char*> proof;
  };
  const Case cases[] = {
      {0,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {5,
       8,
       {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
  };
  for (const Case& c : cases) {
    Result<std::vector<Hash>> proof = InclusionProof(leaves, c.index, c.size);
    ASSERT_TRUE(proof.ok());
    std::vector<Hash> want;
    for (const char* hex : c.proof) want.push_back(H(hex));
    EXPECT_EQ(*proof, want);
    EXPECT_TRUE(
        VerifyInclusion(leaves[c.index], c.index, c.size, want, H(kReferenceRoots[c.size])).ok());
  }
}

TEST(MerkleTest, ReferenceConsistencyProofs) {
  const std::vector<Hash> leaves = ReferenceLeaves();
  struct Case {
    std::uint64_t old_size, new_size;
    std::vector<const char*> proof;
  };
  const Case cases[] = {
      {2,
       8,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {6,
       8,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2,
       5,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  for (const Case& c : cases) {
    Result<std::vector<Hash>> proof = ConsistencyProof(leaves, c.old_size, c.new_size);
    ASSERT_TRUE(proof.ok());
    std::vector<Hash> want;
    for (const char* hex : c.proof) want.push_back(H(hex));
    EXPECT_EQ(*proof, want);
    EXPECT_TRUE(VerifyConsistency(c.old_size, c.new_size, H(kReferenceRoots[c.old_size]),
                                  H(kReferenceRoots[c.new_size]), want)
                    .ok());
  }
}

std::vector<Hash> Leaves(int n) {
  std::vector<Hash> leaves;
  for (int i = 0; i < n; ++i) leaves.push_back(LeafHash("leaf " + std::to_string(i)));
  return leaves;
}

// Every proof for every size up to 64 verifies; any change to it fails.
TEST(MerkleTest, AllInclusionProofsUpTo64VerifyAndTamperedOnesFail) {
  constexpr int kMax = 64;
  const std::vector<Hash> leaves = Leaves(kMax);
  for (std::uint64_t size = 1; size <= kMax; ++size) {
    const Hash root = RootOf(std::span(leaves).first(size));
    for (std::uint64_t index = 0; index < size; ++index) {
      std::vector<Hash> proof = *InclusionProof(leaves, index, size);
      ASSERT_TRUE(VerifyInclusion(leaves[index], index, size, proof, root).ok())
          << index << "/" << size;
      EXPECT_FALSE(VerifyInclusion(leaves[(index + 1) % size], index, size, proof, root).ok() &&
                   size > 1);
      if (size > 1) {
        EXPECT_FALSE(VerifyInclusion(leaves[index], (index + 1) % size, size, proof, root).ok());
      }
      for (std::size_t k = 0; k < proof.size(); ++k) {
        std::vector<Hash> tampered = proof;
        tampered[k][k % kHashSize] ^= 0x01;
        EXPECT_FALSE(VerifyInclusion(leaves[index], index, size, tampered, root).ok());
      }
      if (!proof.empty()) {
        std::vector<Hash> shorter(proof.begin(), proof.end() - 1);
        EXPECT_FALSE(VerifyInclusion(leaves[index], index, size, shorter, root).ok());
      }
      std::vector<Hash> longer = proof;
      longer.push_back(root);
      EXPECT_FALSE(VerifyInclusion(leaves[index], index, size, longer, root).ok());
    }
    EXPECT_FALSE(InclusionProof(leaves, size, size).ok());
  }
}

TEST(MerkleTest, AllConsistencyProofsUpTo64VerifyAndTamperedOnesFail) {
  constexpr int kMax = 64;
  const std::vector<Hash> leaves = Leaves(kMax);
  std::vector<Hash> roots;
  for (std::uint64_t size = 0; size <= kMax; ++size)
    roots.push_back(RootOf(std::span(leaves).first(size)));
  for (std::uint64_t new_size = 0; new_size <= kMax; ++new_size) {
    for (std::uint64_t old_size = 0; old_size <= new_size; ++old_size) {
      std::vector<Hash> proof = *ConsistencyProof(leaves, old_size, new_size);
      ASSERT_TRUE(
          VerifyConsistency(old_size, new_size, roots[old_size], roots[new_size], proof).ok())
          << old_size << "->" << new_size;
      if (old_size == new_size || old_size == 0) {
        EXPECT_TRUE(proof.empty());
        if (new_size > 0 && old_size == 0) {
          EXPECT_FALSE(VerifyConsistency(0, new_size, roots[1], roots[new_size], proof).ok());
        }
        continue;
      }
      EXPECT_FALSE(
          VerifyConsistency(old_size, new_size, roots[old_size - 1], roots[new_size], proof).ok());
      EXPECT_FALSE(
          VerifyConsistency(old_size, new_size, roots[old_size], roots[new_size - 1], proof).ok());
      for (std::size_t k = 0; k < proof.size(); ++k) {
        std::vector<Hash> tampered = proof;
        tampered[k][0] ^= 0x80;
        EXPECT_FALSE(
            VerifyConsistency(old_size, new_size, roots[old_size], roots[new_size], tampered).ok());
      }
      std::vector<Hash> shorter(proof.begin(), proof.end() - 1);
      EXPECT_FALSE(
          VerifyConsistency(old_size, new_size, roots[old_size], roots[new_size], shorter).ok());
      std::vector<Hash> longer = proof;
      longer.push_back(roots[0]);
      EXPECT_FALSE(
          VerifyConsistency(old_size, new_size, roots[old_size], roots[new_size], longer).ok());
    }
  }
  EXPECT_FALSE(ConsistencyProof(leaves, 5, 4).ok());
  EXPECT_FALSE(VerifyConsistency(5, 4, roots[5], roots[4], {}).ok());
  EXPECT_FALSE(VerifyConsistency(4, 4, roots[4], roots[5], {}).ok());
}

// LeafStore's cached block roots give the same subtree roots as hashing the
// leaves, across block boundaries.
TEST(LeafStoreTest, SubtreeRootsMatchRootOf) {
  const int n = 3 * static_cast<int>(LeafStore::kBlockLeaves) + 123;
  const std::vector<Hash> leaves = Leaves(n);
  LeafStore store;
  for (const Hash& leaf : leaves) store.Append(leaf);
  const LeafStore::Snapshot snapshot = store.TakeSnapshot();
  ASSERT_EQ(snapshot.size(), static_cast<std::uint64_t>(n));
  for (std::uint64_t size : {1ull, 2ull, 1023ull, 1024ull, 1025ull, 2048ull, 3000ull,
                             static_cast<unsigned long long>(n)}) {
    EXPECT_EQ(snapshot.RootAt(size), RootOf(std::span(leaves).first(size))) << size;
  }
  for (std::uint64_t begin : {0ull, 512ull, 1024ull, 2048ull}) {
    for (std::uint64_t end : {begin + 1, begin + 1024, begin + 1147}) {
      ASSERT_LE(end, static_cast<std::uint64_t>(n));
      EXPECT_EQ(snapshot.SubtreeRoot(begin, end),
                RootOf(std::span(leaves).subspan(begin, end - begin)));
    }
  }
  // Proofs through the store equal proofs over the span.
  auto subtree = [&](std::uint64_t b, std::uint64_t e) { return snapshot.SubtreeRoot(b, e); };
  for (std::uint64_t index : {0ull, 1000ull, 2500ull, static_cast<unsigned long long>(n - 1)}) {
    EXPECT_EQ(*InclusionProof(subtree, index, n), *InclusionProof(leaves, index, n));
  }
  EXPECT_EQ(*ConsistencyProof(subtree, 1500, n), *ConsistencyProof(leaves, 1500, n));
}

}  // namespace
}  // namespace sluice::auditlog
