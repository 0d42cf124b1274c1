// BufferedSource: a read buffer over a ByteSource, shared by the CSV and JSON Lines readers so
// that each pulls large blocks from the source however small the source's chunks are, and can
// look ahead (a BOM, a sample for delimiter detection) without consuming.
//
// The window [data(), data() + size()) holds bytes read but not yet consumed. It is invalidated
// by Fill, Peek and Consume.
//
// Ownership: borrows the ByteSource, which must outlive it. Memory: one block, or more when Peek
// asks for more. Thread-safety: none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "tabular/byte_source.h"

namespace sluice::tabular {

class BufferedSource {
 public:
  static constexpr size_t kDefaultBlockSize = 64 * 1024;

  explicit BufferedSource(ByteSource& source, size_t block_size = kDefaultBlockSize)
      : source_(&source), buf_(block_size == 0 ? 1 : block_size) {}

  // Makes the window non-empty; false at the end of the data.
  Result<bool> Fill();

  // Reads until the window holds at least `n` bytes or the data ends; returns the window.
  Result<std::string_view> Peek(size_t n);

  const char* data() const { return buf_.data() + begin_; }
  size_t size() const { return end_ - begin_; }
  // True once the source has reported its end (the window may still hold bytes).
  bool source_done() const { return source_done_; }

  // Precondition: n <= size().
  void Consume(size_t n) {
    begin_ += n;
    consumed_ += n;
  }
  // Bytes consumed since construction: the offset of data() in the source.
  uint64_t consumed() const { return consumed_; }

 private:
  // Appends one Read to the window; sets source_done_ at the end.
  Status ReadMore();

  ByteSource* source_;
  std::vector<char> buf_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool source_done_ = false;
  uint64_t consumed_ = 0;
};

}  // namespace sluice::tabular
