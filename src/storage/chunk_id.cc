#include "storage/chunk_id.h"

#include <utility>

#include "common/crypto.h"

namespace sluice::storage {
namespace {

// SHA-256 of the empty string.
constexpr std::string_view kEmptyChunkHex =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

bool IsLowerHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// A character for an error message; ids come from users and the network,
// so a control byte is shown as a number rather than printed raw.
std::string Describe(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return std::string("'") + c + "'";
  return "byte 0x" + HexEncode(std::string_view(&c, 1));
}

}  // namespace

ChunkId::ChunkId() : hex_(kEmptyChunkHex) {}

Result<ChunkId> ChunkId::Parse(std::string_view hex) {
  if (hex.size() != kHexLength) {
    return InvalidArgument("chunk id must be 64 lowercase hex digits, got " +
                           std::to_string(hex.size()) + " characters");
  }
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (!IsLowerHexDigit(hex[i])) {
      return InvalidArgument("chunk id must be 64 lowercase hex digits, got " + Describe(hex[i]) +
                             " at position " + std::to_string(i));
    }
  }
  return ChunkId(std::string(hex));
}

ChunkId ChunkId::Of(std::string_view bytes) {
  return ChunkId(Sha256Hex(bytes));
}

}  // namespace sluice::storage
