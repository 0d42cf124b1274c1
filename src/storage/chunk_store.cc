#include "storage/chunk_store.h"

namespace sluice::storage {

Status CheckBytes(const ChunkId& id, std::string_view bytes) {
  const ChunkId actual = ChunkId::Of(bytes);
  if (actual == id) return Status::Ok();
  return InvalidArgument("chunk " + id.hex() + ": bytes do not match the id (sha256 " +
                         actual.hex() + ")");
}

Status MissingChunk(const ChunkId& id) {
  return NotFound("chunk " + id.hex() + " is missing");
}

Status CorruptChunk(const ChunkId& id, std::string_view detail) {
  return DataLoss("chunk " + id.hex() + " is corrupt: " + std::string(detail));
}

}  // namespace sluice::storage
