#include "attest/envelope.h"

#include <utility>
#include <vector>

#include "attest/bounded_json.h"
#include "attest/dsse.h"
#include "auditlog/base64.h"
#include "auditlog/jcs.h"
#include "common/crypto.h"

namespace sluice::attest {
namespace {

using Json = nlohmann::json;

struct EnvelopeSignature {
  std::string keyid;  // "" when unset or null, as DSSE says
  std::string sig;    // decoded
};

struct DecodedEnvelope {
  std::string payload_type;
  std::string payload;  // decoded
  std::vector<EnvelopeSignature> signatures;
};

// A required string member of the envelope; DSSE requires it present (even
// if empty).
Result<std::string> RequiredString(const Json& object, const char* key, const char* where) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return InvalidArgument(std::string(where) + " needs \"" + key + "\" (a string)");
  }
  return it->get<std::string>();
}

// Decoding only: the DSSE envelope's fields and base64, nothing verified.
// Unknown fields are ignored, as the envelope spec asks of consumers.
Result<DecodedEnvelope> DecodeEnvelope(std::string_view text) {
  SLUICE_ASSIGN_OR_RETURN(Json envelope, ParseBoundedJson(text, "envelope", kMaxEnvelopeBytes));
  if (!envelope.is_object()) return InvalidArgument("envelope must be a JSON object");
  DecodedEnvelope out;
  SLUICE_ASSIGN_OR_RETURN(out.payload_type, RequiredString(envelope, "payloadType", "envelope"));
  SLUICE_ASSIGN_OR_RETURN(std::string payload, RequiredString(envelope, "payload", "envelope"));
  Result<std::string> decoded = DecodeDsseBase64(payload);
  if (!decoded.ok()) return InvalidArgument("envelope payload: " + decoded.status().message());
  out.payload = std::move(decoded).value();

  auto signatures = envelope.find("signatures");
  if (signatures == envelope.end() || !signatures->is_array()) {
    return InvalidArgument("envelope needs \"signatures\" (an array)");
  }
  if (signatures->size() > kMaxEnvelopeSignatures) {
    return InvalidArgument("envelope has " + std::to_string(signatures->size()) +
                           " signatures; at most " + std::to_string(kMaxEnvelopeSignatures) +
                           " are read");
  }
  for (std::size_t i = 0; i < signatures->size(); ++i) {
    const Json& s = (*signatures)[i];
    const std::string where = "envelope signatures[" + std::to_string(i) + "]";
    if (!s.is_object()) return InvalidArgument(where + " must be an object");
    EnvelopeSignature sig;
    auto keyid = s.find("keyid");
    if (keyid != s.end() && !keyid->is_null()) {
      if (!keyid->is_string()) return InvalidArgument(where + ".keyid must be a string");
      sig.keyid = keyid->get<std::string>();
    }
    SLUICE_ASSIGN_OR_RETURN(std::string text_sig, RequiredString(s, "sig", where.c_str()));
    Result<std::string> raw = DecodeDsseBase64(text_sig);
    if (!raw.ok()) return InvalidArgument(where + ".sig: " + raw.status().message());
    sig.sig = std::move(raw).value();
    out.signatures.push_back(std::move(sig));
  }
  return out;
}

// OK when a signature meant for `key` (its keyid, or none) verifies over the
// PAE. Each failure says which of the three ways it failed.
Status CheckSignatures(const DecodedEnvelope& envelope, const auditlog::VerifyingKey& key,
                       const std::string& keyid) {
  if (envelope.signatures.empty()) return DataLoss("the envelope carries no signature");
  const std::string pae = PreAuthEncoding(envelope.payload_type, envelope.payload);
  bool tried = false;
  std::string others;
  for (const EnvelopeSignature& s : envelope.signatures) {
    if (!s.keyid.empty() && s.keyid != keyid) {
      others += others.empty() ? "" : ", ";
      others += QuoteExcerpt(s.keyid);
      continue;
    }
    tried = true;
    if (key.Verify(pae, s.sig)) return Status::Ok();
  }
  if (!tried) {
    return DataLoss("no signature by key " + keyid + " (the envelope is signed by keyid " + others +
                    "): is this the right public key?");
  }
  return DataLoss("the signature for key " + keyid +
                  " does not verify: the envelope was altered after signing, or signed by "
                  "another key");
}

}  // namespace

std::string KeyId(const auditlog::VerifyingKey& key) {
  return Sha256Hex(key.raw());
}

Result<std::string> SignEnvelope(const nlohmann::json& statement, const auditlog::SigningKey& key) {
  std::string payload;
  Status canonical = auditlog::AppendJcsValue(statement, payload);
  if (!canonical.ok()) return InvalidArgument("statement: " + canonical.message());
  // Sign only what VerifyEnvelope will accept, so a bad statement fails here,
  // at the server, rather than at an auditor's.
  Result<ParsedStatement> parsed = ParseStatement(payload);
  if (!parsed.ok()) {
    return Status(parsed.status().code(), "refusing to sign: " + parsed.status().message());
  }
  SLUICE_ASSIGN_OR_RETURN(std::string sig, key.Sign(PreAuthEncoding(kInTotoPayloadType, payload)));
  const Json envelope = {{"payload", auditlog::Base64Encode(payload)},
                         {"payloadType", kInTotoPayloadType},
                         {"signatures", Json::array({{{"keyid", KeyId(key.verifying_key())},
                                                      {"sig", auditlog::Base64Encode(sig)}}})}};
  std::string out;
  SLUICE_RETURN_IF_ERROR(auditlog::AppendJcsValue(envelope, out));
  if (out.size() > kMaxEnvelopeBytes) {
    return ResourceExhausted("the envelope would be " + std::to_string(out.size()) +
                             " bytes; the limit is " + std::to_string(kMaxEnvelopeBytes));
  }
  return out;
}

Result<VerifiedAttestation> VerifyEnvelope(std::string_view envelope_json,
                                           const auditlog::VerifyingKey& key) {
  SLUICE_ASSIGN_OR_RETURN(DecodedEnvelope envelope, DecodeEnvelope(envelope_json));
  VerifiedAttestation out;
  out.keyid = KeyId(key);
  // DSSE's order: the signature first, then the type and the body, so that
  // nothing an unverified payload says is acted on.
  SLUICE_RETURN_IF_ERROR(CheckSignatures(envelope, key, out.keyid));
  if (envelope.payload_type != kInTotoPayloadType) {
    return InvalidArgument("envelope payloadType is " + QuoteExcerpt(envelope.payload_type) +
                           ", not \"" + std::string(kInTotoPayloadType) + "\"");
  }
  SLUICE_ASSIGN_OR_RETURN(out.statement, ParseStatement(envelope.payload));
  std::string canonical;
  SLUICE_RETURN_IF_ERROR(auditlog::AppendJcsValue(out.statement.json, canonical));
  if (canonical != envelope.payload) {
    return InvalidArgument(
        "the signed statement is not in canonical JSON form (RFC 8785), as Sluice writes it");
  }
  out.payload = std::move(envelope.payload);
  return out;
}

}  // namespace sluice::attest
