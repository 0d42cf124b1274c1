#include "storage/chunk_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "storage/test_util.h"

namespace sluice::storage {
namespace {

constexpr std::size_t kMiB = 1024 * 1024;

Chunker MakeChunker(ChunkerOptions options = {}) {
  Result<Chunker> chunker = Chunker::Make(options);
  EXPECT_TRUE(chunker.ok()) << chunker.status().ToString();
  return *chunker;
}

struct Expected {
  std::uint64_t offset;
  std::size_t length;
  ChunkId id;
};

// The chunks of `data` by Cut over the whole buffer in memory.
std::vector<Expected> CutInMemory(const Chunker& chunker, std::string_view data) {
  std::vector<Expected> chunks;
  std::uint64_t offset = 0;
  while (offset < data.size()) {
    const std::string_view rest = data.substr(offset);
    const std::size_t length =
        chunker.Cut(std::span(reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size()));
    chunks.push_back({offset, length, ChunkId::Of(rest.substr(0, length))});
    offset += length;
  }
  return chunks;
}

// Everything `reader` yields, checked against `data`.
void ExpectSameChunks(ChunkReader& reader, const Chunker& chunker, std::string_view data) {
  const std::vector<Expected> expected = CutInMemory(chunker, data);
  std::size_t index = 0;
  Chunk chunk;
  for (;;) {
    Result<bool> more = reader.Next(&chunk);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ASSERT_LT(index, expected.size());
    EXPECT_EQ(chunk.offset, expected[index].offset) << index;
    EXPECT_EQ(chunk.bytes.size(), expected[index].length) << index;
    EXPECT_EQ(chunk.id, expected[index].id) << index;
    EXPECT_EQ(chunk.bytes, data.substr(chunk.offset, chunk.bytes.size())) << index;
    ++index;
  }
  EXPECT_EQ(index, expected.size());
}

void WriteFile(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  ASSERT_TRUE(out.good());
}

TEST(ChunkReaderTest, FileChunksEqualCutOverTheWholeBuffer) {
  TestTempDir dir;
  const std::string path = dir.path() + "/data.bin";
  const std::string data = RandomBytes(11, 40 * kMiB + 12345);
  WriteFile(path, data);
  const Chunker chunker = MakeChunker();
  Result<ChunkReader> reader = ChunkReader::Open(path, chunker);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ExpectSameChunks(*reader, chunker, data);
}

TEST(ChunkReaderTest, SmallChunksAcrossManyRefills) {
  TestTempDir dir;
  const std::string path = dir.path() + "/data.bin";
  const std::string data = RandomBytes(12, 300 * 1024 + 7);
  WriteFile(path, data);
  const Chunker chunker = MakeChunker({64, 256, 1024});
  Result<ChunkReader> reader = ChunkReader::Open(path, chunker);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ExpectSameChunks(*reader, chunker, data);
}

TEST(ChunkReaderTest, EmptyFileHasNoChunks) {
  TestTempDir dir;
  const std::string path = dir.path() + "/empty";
  WriteFile(path, "");
  Result<ChunkReader> reader = ChunkReader::Open(path, MakeChunker());
  ASSERT_TRUE(reader.ok());
  Chunk chunk;
  Result<bool> more = reader->Next(&chunk);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
}

TEST(ChunkReaderTest, MissingFileIsNotFoundAndNamed) {
  TestTempDir dir;
  const std::string path = dir.path() + "/nope";
  Result<ChunkReader> reader = ChunkReader::Open(path, MakeChunker());
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
  EXPECT_NE(reader.status().message().find(path), std::string::npos);
}

TEST(ChunkReaderTest, ReadsAPipeThatDeliversInPieces) {
  const std::string data = RandomBytes(13, 9 * kMiB + 3);
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::thread writer([&] {
    // Odd-sized writes, so reads come back short and unaligned.
    for (std::size_t offset = 0; offset < data.size(); offset += 100'003) {
      const std::size_t n = std::min<std::size_t>(100'003, data.size() - offset);
      ASSERT_EQ(::write(fds[1], data.data() + offset, n), static_cast<ssize_t>(n));
    }
    ::close(fds[1]);
  });
  const Chunker chunker = MakeChunker();
  ChunkReader reader = ChunkReader::ForFd(fds[0], "test pipe", chunker);
  ExpectSameChunks(reader, chunker, data);
  writer.join();
  ::close(fds[0]);
}

TEST(ChunkReaderTest, ReadErrorNamesTheStream) {
  TestTempDir dir;
  const int fd = ::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  ChunkReader reader = ChunkReader::ForFd(fd, "\"my-dir\"", MakeChunker());
  Chunk chunk;
  Result<bool> more = reader.Next(&chunk);  // read(2) of a directory: EISDIR
  ASSERT_FALSE(more.ok());
  EXPECT_NE(more.status().message().find("cannot read \"my-dir\""), std::string::npos)
      << more.status().message();
  ::close(fd);
}

}  // namespace
}  // namespace sluice::storage
