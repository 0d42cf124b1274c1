// ChunkByteSource: reads one file of a version, chunk after chunk, from a
// chunk store (each chunk verified as it is read), as a tabular::ByteSource.
// Holds one chunk in memory at a time. Stops after `limit` bytes.
//
// Ownership: borrows the store and the chunk list, which must outlive it.
// Thread-safety: none; one reader per thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/chunk_store.h"
#include "store/catalog_records.h"
#include "tabular/byte_source.h"

namespace sluice::catalog {

class ChunkByteSource final : public tabular::ByteSource {
 public:
  ChunkByteSource(storage::ChunkStore& store, const std::vector<store::ChunkUse>& chunks,
                  std::uint64_t limit)
      : store_(store), chunks_(chunks), remaining_(limit) {}

  Result<size_t> Read(char* buf, size_t n) override;

 private:
  storage::ChunkStore& store_;
  const std::vector<store::ChunkUse>& chunks_;
  std::uint64_t remaining_;
  std::size_t next_chunk_ = 0;
  std::string current_;
  std::size_t offset_ = 0;
};

}  // namespace sluice::catalog
