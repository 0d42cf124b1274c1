// LineReader: reads a file as "\n"-terminated lines, in large pread(2)
// chunks, without a copy per line. What follows the last newline (a line
// torn by a crash mid-write) is not a line; it is reported separately.
//
// Ownership: borrows the file descriptor. Thread-safety: one reader per
// thread (pread does not move the descriptor's offset, so several readers
// may share a descriptor).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::auditlog {

class LineReader {
 public:
  // Reads [offset, end) of `fd`; `end` past the file's end means "to EOF".
  LineReader(int fd, std::string path, std::uint64_t offset,
             std::uint64_t end = std::numeric_limits<std::uint64_t>::max());

  // The next line without its newline, valid until the next call. Returns
  // false at the end (then tail() holds any bytes after the last newline).
  Result<bool> Next(std::string_view* line);

  // File offset of the line last returned by Next.
  std::uint64_t line_offset() const { return line_offset_; }
  // After Next returned false: bytes after the last newline, and where.
  std::string_view tail() const { return tail_; }
  std::uint64_t tail_offset() const { return tail_offset_; }

 private:
  int fd_;
  std::string path_;
  std::uint64_t file_pos_;  // next offset to read
  std::uint64_t end_;
  bool eof_ = false;
  std::string buffer_;
  std::size_t begin_ = 0;   // first unconsumed byte in buffer_
  std::size_t filled_ = 0;  // bytes of buffer_ holding data
  std::uint64_t line_offset_ = 0;
  std::string_view tail_;
  std::uint64_t tail_offset_ = 0;
};

}  // namespace sluice::auditlog
