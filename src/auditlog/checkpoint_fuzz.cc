// libFuzzer target: parsing and verifying checkpoints (and the signed-note
// and verifier-key parsers under it) must never crash, and a checkpoint that
// verifies must be exactly what MakeSignedCheckpoint writes for it when it
// carries one signature and no extension lines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "auditlog/checkpoint.h"
#include "auditlog/note.h"

namespace {

const sluice::auditlog::SigningKey& FuzzKey() {
  // The seed corpus (testdata/checkpoint_seeds) is signed with this key.
  static const sluice::auditlog::SigningKey key =
      *sluice::auditlog::SigningKey::FromSeed(std::string(32, 'Z'));
  return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sluice::auditlog;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ParseNoteVerifierKey(text);
  (void)ParseCheckpointText(text);
  auto note = ParseSignedNote(text);
  auto checkpoint = ParseAndVerifyCheckpoint(text, FuzzKey().verifying_key(), "");
  if (checkpoint.ok()) {
    if (!note.ok()) __builtin_trap();  // verified without parsing
    if (note->signatures.size() == 1 && checkpoint->extensions.empty()) {
      auto again =
          MakeSignedCheckpoint(checkpoint->origin, checkpoint->size, checkpoint->root, FuzzKey());
      if (!again.ok() || *again != text) __builtin_trap();
    }
  }
  return 0;
}
