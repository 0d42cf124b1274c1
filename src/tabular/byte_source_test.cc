#include "tabular/byte_source.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

#include "tabular/buffered_source.h"

namespace sluice::tabular {
namespace {

// Drains a source in reads of `n` bytes.
std::string ReadAll(ByteSource& source, size_t n = 4096) {
  std::string out;
  std::string buf(n, '\0');
  while (true) {
    Result<size_t> got = source.Read(buf.data(), buf.size());
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (!got.ok() || *got == 0) return out;
    out.append(buf.data(), *got);
  }
}

// A file with the given contents, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    const char* base = std::getenv("TMPDIR");
    path_ = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/sluice-tab-XXXXXX";
    int fd = ::mkstemp(path_.data());
    EXPECT_GE(fd, 0);
    EXPECT_EQ(::write(fd, contents.data(), contents.size()), static_cast<ssize_t>(contents.size()));
    ::close(fd);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { ::unlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(StringByteSourceTest, ServesAtMostMaxChunkBytesPerRead) {
  StringByteSource source("hello", 2);
  char buf[8];
  EXPECT_EQ(*source.Read(buf, sizeof buf), 2u);
  EXPECT_EQ(*source.Read(buf, 1), 1u);
  EXPECT_EQ(ReadAll(source), "lo");
  EXPECT_EQ(*source.Read(buf, sizeof buf), 0u);
}

TEST(ConcatByteSourceTest, ServesTheFirstThenTheSecond) {
  StringByteSource header("a,b\n", 1);
  StringByteSource rest("3,4\n5,6\n", 2);
  ConcatByteSource both(header, rest);
  EXPECT_EQ(ReadAll(both, 3), "a,b\n3,4\n5,6\n");
  StringByteSource empty("");
  StringByteSource only("x");
  ConcatByteSource second_only(empty, only);
  EXPECT_EQ(ReadAll(second_only), "x");
}

TEST(FileByteSourceTest, ReadsAFileAndReportsAMissingOne) {
  TempFile file("a,b\n1,2\n");
  Result<FileByteSource> source = FileByteSource::Open(file.path());
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_EQ(ReadAll(*source, 3), "a,b\n1,2\n");

  Result<FileByteSource> missing = FileByteSource::Open(file.path() + "-missing");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(FileByteSourceTest, MovedFromSourceFailsInsteadOfReadingAStaleDescriptor) {
  TempFile file("x");
  Result<FileByteSource> source = FileByteSource::Open(file.path());
  ASSERT_TRUE(source.ok());
  FileByteSource moved = std::move(*source);
  char buf[4];
  EXPECT_EQ(source->Read(buf, sizeof buf).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(*moved.Read(buf, sizeof buf), 1u);
}

TEST(FdByteSourceTest, ReadsADescriptorItDoesNotOwn) {
  TempFile file("data");
  int fd = ::open(file.path().c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  {
    FdByteSource source(fd);
    EXPECT_EQ(ReadAll(source), "data");
  }
  EXPECT_EQ(::close(fd), 0);  // still open: the source did not close it
}

TEST(BufferedSourceTest, PeekLooksAheadAcrossSmallReads) {
  StringByteSource source("abcdefgh", 1);
  BufferedSource in(source, 4);
  Result<std::string_view> peeked = in.Peek(6);
  ASSERT_TRUE(peeked.ok());
  EXPECT_EQ(*peeked, "abcdef");
  in.Consume(5);
  std::string rest;
  while (*in.Fill()) {
    rest.append(in.data(), in.size());
    in.Consume(in.size());
  }
  EXPECT_EQ(rest, "fgh");
  EXPECT_TRUE(in.source_done());
}

TEST(BufferedSourceTest, PeekPastTheEndReturnsWhatThereIs) {
  StringByteSource source("ab");
  BufferedSource in(source);
  EXPECT_EQ(*in.Peek(100), "ab");
  EXPECT_TRUE(in.source_done());
}

}  // namespace
}  // namespace sluice::tabular
