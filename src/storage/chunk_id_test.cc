#include "storage/chunk_id.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <unordered_set>

namespace sluice::storage {
namespace {

constexpr std::string_view kAbcHex =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST(ChunkIdTest, OfIsSha256) {
  EXPECT_EQ(ChunkId::Of("abc").hex(), kAbcHex);
}

TEST(ChunkIdTest, DefaultIsTheEmptyChunk) {
  EXPECT_EQ(ChunkId(), ChunkId::Of(""));
  EXPECT_EQ(ChunkId().hex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ChunkIdTest, ParseAcceptsLowercaseHexAndRoundTrips) {
  Result<ChunkId> id = ChunkId::Parse(kAbcHex);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->hex(), kAbcHex);
  EXPECT_EQ(*id, ChunkId::Of("abc"));
}

TEST(ChunkIdTest, ParseRefusesWrongLength) {
  for (std::string_view bad : {std::string_view(""), kAbcHex.substr(0, 63)}) {
    Result<ChunkId> id = ChunkId::Parse(bad);
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
  }
  Result<ChunkId> too_long = ChunkId::Parse(std::string(kAbcHex) + "0");
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.status().message().find("65 characters"), std::string::npos);
}

TEST(ChunkIdTest, ParseRefusesUppercaseAndNonHex) {
  std::string upper(kAbcHex);
  upper[0] = 'B';
  Result<ChunkId> id = ChunkId::Parse(upper);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(id.status().message().find("'B' at position 0"), std::string::npos);

  std::string slash(kAbcHex);
  slash[10] = '/';  // ids become file names: a path separator must never pass
  EXPECT_FALSE(ChunkId::Parse(slash).ok());

  std::string control(kAbcHex);
  control[5] = '\n';
  Result<ChunkId> with_newline = ChunkId::Parse(control);
  ASSERT_FALSE(with_newline.ok());
  EXPECT_NE(with_newline.status().message().find("byte 0x0a at position 5"), std::string::npos);
}

TEST(ChunkIdTest, WorksAsMapKey) {
  std::map<ChunkId, int> ordered;
  std::unordered_set<ChunkId> hashed;
  for (int i = 0; i < 100; ++i) {
    const ChunkId id = ChunkId::Of(std::to_string(i));
    ordered[id] = i;
    hashed.insert(id);
  }
  EXPECT_EQ(ordered.size(), 100u);
  EXPECT_EQ(hashed.size(), 100u);
  EXPECT_EQ(ordered.at(ChunkId::Of("42")), 42);
  EXPECT_TRUE(hashed.contains(ChunkId::Of("7")));
  EXPECT_LT(ChunkId::Of("abc"), ChunkId::Of("a"));  // ba78... < ca97...
}

}  // namespace
}  // namespace sluice::storage
