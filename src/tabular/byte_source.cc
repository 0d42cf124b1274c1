#include "tabular/byte_source.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <utility>

namespace sluice::tabular {
namespace {

// read(2) with EINTR retried. `path` (may be null) names the file in the error; the name is
// built only on failure since this runs for every block.
Result<size_t> ReadFd(int fd, char* buf, size_t n, const std::string* path) {
  while (true) {
    ssize_t got = ::read(fd, buf, n);
    if (got >= 0) return static_cast<size_t>(got);
    if (errno == EINTR) continue;
    std::string what = path != nullptr ? *path : "fd " + std::to_string(fd);
    return Internal("read " + what + ": " + std::strerror(errno));
  }
}

}  // namespace

Result<size_t> FdByteSource::Read(char* buf, size_t n) {
  return ReadFd(fd_, buf, n, nullptr);
}

Result<FileByteSource> FileByteSource::Open(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    std::string message = "open " + path + ": " + std::strerror(errno);
    if (errno == ENOENT) return NotFound(std::move(message));
    return Internal(std::move(message));
  }
  return FileByteSource(fd, path);
}

FileByteSource::FileByteSource(FileByteSource&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

FileByteSource& FileByteSource::operator=(FileByteSource&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

FileByteSource::~FileByteSource() {
  // Read-only descriptor: a close error cannot lose data, so it is ignored.
  if (fd_ >= 0) ::close(fd_);
}

Result<size_t> FileByteSource::Read(char* buf, size_t n) {
  if (fd_ < 0) return FailedPrecondition("read from a moved-from FileByteSource");
  return ReadFd(fd_, buf, n, &path_);
}

Result<size_t> StringByteSource::Read(char* buf, size_t n) {
  size_t count = std::min({n, max_chunk_, data_.size() - pos_});
  if (count > 0) std::memcpy(buf, data_.data() + pos_, count);
  pos_ += count;
  return count;
}

Result<size_t> ConcatByteSource::Read(char* buf, size_t n) {
  if (!first_done_) {
    SLUICE_ASSIGN_OR_RETURN(size_t got, first_.Read(buf, n));
    if (got > 0 || n == 0) return got;
    first_done_ = true;
  }
  return second_.Read(buf, n);
}

}  // namespace sluice::tabular
