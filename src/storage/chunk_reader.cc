#include "storage/chunk_reader.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <span>
#include <utility>

namespace sluice::storage {

Result<ChunkReader> ChunkReader::Open(const std::string& path, Chunker chunker) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return FileError(errno, "cannot open \"" + path + "\" to chunk it");
  // Only a hint (read-ahead); a failure changes nothing.
  (void)::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  const int raw = fd.get();
  return ChunkReader(std::move(fd), raw, "\"" + path + "\"", chunker);
}

ChunkReader ChunkReader::ForFd(int fd, std::string name, Chunker chunker) {
  return ChunkReader(UniqueFd(), fd, std::move(name), chunker);
}

ChunkReader::ChunkReader(UniqueFd owned, int fd, std::string name, Chunker chunker)
    : owned_fd_(std::move(owned)),
      fd_(fd),
      name_(std::move(name)),
      chunker_(chunker),
      capacity_(2 * chunker.options().max_size),
      // Not zeroed: every byte handed out is read into the buffer first.
      buffer_(std::make_unique_for_overwrite<std::uint8_t[]>(capacity_)) {}

Result<bool> ChunkReader::Next(Chunk* out) {
  const std::size_t max_size = chunker_.options().max_size;
  for (;;) {
    const std::size_t available = end_ - begin_;
    if (available > 0) {
      const std::size_t length = chunker_.Cut(std::span(buffer_.get() + begin_, available));
      // A cut before the end of what we hold is a real boundary; one at the
      // end is only if Cut saw max_size bytes or there is nothing more.
      if (length < available || available >= max_size || at_eof_) {
        out->bytes =
            std::string_view(reinterpret_cast<const char*>(buffer_.get() + begin_), length);
        out->id = ChunkId::Of(out->bytes);
        out->offset = offset_;
        begin_ += length;
        offset_ += length;
        return true;
      }
    } else if (at_eof_) {
      return false;
    }
    SLUICE_RETURN_IF_ERROR(Refill());
  }
}

Status ChunkReader::Refill() {
  const std::size_t kept = end_ - begin_;
  if (begin_ > 0 && kept > 0) std::memmove(buffer_.get(), buffer_.get() + begin_, kept);
  begin_ = 0;
  end_ = kept;
  // Next refills only while it holds fewer than max_size bytes, so at least
  // half of the buffer is free here.
  std::size_t bytes_read = 0;
  const int err = ReadFull(fd_, buffer_.get() + end_, capacity_ - end_, &bytes_read);
  end_ += bytes_read;
  if (err != 0) {
    return FileError(err, "cannot read " + name_ + " at offset " + std::to_string(offset_ + end_));
  }
  if (end_ < capacity_) at_eof_ = true;
  return Status::Ok();
}

}  // namespace sluice::storage
