#include "storage/mock_chunk_store.h"

#include <gtest/gtest.h>

#include <vector>

namespace sluice::storage {
namespace {

TEST(MockChunkStoreTest, KeepsTheContract) {
  MockChunkStore store;
  const ChunkId id = ChunkId::Of("bytes");
  EXPECT_EQ(store.Put(id, "other").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store.Get(id).status().message(), "chunk " + id.hex() + " is missing");
  store.SetNowMs(1000);
  ASSERT_TRUE(store.Put(id, "bytes").ok());
  ASSERT_TRUE(store.Put(id, "bytes").ok());
  EXPECT_EQ(store.puts(), 2);
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(*store.Get(id), "bytes");
  EXPECT_EQ(*store.Verify(id), 5u);
  EXPECT_EQ(store.Stat(id)->modified_ms, 1000);
  std::vector<ChunkId> seen;
  ASSERT_TRUE(store
                  .ForEach([&](const ChunkInfo& info) {
                    seen.push_back(info.id);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(seen, std::vector<ChunkId>{id});
  ASSERT_TRUE(store.Remove(id).ok());
  ASSERT_TRUE(store.Remove(id).ok());
  EXPECT_FALSE(*store.Contains(id));
}

TEST(MockChunkStoreTest, InjectsFaults) {
  MockChunkStore store;
  const ChunkId id = ChunkId::Of("bytes");
  store.FailNextPuts(2, Unavailable("disk on fire"));
  EXPECT_EQ(store.Put(id, "bytes").code(), StatusCode::kUnavailable);
  EXPECT_EQ(store.Put(id, "bytes").code(), StatusCode::kUnavailable);
  EXPECT_FALSE(*store.Contains(id));
  ASSERT_TRUE(store.Put(id, "bytes").ok());

  store.FailNextGets(1, Internal("flaky"));
  EXPECT_EQ(store.Get(id).status().code(), StatusCode::kInternal);
  EXPECT_TRUE(store.Get(id).ok());

  EXPECT_TRUE(store.Corrupt(id));
  EXPECT_FALSE(store.Corrupt(ChunkId::Of("absent")));
  Result<std::string> got = store.Get(id);
  EXPECT_EQ(got.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(got.status().message().rfind("chunk " + id.hex() + " is corrupt: ", 0), 0u);
  EXPECT_EQ(store.Verify(id).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace sluice::storage
