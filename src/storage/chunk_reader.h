// ChunkReader: splits a file or stream into chunks (chunker.h) and names
// each one (chunk_id.h), in one sequential pass with bounded memory.
//
//   SLUICE_ASSIGN_OR_RETURN(ChunkReader reader, ChunkReader::Open(path, chunker));
//   Chunk chunk;
//   for (;;) {
//     SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&chunk));
//     if (!more) break;
//     ... chunk.id, chunk.bytes ...
//   }
//
// Memory: one buffer of 2 * max_size bytes, whatever the file size. Reads
// are as large as the free part of the buffer; a chunk is handed out as a
// view into the buffer (no copy), and bytes are moved only when a chunk
// straddles the end of the buffer. The boundaries are exactly those of
// repeated Chunker::Cut over the whole stream held in memory.
//
// Ownership: Open owns the file and closes it; ForFd borrows a descriptor,
// which must stay open while the reader is used, and reads it from its
// current position.
//
// Thread-safety: not thread-safe; one reader per thread. Move-only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "storage/chunk_id.h"
#include "storage/chunker.h"
#include "storage/posix_file.h"

namespace sluice::storage {

struct Chunk {
  ChunkId id;
  // Valid until the next call of Next, or until the reader is destroyed.
  std::string_view bytes;
  // Where the chunk starts in the stream.
  std::uint64_t offset = 0;
};

class ChunkReader {
 public:
  // Opens `path` for reading. Errors name the path (posix_file.h FileError
  // codes, e.g. kNotFound if it does not exist).
  static Result<ChunkReader> Open(const std::string& path, Chunker chunker);

  // Reads the borrowed descriptor `fd`; `name` names it in errors (a path,
  // or e.g. "standard input").
  static ChunkReader ForFd(int fd, std::string name, Chunker chunker);

  ChunkReader(ChunkReader&&) noexcept = default;
  ChunkReader& operator=(ChunkReader&&) noexcept = default;

  // The next chunk into *out, true; or false at the end of the stream.
  // After an error the reader is unusable (call no more).
  Result<bool> Next(Chunk* out);

 private:
  ChunkReader(UniqueFd owned, int fd, std::string name, Chunker chunker);

  // Moves the unconsumed bytes to the front of the buffer and reads until
  // the buffer is full or the stream ends.
  Status Refill();

  UniqueFd owned_fd_;  // invalid when the descriptor is borrowed
  int fd_;
  std::string name_;
  Chunker chunker_;
  std::size_t capacity_;
  std::unique_ptr<std::uint8_t[]> buffer_;
  std::size_t begin_ = 0;  // first byte not yet handed out
  std::size_t end_ = 0;    // one past the last byte read
  bool at_eof_ = false;
  std::uint64_t offset_ = 0;  // stream offset of buffer_[begin_]
};

}  // namespace sluice::storage
