// ByteSource: the pull interface the tabular readers read from, so one reader serves a file on
// disk, a string in a test, and (in the server) a dataset version assembled from stored chunks.
//
// Read(buf, n) copies up to n bytes into buf and returns how many it copied; 0 means the end of
// the data (and only then: a source with more to give returns at least one byte). A source may
// return fewer bytes than asked for at any time; readers must not depend on chunk sizes.
//
// Ownership: readers borrow a ByteSource; it must outlive them.
// Thread-safety: none; one reader pulls from a source at a time.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <utility>

#include "common/status.h"

namespace sluice::tabular {

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Returns 0 only at the end of the data. Errors are kInternal (I/O) unless an implementation
  // documents otherwise.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// Reads from a file descriptor the caller owns (and closes). Retries reads interrupted by
// signals.
class FdByteSource : public ByteSource {
 public:
  explicit FdByteSource(int fd) : fd_(fd) {}

  Result<size_t> Read(char* buf, size_t n) override;

 private:
  int fd_;
};

// Reads a file it opened and owns; closes it on destruction. Move-only.
class FileByteSource : public ByteSource {
 public:
  // kNotFound if the file does not exist; kInternal for other open failures.
  static Result<FileByteSource> Open(const std::string& path);

  FileByteSource(FileByteSource&& other) noexcept;
  FileByteSource& operator=(FileByteSource&& other) noexcept;
  FileByteSource(const FileByteSource&) = delete;
  FileByteSource& operator=(const FileByteSource&) = delete;
  ~FileByteSource() override;

  Result<size_t> Read(char* buf, size_t n) override;

 private:
  FileByteSource(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

  int fd_;            // -1 once moved from
  std::string path_;  // for error messages
};

// Serves an in-memory string, at most `max_chunk` bytes per Read; tests use a max_chunk of 1 to
// prove a reader does not depend on how the data arrives.
class StringByteSource : public ByteSource {
 public:
  explicit StringByteSource(std::string data, size_t max_chunk = std::numeric_limits<size_t>::max())
      : data_(std::move(data)), max_chunk_(max_chunk == 0 ? 1 : max_chunk) {}

  Result<size_t> Read(char* buf, size_t n) override;

 private:
  std::string data_;
  size_t max_chunk_;
  size_t pos_ = 0;
};

// Serves `first` to its end, then `second`; borrows both, which must outlive it. (A masked CSV
// page is the file's header followed by the page's records.)
class ConcatByteSource : public ByteSource {
 public:
  ConcatByteSource(ByteSource& first, ByteSource& second) : first_(first), second_(second) {}

  Result<size_t> Read(char* buf, size_t n) override;

 private:
  ByteSource& first_;
  ByteSource& second_;
  bool first_done_ = false;
};

}  // namespace sluice::tabular
