#include "auditlog/note.h"

#include "auditlog/base64.h"
#include "auditlog/hash.h"
#include "auditlog/utf8.h"

namespace sluice::auditlog {
namespace {

constexpr std::string_view kEmDashSpace = "\xE2\x80\x94 ";  // U+2014, then a space
constexpr char kEd25519Type = 0x01;

std::string HexOf(const NoteKeyHash& hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : hash) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

// Valid UTF-8 with no control characters but "\n" (the spec's rule for
// note text), ending in "\n".
Status ValidateNoteText(std::string_view text) {
  if (text.empty() || text.back() != '\n')
    return InvalidArgument("note text must end in a newline");
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        return InvalidArgument("note text holds a control character at byte " + std::to_string(i));
      }
      ++i;
      continue;
    }
    const std::size_t n = Utf8SequenceLength(text, i);
    if (n == 0) return InvalidArgument("note text is not valid UTF-8 at byte " + std::to_string(i));
    const std::uint32_t cp = DecodeUtf8(text, i, n);
    if (cp >= 0x80 && cp < 0xA0) {
      return InvalidArgument("note text holds a control character at byte " + std::to_string(i));
    }
    i += n;
  }
  return Status::Ok();
}

}  // namespace

Status ValidateKeyName(std::string_view name) {
  if (name.empty()) return InvalidArgument("key name is empty");
  for (char ch : name) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f || c == '+') {
      return InvalidArgument("key name \"" + std::string(name) +
                             "\" holds whitespace, a control character or \"+\"");
    }
  }
  // Beyond ASCII: the name must still be valid note text (UTF-8, no C1).
  return ValidateNoteText(std::string(name) + "\n");
}

NoteKeyHash ComputeNoteKeyHash(std::string_view name, const VerifyingKey& key) {
  const char separator[2] = {'\n', kEd25519Type};
  const Hash h = Sha256({name, std::string_view(separator, 2), key.raw()});
  return {h[0], h[1], h[2], h[3]};
}

std::string NoteVerifierKey(std::string_view name, const VerifyingKey& key) {
  std::string typed(1, kEd25519Type);
  typed += key.raw();
  return std::string(name) + "+" + HexOf(ComputeNoteKeyHash(name, key)) + "+" + Base64Encode(typed);
}

Result<std::pair<std::string, VerifyingKey>> ParseNoteVerifierKey(std::string_view text) {
  const std::size_t first = text.find('+');
  const std::size_t second = first == std::string_view::npos ? first : text.find('+', first + 1);
  if (second == std::string_view::npos || text.find('+', second + 1) != std::string_view::npos) {
    return InvalidArgument("a verifier key is <name>+<hash>+<key>");
  }
  const std::string name(text.substr(0, first));
  SLUICE_RETURN_IF_ERROR(ValidateKeyName(name));
  SLUICE_ASSIGN_OR_RETURN(std::string typed, Base64Decode(text.substr(second + 1)));
  if (typed.size() != 1 + kEd25519PublicKeySize || typed[0] != kEd25519Type) {
    return InvalidArgument("verifier key is not an Ed25519 key");
  }
  SLUICE_ASSIGN_OR_RETURN(VerifyingKey key, VerifyingKey::FromRaw(typed.substr(1)));
  if (text.substr(first + 1, second - first - 1) != HexOf(ComputeNoteKeyHash(name, key))) {
    return InvalidArgument("verifier key hash does not match its name and key");
  }
  return std::make_pair(name, key);
}

Result<std::string> SignNote(std::string_view text, std::string_view name, const SigningKey& key) {
  SLUICE_RETURN_IF_ERROR(ValidateNoteText(text));
  SLUICE_RETURN_IF_ERROR(ValidateKeyName(name));
  SLUICE_ASSIGN_OR_RETURN(std::string signature, key.Sign(text));
  const NoteKeyHash key_hash = ComputeNoteKeyHash(name, key.verifying_key());
  std::string blob(key_hash.begin(), key_hash.end());
  blob += signature;
  std::string note(text);
  note += "\n";
  note += kEmDashSpace;
  note += name;
  note += " ";
  note += Base64Encode(blob);
  note += "\n";
  return note;
}

Result<SignedNote> ParseSignedNote(std::string_view note) {
  if (note.empty() || note.back() != '\n')
    return InvalidArgument("a signed note ends in a newline");
  const std::size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) return InvalidArgument("signed note has no signature block");
  SignedNote out;
  out.text = std::string(note.substr(0, split + 1));
  SLUICE_RETURN_IF_ERROR(ValidateNoteText(out.text));
  std::string_view rest = note.substr(split + 2);
  if (rest.empty()) return InvalidArgument("signed note has no signature lines");
  while (!rest.empty()) {
    const std::size_t eol = rest.find('\n');  // present: the note ends in "\n"
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 1);
    if (out.signatures.size() == kMaxNoteSignatures) {
      return InvalidArgument("signed note has more than " + std::to_string(kMaxNoteSignatures) +
                             " signatures");
    }
    if (line.substr(0, kEmDashSpace.size()) != kEmDashSpace) {
      return InvalidArgument("signature line does not start with an em dash and a space");
    }
    line.remove_prefix(kEmDashSpace.size());
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) return InvalidArgument("signature line has no signature");
    NoteSignature sig;
    sig.name = std::string(line.substr(0, space));
    SLUICE_RETURN_IF_ERROR(ValidateKeyName(sig.name));
    Result<std::string> blob = Base64Decode(line.substr(space + 1));
    if (!blob.ok())
      return InvalidArgument("signature of " + sig.name + ": " + blob.status().message());
    if (blob->size() < 5) return InvalidArgument("signature of " + sig.name + " is too short");
    for (std::size_t i = 0; i < 4; ++i) sig.key_hash[i] = static_cast<std::uint8_t>((*blob)[i]);
    sig.signature = blob->substr(4);
    out.signatures.push_back(std::move(sig));
  }
  return out;
}

Status VerifyNote(const SignedNote& note, std::string_view name, const VerifyingKey& key) {
  const NoteKeyHash want = ComputeNoteKeyHash(name, key);
  std::string signers;
  for (const NoteSignature& sig : note.signatures) {
    if (sig.name == name && sig.key_hash == want) {
      if (!key.Verify(note.text, sig.signature)) {
        return DataLoss("invalid signature by " + std::string(name) + "+" + HexOf(want));
      }
      return Status::Ok();
    }
    if (!signers.empty()) signers += ", ";
    signers += sig.name + "+" + HexOf(sig.key_hash);
  }
  return DataLoss("no signature by " + std::string(name) + "+" + HexOf(want) + " (signed by " +
                  signers + ")");
}

}  // namespace sluice::auditlog
