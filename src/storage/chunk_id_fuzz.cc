// libFuzzer entry point: ChunkId::Parse accepts exactly 64 lowercase hex
// digits and nothing else, and never crashes. Ids arrive from the network
// and become file names, so a wrong acceptance is a path-traversal bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "storage/chunk_id.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const sluice::Result<sluice::storage::ChunkId> id = sluice::storage::ChunkId::Parse(text);
  bool valid = text.size() == sluice::storage::ChunkId::kHexLength;
  for (char c : text) valid = valid && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (id.ok() != valid) std::abort();
  if (id.ok() && id->hex() != text) std::abort();
  return 0;
}
