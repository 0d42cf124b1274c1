// ChunkByteSource: reads one file of a version, chunk after chunk, from a
// chunk store (each chunk verified as it is read), as a tabular::ByteSource.
// Holds one chunk in memory at a time. Starts `start` bytes into the file
// (whole chunks before it are skipped by their recorded sizes, unread) and
// stops after `limit` bytes of the file.
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
                  std::uint64_t limit, std::uint64_t start = 0);

  Result<size_t> Read(char* buf, size_t n) override;

 private:
  storage::ChunkStore& store_;
  const std::vector<store::ChunkUse>& chunks_;
  std::uint64_t remaining_;
  std::size_t next_chunk_ = 0;
  std::string current_;
  std::size_t offset_ = 0;
  std::uint64_t skip_ = 0;  // bytes to skip in the next chunk loaded
};

}  // namespace sluice::catalog
