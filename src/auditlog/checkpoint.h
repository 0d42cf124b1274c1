// Checkpoints (https://c2sp.org/tlog-checkpoint): a signed statement "the
// log <origin> had <size> events and this Merkle root". The note text is
//
//   <origin>\n
//   <tree size in decimal, no leading zeros>\n
//   <root hash, standard base64 with padding>\n
//   [extension lines, each ending in \n; Sluice writes none]
//
// signed as a C2SP signed note (note.h) whose key name is the origin.
// The origin names the log; see DefaultOrigin.
//
// Thread-safety: stateless.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auditlog/hash.h"
#include "auditlog/signing_key.h"
#include "common/status.h"

namespace sluice::auditlog {

struct Checkpoint {
  std::string origin;
  std::uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;  // lines after the root hash, if any
};

// "sluice/<platform>/<16 hex digits of SHA-256(public key)>": one origin per
// platform and key, so a log signed with a new key has a new name, and two
// platforms' logs never share one. `platform` must be non-empty with no
// whitespace and no "+" (kInvalidArgument).
Result<std::string> DefaultOrigin(std::string_view platform, const VerifyingKey& key);

// The note text of a checkpoint.
std::string CheckpointText(std::string_view origin, std::uint64_t size, const Hash& root);

// The signed checkpoint: text, blank line, one signature line by `key` under
// the name `origin`. kInvalidArgument when origin is not a valid key name.
Result<std::string> MakeSignedCheckpoint(std::string_view origin, std::uint64_t size,
                                         const Hash& root, const SigningKey& key);

// Parses a checkpoint's note text (no signature check). kInvalidArgument,
// saying which line is wrong.
Result<Checkpoint> ParseCheckpointText(std::string_view text);

// Parses `signed_checkpoint`, checks that its origin is `origin` (any origin
// when `origin` is empty) and that it carries a valid signature by `key`
// under that origin's name. kInvalidArgument for malformed text or another
// origin; kDataLoss when the signature is missing (signed by another key)
// or invalid.
Result<Checkpoint> ParseAndVerifyCheckpoint(std::string_view signed_checkpoint,
                                            const VerifyingKey& key, std::string_view origin);

}  // namespace sluice::auditlog
