// Thin helpers over POSIX file calls for the storage component: an owning
// file descriptor, whole reads and writes that retry EINTR and short
// transfers, and directory fsync.
//
// The I/O helpers return 0 or the errno of the failure rather than a
// Status: the same errno means different things to different callers
// (ENOSPC is "the store is full" to a chunk store and "cannot happen" to a
// reader), so each caller builds the Status that names what it was doing.
// FileError is the default mapping for callers without a better one.
//
// Thread-safety: UniqueFd is a value owned by one thread at a time; the
// functions are as thread-safe as the calls they wrap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace sluice::storage {

// Owns a file descriptor and closes it on destruction. -1 means none.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) Reset(std::exchange(other.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { Reset(-1); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

  // Closes the descriptor now and returns 0 or close's errno: a writer must
  // check it (NFS and some quotas report write errors only at close).
  int Close();

 private:
  void Reset(int fd);

  int fd_ = -1;
};

// Reads until `size` bytes are in `buffer` or end of file. Sets *bytes_read
// to the number read (less than `size` only at end of file).
int ReadFull(int fd, std::uint8_t* buffer, std::size_t size, std::size_t* bytes_read);

// Writes all of data[0, size).
int WriteFull(int fd, const char* data, std::size_t size);

// mkdir -p: creates `path` and any missing parents with `mode` (less the
// umask), appending each directory it creates to *created (whose parents
// a durable caller must then fsync). 0 if it exists already as a directory.
int MakeDirectories(const std::string& path, unsigned mode, std::vector<std::string>* created);

// "a/b" for "a/b/c", "/" for "/a", "." for "a".
std::string ParentDirectory(const std::string& path);

// fsync of a directory, which makes the names created, renamed or removed
// in it durable (a file's own fsync does not).
int FsyncDirectory(const std::string& path);

// strerror text of `err`, e.g. "No space left on device".
std::string ErrnoText(int err);

// A Status for a failed file operation: "<what>: <strerror>", with a code
// by errno: ENOENT/ENOTDIR kNotFound; ENOSPC/EDQUOT/EFBIG
// kResourceExhausted; EACCES/EPERM/EROFS kFailedPrecondition (an operator
// must fix the files); EIO kDataLoss (the medium failed); else kInternal.
Status FileError(int err, const std::string& what);

}  // namespace sluice::storage
