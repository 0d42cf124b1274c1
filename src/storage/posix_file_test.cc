#include "storage/posix_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "storage/test_util.h"

namespace sluice::storage {
namespace {

TEST(PosixFileTest, MakeDirectoriesReportsWhatItCreated) {
  TestTempDir dir;
  std::vector<std::string> created;
  const std::string deep = dir.path() + "/a/b/c";
  ASSERT_EQ(MakeDirectories(deep, 0750, &created), 0);
  EXPECT_EQ(created, (std::vector<std::string>{dir.path() + "/a", dir.path() + "/a/b", deep}));
  EXPECT_TRUE(std::filesystem::is_directory(deep));

  created.clear();
  ASSERT_EQ(MakeDirectories(deep, 0750, &created), 0);
  EXPECT_TRUE(created.empty());

  const std::string file = dir.path() + "/file";
  UniqueFd fd(::open(file.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
  ASSERT_TRUE(fd.valid());
  EXPECT_EQ(MakeDirectories(file, 0750, &created), ENOTDIR);
}

TEST(PosixFileTest, ParentDirectory) {
  EXPECT_EQ(ParentDirectory("/a/b/c"), "/a/b");
  EXPECT_EQ(ParentDirectory("/a"), "/");
  EXPECT_EQ(ParentDirectory("a"), ".");
  EXPECT_EQ(ParentDirectory("a/b"), "a");
}

TEST(PosixFileTest, WholeReadsAndWrites) {
  TestTempDir dir;
  const std::string path = dir.path() + "/data";
  const std::string data = RandomBytes(31, 100'000);
  {
    UniqueFd fd(::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600));
    ASSERT_TRUE(fd.valid());
    ASSERT_EQ(WriteFull(fd.get(), data.data(), data.size()), 0);
    ASSERT_EQ(fd.Close(), 0);
    EXPECT_FALSE(fd.valid());
  }
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  std::string back(200'000, '\0');
  std::size_t bytes_read = 0;
  ASSERT_EQ(
      ReadFull(fd.get(), reinterpret_cast<std::uint8_t*>(back.data()), back.size(), &bytes_read),
      0);
  back.resize(bytes_read);
  EXPECT_EQ(back, data);
  EXPECT_EQ(FsyncDirectory(dir.path()), 0);
  EXPECT_EQ(FsyncDirectory(path + "-missing"), ENOENT);
}

TEST(PosixFileTest, FileErrorCodes) {
  EXPECT_EQ(FileError(ENOENT, "x").code(), StatusCode::kNotFound);
  EXPECT_EQ(FileError(ENOSPC, "x").code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(FileError(EACCES, "x").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(FileError(EIO, "x").code(), StatusCode::kDataLoss);
  EXPECT_EQ(FileError(EBADF, "x").code(), StatusCode::kInternal);
  EXPECT_EQ(FileError(ENOENT, "cannot open \"f\"").message(),
            "cannot open \"f\": No such file or directory");
}

}  // namespace
}  // namespace sluice::storage
