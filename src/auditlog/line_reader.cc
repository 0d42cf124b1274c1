#include "auditlog/line_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "auditlog/file_io.h"

namespace sluice::auditlog {
namespace {
constexpr std::size_t kChunk = std::size_t{4} << 20;
}  // namespace

LineReader::LineReader(int fd, std::string path, std::uint64_t offset, std::uint64_t end)
    : fd_(fd), path_(std::move(path)), file_pos_(offset), end_(end) {}

Result<bool> LineReader::Next(std::string_view* line) {
  while (true) {
    const char* start = buffer_.data() + begin_;
    const void* newline = std::memchr(start, '\n', filled_ - begin_);
    if (newline != nullptr) {
      const std::size_t len = static_cast<std::size_t>(static_cast<const char*>(newline) - start);
      *line = std::string_view(start, len);
      line_offset_ = file_pos_ - (filled_ - begin_);
      begin_ += len + 1;
      return true;
    }
    if (eof_) {
      tail_ = std::string_view(start, filled_ - begin_);
      tail_offset_ = file_pos_ - tail_.size();
      return false;
    }
    // Keep the partial line, then read more after it.
    std::memmove(buffer_.data(), start, filled_ - begin_);
    filled_ -= begin_;
    begin_ = 0;
    if (buffer_.size() < filled_ + kChunk)
      buffer_.resize(std::max(buffer_.size() * 2, filled_ + kChunk));
    const std::uint64_t want = std::min<std::uint64_t>(buffer_.size() - filled_, end_ - file_pos_);
    if (want == 0) {
      eof_ = true;
      continue;
    }
    const ssize_t n = ::pread(fd_, buffer_.data() + filled_, want, static_cast<off_t>(file_pos_));
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot read " + path_);
    }
    if (n == 0) eof_ = true;
    filled_ += static_cast<std::size_t>(n);
    file_pos_ += static_cast<std::uint64_t>(n);
  }
}

}  // namespace sluice::auditlog
