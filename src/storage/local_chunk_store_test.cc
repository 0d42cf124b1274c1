#include "storage/local_chunk_store.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "storage/test_util.h"

namespace sluice::storage {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<LocalChunkStore> OpenStore(const std::string& root) {
  Result<std::unique_ptr<LocalChunkStore>> store = LocalChunkStore::Open(root);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

std::map<ChunkId, std::uint64_t> ListAll(ChunkStore& store) {
  std::map<ChunkId, std::uint64_t> sizes;
  Status status = store.ForEach([&](const ChunkInfo& info) {
    sizes[info.id] = info.size;
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return sizes;
}

std::size_t CountFiles(const std::string& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++n;
  return n;
}

// Sets a file's modification time to `age_s` seconds ago.
void Age(const std::string& path, int age_s) {
  struct timespec times[2];
  ::clock_gettime(CLOCK_REALTIME, &times[0]);
  times[0].tv_sec -= age_s;
  times[1] = times[0];
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
}

TEST(LocalChunkStoreTest, RoundTrip) {
  TestTempDir dir;
  auto store = OpenStore(dir.path() + "/store");
  ASSERT_NE(store, nullptr);
  const std::string a = RandomBytes(21, 100'000);
  const std::string b = "small";
  const ChunkId id_a = ChunkId::Of(a);
  const ChunkId id_b = ChunkId::Of(b);

  EXPECT_FALSE(*store->Contains(id_a));
  ASSERT_TRUE(store->Put(id_a, a).ok());
  ASSERT_TRUE(store->Put(id_b, b).ok());
  ASSERT_TRUE(store->Put(ChunkId(), "").ok());  // the empty chunk is a chunk too
  EXPECT_TRUE(*store->Contains(id_a));
  EXPECT_EQ(*store->Get(id_a), a);
  EXPECT_EQ(*store->Get(id_b), b);
  EXPECT_EQ(*store->Get(ChunkId()), "");
  EXPECT_EQ(*store->Verify(id_a), a.size());
  Result<ChunkInfo> info = store->Stat(id_b);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->size, b.size());
  EXPECT_GT(info->modified_ms, 1'700'000'000'000);

  const std::map<ChunkId, std::uint64_t> expected = {
      {id_a, a.size()}, {id_b, b.size()}, {ChunkId(), 0}};
  EXPECT_EQ(ListAll(*store), expected);

  ASSERT_TRUE(store->Remove(id_a).ok());
  EXPECT_FALSE(*store->Contains(id_a));
  EXPECT_TRUE(store->Remove(id_a).ok()) << "removing an absent chunk is OK";
  EXPECT_EQ(ListAll(*store).size(), 2u);

  // Reopened, the chunks are still there.
  store.reset();
  store = OpenStore(dir.path() + "/store");
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->Get(id_b), b);
}

TEST(LocalChunkStoreTest, LayoutAndModes) {
  TestTempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const ChunkId id = ChunkId::Of("abc");
  ASSERT_TRUE(store->Put(id, "abc").ok());
  const std::string path = dir.path() + "/chunks/ba/" + id.hex();
  EXPECT_EQ(store->PathOf(id), path);
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777 & ~LocalChunkStore::kFileMode, 0u) << std::oct << st.st_mode;
  // Prefix directories are made on first use only.
  EXPECT_TRUE(fs::is_directory(dir.path() + "/chunks/ba"));
  EXPECT_FALSE(fs::exists(dir.path() + "/chunks/00"));
  EXPECT_EQ(CountFiles(dir.path() + "/tmp"), 0u);
}

TEST(LocalChunkStoreTest, PutRefusesBytesThatDoNotMatchTheId) {
  TestTempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const ChunkId id = ChunkId::Of("the real bytes");
  Status status = store->Put(id, "other bytes");
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "chunk " + id.hex() + ": bytes do not match the id (sha256 " +
                                  ChunkId::Of("other bytes").hex() + ")");
  EXPECT_FALSE(*store->Contains(id));
  EXPECT_TRUE(ListAll(*store).empty());
  EXPECT_EQ(CountFiles(dir.path() + "/tmp"), 0u);
}

TEST(LocalChunkStoreTest, PutIsIdempotentAndRefreshesTheTime) {
  TestTempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes(22, 5000);
  const ChunkId id = ChunkId::Of(bytes);
  ASSERT_TRUE(store->Put(id, bytes).ok());
  Age(store->PathOf(id), 3600);
  const std::int64_t aged_ms = store->Stat(id)->modified_ms;
  ASSERT_TRUE(store->Put(id, bytes).ok());
  EXPECT_GE(store->Stat(id)->modified_ms, aged_ms + 3'000'000);
  EXPECT_EQ(ListAll(*store).size(), 1u);
}

TEST(LocalChunkStoreTest, PutReplacesAFileOfTheWrongSize) {
  TestTempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes(23, 5000);
  const ChunkId id = ChunkId::Of(bytes);
  ASSERT_TRUE(store->Put(id, bytes).ok());
  fs::resize_file(store->PathOf(id), 100);  // e.g. a truncated restore
  EXPECT_EQ(store->Get(id).status().code(), StatusCode::kDataLoss);
  ASSERT_TRUE(store->Put(id, bytes).ok());
  EXPECT_EQ(*store->Get(id), bytes);
}

TEST(LocalChunkStoreTest, FlippedByteIsDataLossNamingTheChunk) {
  TestTempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes(24, 70'000);
  const ChunkId id = ChunkId::Of(bytes);
  ASSERT_TRUE(store->Put(id, bytes).ok());
  {
    std::fstream file(store->PathOf(id), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(12'345);
    file.put(static_cast<char>(bytes[12'345] ^ 0x40));
    ASSERT_TRUE(file.good());
  }
  Result<std::string> got = store->Get(id);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(got.status().message().rfind("chunk " + id.hex() + " is corrupt: ", 0), 0u)
      << got.status().message();
  Result<std::uint64_t> verified = store->Verify(id);
  EXPECT_EQ(verified.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(verified.status().message().find(id.hex()), std::string::npos);
  EXPECT_TRUE(*store->Contains(id)) << "Contains does not read the bytes";
}

TEST(LocalChunkStoreTest, DeletedFileIsNotFound) {
  TestTempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const ChunkId id = ChunkId::Of("to be lost");
  ASSERT_TRUE(store->Put(id, "to be lost").ok());
  ASSERT_TRUE(fs::remove(store->PathOf(id)));
  Result<std::string> got = store->Get(id);
  EXPECT_EQ(got.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(got.status().message(), "chunk " + id.hex() + " is missing");
  EXPECT_EQ(store->Verify(id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->Stat(id).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(*store->Contains(id));
}

TEST(LocalChunkStoreTest, OpenRemovesStaleTempFilesOnly) {
  TestTempDir dir;
  ASSERT_NE(OpenStore(dir.path()), nullptr);
  const std::string stale = dir.path() + "/tmp/" + ChunkId::Of("x").hex() + ".0123.tmp";
  const std::string fresh = dir.path() + "/tmp/" + ChunkId::Of("y").hex() + ".4567.tmp";
  std::ofstream(stale) << "half a chunk";
  std::ofstream(fresh) << "a put in flight";
  Age(stale, 2 * 3600);
  ASSERT_NE(OpenStore(dir.path()), nullptr);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(fresh));
}

TEST(LocalChunkStoreTest, ForEachSkipsStrangersAndStopsOnError) {
  TestTempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 20; ++i) {
    const std::string bytes = "chunk " + std::to_string(i);
    ASSERT_TRUE(store->Put(ChunkId::Of(bytes), bytes).ok());
  }
  // Not chunks: a stray file, and a valid id in the wrong prefix directory.
  std::ofstream(dir.path() + "/chunks/00/README") << "hello";
  std::ofstream(dir.path() + "/chunks/00/" + ChunkId::Of("abc").hex()) << "abc";
  EXPECT_EQ(ListAll(*store).size(), 20u);

  int visited = 0;
  Status status = store->ForEach(
      [&](const ChunkInfo&) { return ++visited == 3 ? Internal("stop here") : Status::Ok(); });
  EXPECT_EQ(status.message(), "stop here");
  EXPECT_EQ(visited, 3);
}

TEST(LocalChunkStoreTest, FullDiskIsResourceExhaustedAndLeavesNothing) {
  TestTempDir dir;
  const std::string root = dir.path() + "/store";
  ASSERT_NE(OpenStore(root), nullptr);
  const std::string bytes = RandomBytes(25, 3 << 20);
  const ChunkId id = ChunkId::Of(bytes);

  // A child with a 1 MiB file size limit: writes beyond it fail with EFBIG
  // (SIGXFSZ ignored), as they would with ENOSPC on a full disk. A child,
  // so that the limit does not leak into other tests.
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = {1 << 20, 1 << 20};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(10);
    Result<std::unique_ptr<LocalChunkStore>> store = LocalChunkStore::Open(root);
    if (!store.ok()) ::_exit(11);
    Status status = (*store)->Put(id, bytes);
    if (status.code() != StatusCode::kResourceExhausted) ::_exit(12);
    const std::string expected = "storage " + root + " is full writing chunk " + id.hex();
    if (status.message().rfind(expected, 0) != 0) ::_exit(13);
    ::_exit(0);
  }
  int wait_status = 0;
  ASSERT_EQ(::waitpid(child, &wait_status, 0), child);
  ASSERT_TRUE(WIFEXITED(wait_status));
  EXPECT_EQ(WEXITSTATUS(wait_status), 0) << "10 setrlimit, 11 open, 12 code, 13 message";

  auto store = OpenStore(root);
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(*store->Contains(id));
  EXPECT_TRUE(ListAll(*store).empty());
  EXPECT_EQ(CountFiles(root + "/tmp"), 0u) << "the temporary file is removed";
}

TEST(LocalChunkStoreTest, ConcurrentPutsOfOneChunkAreSafe) {
  TestTempDir dir;
  auto store = OpenStore(dir.path());
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes(26, 2 << 20);
  const ChunkId id = ChunkId::Of(bytes);
  std::vector<Status> results(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        Status status = store->Put(id, bytes);
        if (status.ok() && t == 0 && round == 2) status = store->Remove(id);  // a collector
        if (!status.ok()) {
          results[t] = status;
          return;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& status : results) EXPECT_TRUE(status.ok()) << status.ToString();
  ASSERT_TRUE(store->Put(id, bytes).ok());
  EXPECT_EQ(*store->Get(id), bytes);
  EXPECT_EQ(ListAll(*store).size(), 1u);
  EXPECT_EQ(CountFiles(dir.path() + "/tmp"), 0u);
}

}  // namespace
}  // namespace sluice::storage
