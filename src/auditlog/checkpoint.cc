#include "auditlog/checkpoint.h"

#include <charconv>

#include "auditlog/base64.h"
#include "auditlog/note.h"

namespace sluice::auditlog {

Result<std::string> DefaultOrigin(std::string_view platform, const VerifyingKey& key) {
  std::string origin = "sluice/" + std::string(platform) + "/";
  if (platform.empty()) return InvalidArgument("platform name is empty");
  const Hash h = Sha256(key.raw());
  origin += HashHex(h).substr(0, 16);
  Status valid = ValidateKeyName(origin);
  if (!valid.ok()) return InvalidArgument("origin from platform name: " + valid.message());
  return origin;
}

std::string CheckpointText(std::string_view origin, std::uint64_t size, const Hash& root) {
  std::string text(origin);
  text += "\n";
  text += std::to_string(size);
  text += "\n";
  text += Base64Encode(HashBytes(root));
  text += "\n";
  return text;
}

Result<std::string> MakeSignedCheckpoint(std::string_view origin, std::uint64_t size,
                                         const Hash& root, const SigningKey& key) {
  SLUICE_RETURN_IF_ERROR(ValidateKeyName(origin));
  return SignNote(CheckpointText(origin, size, root), origin, key);
}

Result<Checkpoint> ParseCheckpointText(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    if (eol == std::string_view::npos)
      return InvalidArgument("checkpoint text must end in a newline");
    lines.push_back(text.substr(0, eol));
    text.remove_prefix(eol + 1);
  }
  if (lines.size() < 3) {
    return InvalidArgument("checkpoint needs an origin, a tree size and a root hash line");
  }
  Checkpoint out;
  if (lines[0].empty()) return InvalidArgument("checkpoint origin line is empty");
  out.origin = std::string(lines[0]);
  const std::string_view size = lines[1];
  if (size.empty() || (size[0] == '0' && size.size() > 1)) {
    return InvalidArgument("checkpoint tree size is not a decimal number without leading zeros");
  }
  auto [ptr, ec] = std::from_chars(size.data(), size.data() + size.size(), out.size);
  if (ec != std::errc() || ptr != size.data() + size.size()) {
    return InvalidArgument("checkpoint tree size is not a 64-bit decimal number");
  }
  Result<std::string> root = Base64Decode(lines[2]);
  if (!root.ok() || root->size() != kHashSize) {
    return InvalidArgument("checkpoint root hash is not the base64 of 32 bytes");
  }
  out.root = *HashFromBytes(*root);
  for (std::size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) return InvalidArgument("checkpoint has an empty extension line");
    out.extensions.emplace_back(lines[i]);
  }
  return out;
}

Result<Checkpoint> ParseAndVerifyCheckpoint(std::string_view signed_checkpoint,
                                            const VerifyingKey& key, std::string_view origin) {
  SLUICE_ASSIGN_OR_RETURN(SignedNote note, ParseSignedNote(signed_checkpoint));
  SLUICE_ASSIGN_OR_RETURN(Checkpoint checkpoint, ParseCheckpointText(note.text));
  if (!origin.empty() && checkpoint.origin != origin) {
    return InvalidArgument("checkpoint is for origin \"" + checkpoint.origin + "\", expected \"" +
                           std::string(origin) + "\"");
  }
  SLUICE_RETURN_IF_ERROR(VerifyNote(note, checkpoint.origin, key));
  return checkpoint;
}

}  // namespace sluice::auditlog
