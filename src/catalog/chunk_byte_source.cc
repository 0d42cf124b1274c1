#include "catalog/chunk_byte_source.h"

#include <algorithm>
#include <cstring>

namespace sluice::catalog {

ChunkByteSource::ChunkByteSource(storage::ChunkStore& store,
                                 const std::vector<store::ChunkUse>& chunks, std::uint64_t limit,
                                 std::uint64_t start)
    : store_(store), chunks_(chunks), remaining_(start >= limit ? 0 : limit - start) {
  while (next_chunk_ < chunks_.size() && start >= chunks_[next_chunk_].size) {
    start -= chunks_[next_chunk_++].size;
  }
  skip_ = start;
}

Result<size_t> ChunkByteSource::Read(char* buf, size_t n) {
  while (offset_ == current_.size()) {
    if (next_chunk_ == chunks_.size() || remaining_ == 0) return size_t{0};
    SLUICE_ASSIGN_OR_RETURN(storage::ChunkId id,
                            storage::ChunkId::Parse(chunks_[next_chunk_++].id));
    SLUICE_ASSIGN_OR_RETURN(current_, store_.Get(id));
    offset_ = static_cast<std::size_t>(std::min<std::uint64_t>(skip_, current_.size()));
    skip_ = 0;
  }
  const std::size_t take =
      static_cast<std::size_t>(std::min<std::uint64_t>({n, current_.size() - offset_, remaining_}));
  std::memcpy(buf, current_.data() + offset_, take);
  offset_ += take;
  remaining_ -= take;
  return take;
}

}  // namespace sluice::catalog
