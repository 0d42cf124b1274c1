// Signed attestations: a promotion statement (statement.h) in a DSSE
// envelope (https://github.com/secure-systems-lab/dsse, envelope.md):
//
//   {"payload": base64(statement bytes),
//    "payloadType": "application/vnd.in-toto+json",
//    "signatures": [{"keyid": KeyId(key), "sig": base64(Ed25519 over PAE)}]}
//
// signed with the server's Ed25519 key, the one that signs the audit log's
// checkpoints (auditlog::SigningKey; DATA/keys/audit-ed25519.pem). An
// auditor pins the public half (auditlog::VerifyingKey) and can verify with
// VerifyEnvelope or with plain openssl (docs/attestations.md).
//
// The statement is serialised in RFC 8785 canonical form (auditlog/jcs.h)
// and the envelope too, so one statement and key always give the same bytes
// (Ed25519 signatures are deterministic). DSSE itself needs no canonical
// form; we keep one so that every JSON parser reads the same statement from
// the signed bytes (no duplicate keys, one spelling per value), and so
// VerifyEnvelope refuses a payload that is not canonical.
//
// Errors, by what the caller should do:
//   kInvalidArgument    the envelope or its statement is malformed (not JSON,
//                       a missing or mistyped field, bad base64, another
//                       payloadType or predicateType): not an attestation
//                       this code reads; fix the input.
//   kResourceExhausted  the envelope is over kMaxEnvelopeBytes.
//   kDataLoss           well-formed, but not vouched for by the key: no
//                       signature, none by this key, or a signature that does
//                       not verify. The bytes are not what the key signed:
//                       do not trust them, do not retry, escalate. (As
//                       auditlog::VerifyNote does for checkpoints; it is not
//                       kPermissionDenied, which says a policy refused a
//                       caller whose credentials are fine.)
//
// Thread-safety: stateless functions; keys are safe to share (signing_key.h).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "attest/statement.h"
#include "auditlog/signing_key.h"
#include "common/status.h"

namespace sluice::attest {

inline constexpr std::string_view kInTotoPayloadType = "application/vnd.in-toto+json";

// Envelopes are refused (kResourceExhausted) above this size, before they are
// parsed; SignEnvelope refuses to write one larger. The base64 payload takes
// 4/3 of the statement, so a statement can be about 12 MiB.
inline constexpr std::size_t kMaxEnvelopeBytes = std::size_t{16} << 20;  // 16 MiB

// At most this many signatures are read, bounding the work one envelope can
// ask of a verifier; more is kInvalidArgument.
inline constexpr std::size_t kMaxEnvelopeSignatures = 16;

// The envelope's keyid for `key`: 64 lowercase hex digits of SHA-256 over
// the 32 raw Ed25519 public key bytes. (Its first 16 digits are the suffix
// of the audit log's checkpoint origin, auditlog::DefaultOrigin.) As DSSE
// says, the keyid is an unauthenticated hint used only to pick the key.
std::string KeyId(const auditlog::VerifyingKey& key);

// The DSSE envelope JSON text (canonical, no trailing newline) for
// `statement`, signed by `key`. The statement must be one ParseStatement
// accepts (MakeStatement's output with valid fields): kInvalidArgument,
// saying which field, otherwise. kResourceExhausted when the envelope would
// exceed kMaxEnvelopeBytes.
Result<std::string> SignEnvelope(const nlohmann::json& statement, const auditlog::SigningKey& key);

struct VerifiedAttestation {
  ParsedStatement statement;  // subjects, predicate, and the JSON value
  std::string payload;        // the signed statement bytes, as decoded
  std::string keyid;          // KeyId of the key that verified
};

// Checks `envelope_json` as DSSE prescribes: decode it (payload and sig may
// be standard or URL-safe base64), verify the signatures whose keyid is
// KeyId(key) or empty over PAE(payloadType, payload) with `key` (one valid
// signature suffices; signatures by other keys are ignored), then require
// payloadType "application/vnd.in-toto+json", then parse the statement
// (ParseStatement) and require its bytes to be canonical. Errors as above.
Result<VerifiedAttestation> VerifyEnvelope(std::string_view envelope_json,
                                           const auditlog::VerifyingKey& key);

}  // namespace sluice::attest
