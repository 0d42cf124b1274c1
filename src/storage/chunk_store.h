// ChunkStore: the interface to a content-addressed store of chunks, each
// kept under its ChunkId (the SHA-256 of its bytes). LocalChunkStore
// (local_chunk_store.h) keeps them in a directory; MockChunkStore
// (mock_chunk_store.h) in memory, for tests. An object-store implementation
// will sit behind the same interface.
//
// Contract for every implementation:
// - Thread-safe: any method may be called from any thread concurrently,
//   including Puts of the same chunk.
// - Bytes are checked against the id on the way in and on every way out.
//   Put refuses bytes that do not hash to the id (kInvalidArgument, nothing
//   stored); Get and Verify report stored bytes that no longer hash to the
//   id as kDataLoss. A corrupt chunk is never returned as good.
// - Put is atomic: a chunk is either absent or complete, even across a
//   crash, and once Put returns OK the chunk survives one.
// - Put is idempotent: putting a chunk that is present succeeds and keeps
//   one copy. It also refreshes the chunk's modification time, so a garbage
//   collector that spares recently modified chunks spares one that a new
//   dataset version has just put again.
// - Remove of an absent chunk succeeds: its postcondition ("not stored")
//   holds, and two collectors, or a collector retrying after a crash, must
//   not fail on each other's work.
// - Errors: kNotFound for a missing chunk, kDataLoss for a corrupt one,
//   kResourceExhausted when the storage is full, kInternal (or what
//   posix_file.h FileError says) for an unexpected environment failure.
//   The messages name the chunk (CheckBytes, MissingChunk, CorruptChunk
//   below, shared so that all implementations say the same thing).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "storage/chunk_id.h"

namespace sluice::storage {

struct ChunkInfo {
  ChunkId id;
  std::uint64_t size = 0;
  // Last Put of the chunk, milliseconds since the Unix epoch.
  std::int64_t modified_ms = 0;
};

class ChunkStore {
 public:
  virtual ~ChunkStore() = default;

  virtual Result<bool> Contains(const ChunkId& id) = 0;

  // Stores `bytes` under `id`. kInvalidArgument if they do not hash to it.
  virtual Status Put(const ChunkId& id, std::string_view bytes) = 0;

  // The chunk's bytes, checked against the id. kNotFound, kDataLoss.
  virtual Result<std::string> Get(const ChunkId& id) = 0;

  // Size and modification time, without reading the bytes. kNotFound.
  virtual Result<ChunkInfo> Stat(const ChunkId& id) = 0;

  // Reads the chunk and checks it against its id without returning the
  // bytes (for fsck); its size when good. kNotFound, kDataLoss.
  virtual Result<std::uint64_t> Verify(const ChunkId& id) = 0;

  // Deletes the chunk; OK if it is absent.
  virtual Status Remove(const ChunkId& id) = 0;

  // Calls `visit` once for every stored chunk, in no particular order, and
  // stops at the first error it returns (which ForEach then returns).
  // Chunks put or removed during the walk may or may not be visited; the
  // walk reads no chunk bytes (use Verify for that).
  virtual Status ForEach(const std::function<Status(const ChunkInfo&)>& visit) = 0;
};

// InvalidArgument("chunk <id>: bytes do not match the id (sha256 <actual>)")
// unless `bytes` hash to `id`. What Put checks first.
Status CheckBytes(const ChunkId& id, std::string_view bytes);

// NotFound("chunk <id> is missing").
Status MissingChunk(const ChunkId& id);

// DataLoss("chunk <id> is corrupt: <detail>").
Status CorruptChunk(const ChunkId& id, std::string_view detail);

}  // namespace sluice::storage
