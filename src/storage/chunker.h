// Chunker: content-defined chunking (FastCDC with normalized chunking), the
// rule that splits a file into chunks whose boundaries depend only on the
// nearby bytes, so an insertion or edit moves only the chunks around it and
// every other chunk keeps its id (and is stored once).
//
// The algorithm, exactly (docs/storage-format.md is the normative text):
// a chunk starting at the beginning of `data` is at most max_size bytes. If
// fewer than min_size + 1 bytes remain it is all of them. Otherwise a 64-bit
// gear hash h = 0 is rolled over the bytes from offset min_size on,
// h = (h << 1) + gear[byte] (mod 2^64), and the chunk ends just after the
// first byte at which the top bits of h are all zero: the top
// log2(average_size) + 2 bits before offset average_size (a hard condition,
// which makes chunks shorter than the average rare), the top
// log2(average_size) - 2 bits from there on (an easy one, which makes chunks
// much longer than the average rare). With no such byte the chunk is
// max_size bytes (or the rest of `data`). The gear table is gear_table.h.
//
// Only the top bits are tested because bit k of h depends on the last k + 1
// bytes: the top bits see a 64-byte window, the largest available.
//
// Thread-safety: immutable after Make; Cut may run on many threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "common/status.h"
#include "storage/gear_table.h"

namespace sluice::storage {

struct ChunkerOptions {
  // Defaults: 1 MiB chunks on average, enough to keep a catalog of
  // terabytes to millions of ids, small enough that an edit rewrites little.
  std::size_t min_size = 256 * 1024;
  std::size_t average_size = 1024 * 1024;  // a power of two
  std::size_t max_size = 4 * 1024 * 1024;
};

class Chunker {
 public:
  // Smallest and largest sizes Make accepts. The lower bound keeps the
  // 64-byte hash window inside the chunk and the masks meaningful; the upper
  // one keeps a reader's buffer (2 * max_size) reasonable.
  static constexpr std::size_t kSmallestMinSize = 64;
  static constexpr std::size_t kLargestMaxSize = std::size_t{1} << 30;

  // kInvalidArgument unless kSmallestMinSize <= min_size < average_size <
  // max_size <= kLargestMaxSize and average_size is a power of two.
  static Result<Chunker> Make(ChunkerOptions options);

  // The length of the first chunk of `data`, which starts at a chunk
  // boundary: data.size() if data.size() <= min_size, otherwise in
  // (min_size, min(data.size(), max_size)]. Depends only on the first
  // max_size bytes of `data`: a caller holding fewer than max_size bytes of
  // an unfinished stream must read more before trusting a result equal to
  // data.size() (ChunkReader does).
  std::size_t Cut(std::span<const std::uint8_t> data) const;

  const ChunkerOptions& options() const { return options_; }

 private:
  Chunker(ChunkerOptions options, std::uint64_t hard_mask, std::uint64_t easy_mask)
      : options_(options), hard_mask_(hard_mask), easy_mask_(easy_mask) {}

  ChunkerOptions options_;
  std::uint64_t hard_mask_;  // before average_size: log2(average) + 2 top bits
  std::uint64_t easy_mask_;  // from average_size on: log2(average) - 2 top bits
  const GearTable* gear_ = &ChunkerGearTable();
};

}  // namespace sluice::storage
