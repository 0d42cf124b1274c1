// ChunkId: the name of a chunk in the content-addressed store, the SHA-256
// of its bytes as 64 lowercase hex digits (docs/storage-format.md).
//
// Invariant: hex() is always exactly 64 characters of [0-9a-f]. The only
// ways to get a ChunkId are Parse (which checks) and Of (which hashes), so
// code holding a ChunkId never re-validates it, and a ChunkId can safely
// become a file name. A default-constructed ChunkId is the id of the empty
// chunk (SHA-256 of no bytes), which keeps the invariant without a
// "not set" state.
//
// Ordered and hashable (std::hash is specialized below), so it can key
// std::map and std::unordered_map.
//
// Thread-safety: a value; const methods are safe to call concurrently.
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::storage {

class ChunkId {
 public:
  // Number of hex digits in every id.
  static constexpr std::size_t kHexLength = 64;

  // The id of the empty chunk.
  ChunkId();

  // kInvalidArgument unless `hex` is 64 lowercase hex digits. Uppercase is
  // refused rather than folded: ids are file names and map keys, and two
  // spellings of one id would be two files.
  static Result<ChunkId> Parse(std::string_view hex);

  // The id of `bytes`: their SHA-256.
  static ChunkId Of(std::string_view bytes);

  const std::string& hex() const { return hex_; }

  friend bool operator==(const ChunkId& a, const ChunkId& b) = default;
  friend std::strong_ordering operator<=>(const ChunkId& a, const ChunkId& b) = default;

 private:
  explicit ChunkId(std::string hex) : hex_(std::move(hex)) {}

  std::string hex_;
};

}  // namespace sluice::storage

template <>
struct std::hash<sluice::storage::ChunkId> {
  std::size_t operator()(const sluice::storage::ChunkId& id) const noexcept {
    return std::hash<std::string>{}(id.hex());
  }
};
