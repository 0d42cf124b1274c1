// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys: the
// envelope of checkpoints. A signed note is
//
//   <text: UTF-8 lines, each ending in "\n">
//   "\n"
//   one or more lines "— <key name> <base64(key hash || signature)>\n"
//
// ("—" is U+2014 EM DASH, followed by one space). For Ed25519 the signature
// is over the text bytes, and the key hash is the first 4 bytes of
// SHA-256(key name || 0x0A || 0x01 || 32-byte public key), 0x01 being the
// Ed25519 signature type. A verifier key, the one-line form an auditor can
// pin, is "<name>+<8 hex digits of the key hash>+<base64(0x01 || key)>".
//
// Thread-safety: stateless.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auditlog/signing_key.h"
#include "common/status.h"

namespace sluice::auditlog {

using NoteKeyHash = std::array<std::uint8_t, 4>;

// At most this many signature lines are read (as in Go's note package), so
// a note cannot make a verifier do unbounded work.
inline constexpr std::size_t kMaxNoteSignatures = 100;

// A key name is non-empty UTF-8 with no whitespace, no control character
// and no "+". kInvalidArgument otherwise.
Status ValidateKeyName(std::string_view name);

NoteKeyHash ComputeNoteKeyHash(std::string_view name, const VerifyingKey& key);
std::string NoteVerifierKey(std::string_view name, const VerifyingKey& key);
// The name and key of a verifier key string, checking its key hash.
Result<std::pair<std::string, VerifyingKey>> ParseNoteVerifierKey(std::string_view text);

struct NoteSignature {
  std::string name;
  NoteKeyHash key_hash{};
  std::string signature;  // the bytes after the key hash
};

struct SignedNote {
  std::string text;  // the signed bytes, ending in "\n"
  std::vector<NoteSignature> signatures;
};

// `text` followed by one Ed25519 signature line by `key` under `name`.
// kInvalidArgument when the text is not a valid note text or the name not a
// valid key name.
Result<std::string> SignNote(std::string_view text, std::string_view name, const SigningKey& key);

// Splits a signed note into its text and signature lines (the last blank
// line separates them), checking the syntax only. kInvalidArgument, saying
// what is wrong, otherwise.
Result<SignedNote> ParseSignedNote(std::string_view note);

// OK when the note carries a valid signature by `key` under `name`.
// Signatures by other keys are ignored, as the spec asks. kDataLoss when no
// signature line is by that key ("no signature by ...", naming the keys that
// did sign) or when its signature is invalid.
Status VerifyNote(const SignedNote& note, std::string_view name, const VerifyingKey& key);

}  // namespace sluice::auditlog
