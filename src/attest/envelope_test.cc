#include "attest/envelope.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>

#include "attest/dsse.h"
#include "attest/test_util.h"
#include "auditlog/base64.h"
#include "auditlog/jcs.h"
#include "common/crypto.h"

namespace sluice::attest {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

auditlog::SigningKey Key(char seed) {
  return *auditlog::SigningKey::FromSeed(std::string(32, seed));
}

Json Statement() {
  return MakeStatement(testing::SampleSubjects(), testing::SamplePredicate());
}

std::string Sign(const Json& statement = Statement(), char seed = 'k') {
  Result<std::string> envelope = SignEnvelope(statement, Key(seed));
  EXPECT_TRUE(envelope.ok()) << envelope.status().ToString();
  return envelope.ok() ? *envelope : std::string();
}

// An envelope over `payload` bytes with `type`, signed by `key` exactly as
// DSSE says (used to build envelopes SignEnvelope would not write).
std::string SignRaw(std::string_view type, std::string_view payload,
                    const auditlog::SigningKey& key, const std::string& keyid) {
  const std::string sig = *key.Sign(PreAuthEncoding(type, payload));
  Json envelope = {{"payload", auditlog::Base64Encode(payload)},
                   {"payloadType", type},
                   {"signatures", {{{"keyid", keyid}, {"sig", auditlog::Base64Encode(sig)}}}}};
  return envelope.dump();
}

Status Verify(std::string_view envelope, char seed = 'k') {
  return VerifyEnvelope(envelope, Key(seed).verifying_key()).status();
}

TEST(EnvelopeTest, RoundTrips) {
  const std::string envelope = Sign();
  Result<VerifiedAttestation> v = VerifyEnvelope(envelope, Key('k').verifying_key());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->statement.subjects, testing::SampleSubjects());
  EXPECT_EQ(v->statement.predicate, testing::SamplePredicate());
  EXPECT_EQ(v->statement.json, Statement());
  EXPECT_EQ(v->keyid, KeyId(Key('k').verifying_key()));
  std::string canonical;
  ASSERT_TRUE(auditlog::AppendJcsValue(Statement(), canonical).ok());
  EXPECT_EQ(v->payload, canonical);
}

TEST(EnvelopeTest, HasTheDsseShapeInCanonicalForm) {
  const std::string envelope = Sign();
  const Json j = Json::parse(envelope);
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j["payloadType"], "application/vnd.in-toto+json");
  ASSERT_EQ(j["signatures"].size(), 1u);
  const Json& sig = j["signatures"][0];
  EXPECT_EQ(sig["keyid"], Sha256Hex(Key('k').verifying_key().raw()));
  EXPECT_EQ(auditlog::Base64Decode(sig["sig"].get<std::string>())->size(), 64u);
  std::string canonical;
  ASSERT_TRUE(auditlog::AppendJcsValue(j, canonical).ok());
  EXPECT_EQ(envelope, canonical);
  EXPECT_EQ(envelope.rfind("{\"payload\":\"", 0), 0u);

  // The signature is plain Ed25519 over the PAE of the decoded payload.
  const std::string payload = *auditlog::Base64Decode(j["payload"].get<std::string>());
  EXPECT_TRUE(Key('k').verifying_key().Verify(
      "DSSEv1 28 application/vnd.in-toto+json " + std::to_string(payload.size()) + " " + payload,
      *auditlog::Base64Decode(sig["sig"].get<std::string>())));
}

TEST(EnvelopeTest, IsDeterministic) {
  EXPECT_EQ(Sign(), Sign());
  // The same statement built in another order of insertion, another key object.
  Json reordered = Json::object();
  const Json s = Statement();
  for (auto it = s.rbegin(); it != s.rend(); ++it) reordered[it.key()] = *it;
  EXPECT_EQ(*SignEnvelope(reordered, Key('k')), Sign());
  EXPECT_NE(Sign(Statement(), 'j'), Sign());
}

TEST(EnvelopeTest, KeyIdIsTheSha256OfTheRawPublicKey) {
  const auditlog::VerifyingKey key = Key('k').verifying_key();
  EXPECT_EQ(KeyId(key), Sha256Hex(key.raw()));
  EXPECT_EQ(KeyId(key).size(), 64u);
}

// One byte flipped in the decoded payload, re-encoded so the base64 stays
// valid: the signature no longer covers the bytes.
TEST(EnvelopeTest, FlippedPayloadByteFailsAsDataLoss) {
  Json j = Json::parse(Sign());
  std::string payload = *auditlog::Base64Decode(j["payload"].get<std::string>());
  for (std::size_t at : {std::size_t{0}, payload.size() / 2, payload.size() - 1}) {
    std::string changed = payload;
    changed[at] = static_cast<char>(changed[at] ^ 0x01);
    j["payload"] = auditlog::Base64Encode(changed);
    Status s = Verify(j.dump());
    EXPECT_EQ(s.code(), StatusCode::kDataLoss) << at;
    EXPECT_THAT(s.message(), HasSubstr("does not verify")) << at;
  }
}

TEST(EnvelopeTest, FlippedSignatureByteFailsAsDataLoss) {
  Json j = Json::parse(Sign());
  const std::string sig = *auditlog::Base64Decode(j["signatures"][0]["sig"].get<std::string>());
  for (std::size_t at : {std::size_t{0}, std::size_t{31}, std::size_t{63}}) {
    std::string changed = sig;
    changed[at] = static_cast<char>(changed[at] ^ 0x80);
    j["signatures"][0]["sig"] = auditlog::Base64Encode(changed);
    EXPECT_EQ(Verify(j.dump()).code(), StatusCode::kDataLoss) << at;
  }
  j["signatures"][0]["sig"] = auditlog::Base64Encode(sig.substr(0, 63));  // truncated
  EXPECT_EQ(Verify(j.dump()).code(), StatusCode::kDataLoss);
}

TEST(EnvelopeTest, FlippedPayloadTypeByteFailsAsDataLoss) {
  // The type is signed (PAE), so changing it breaks the signature, which is
  // checked before the type is looked at.
  Json j = Json::parse(Sign());
  j["payloadType"] = "application/vnd.in-toto+jsoN";
  Status s = Verify(j.dump());
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_THAT(s.message(), HasSubstr("does not verify"));
}

TEST(EnvelopeTest, AnyFlippedByteOfTheEnvelopeTextFails) {
  const std::string envelope = Sign();
  // Except in the member name "keyid": renamed, the keyid is unset, which
  // DSSE allows (it is an unsigned hint), and the signature still verifies.
  const std::size_t keyid_name = envelope.find("\"keyid\"");
  ASSERT_NE(keyid_name, std::string::npos);
  for (std::size_t at = 0; at < envelope.size(); ++at) {
    if (at > keyid_name && at < keyid_name + 6) continue;
    std::string changed = envelope;
    changed[at] = static_cast<char>(changed[at] ^ 0x01);
    Result<VerifiedAttestation> v = VerifyEnvelope(changed, Key('k').verifying_key());
    // A flip inside the keyid names another key; one inside another member
    // name drops a required member: errors too.
    EXPECT_FALSE(v.ok()) << "byte " << at << ": " << changed;
  }
}

TEST(EnvelopeTest, WrongKeyFails) {
  const std::string envelope = Sign();
  Status s = Verify(envelope, 'x');
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_THAT(s.message(), HasSubstr("no signature by key " + KeyId(Key('x').verifying_key())));
  EXPECT_THAT(s.message(), HasSubstr(KeyId(Key('k').verifying_key())));

  // Without a keyid the signature is tried against the key, and fails.
  Json j = Json::parse(envelope);
  j["signatures"][0].erase("keyid");
  s = Verify(j.dump(), 'x');
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_THAT(s.message(), HasSubstr("does not verify"));
  EXPECT_TRUE(Verify(j.dump(), 'k').ok()) << "keyid is only a hint";
  j["signatures"][0]["keyid"] = nullptr;
  EXPECT_TRUE(Verify(j.dump(), 'k').ok()) << "null keyid is unset";
  // A keyid that names our key does not make another key's signature pass.
  j = Json::parse(Sign(Statement(), 'x'));
  j["signatures"][0]["keyid"] = KeyId(Key('k').verifying_key());
  EXPECT_EQ(Verify(j.dump(), 'k').code(), StatusCode::kDataLoss);
}

TEST(EnvelopeTest, SignaturesByOtherKeysAreIgnored) {
  Json j = Json::parse(Sign());
  Json other = Json::parse(Sign(Statement(), 'x'));
  j["signatures"].insert(j["signatures"].begin(), other["signatures"][0]);
  EXPECT_TRUE(Verify(j.dump(), 'k').ok());
  EXPECT_TRUE(Verify(j.dump(), 'x').ok());
  EXPECT_EQ(Verify(j.dump(), 'y').code(), StatusCode::kDataLoss);
}

TEST(EnvelopeTest, NoSignatureIsDataLoss) {
  Json j = Json::parse(Sign());
  j["signatures"] = Json::array();
  Status s = Verify(j.dump());
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.message(), "the envelope carries no signature");
}

TEST(EnvelopeTest, AcceptsUrlSafeUnpaddedBase64) {
  Json j = Json::parse(Sign());
  for (const char* field : {"payload", "sig"}) {
    Json& holder = std::string(field) == "sig" ? j["signatures"][0] : j;
    std::string text = holder[field].get<std::string>();
    for (char& c : text) c = c == '+' ? '-' : c == '/' ? '_' : c;
    while (!text.empty() && text.back() == '=') text.pop_back();
    holder[field] = text;
  }
  EXPECT_TRUE(Verify(j.dump()).ok()) << Verify(j.dump()).ToString();
}

TEST(EnvelopeTest, MalformedEnvelopesAreInvalidArgument) {
  const Json good = Json::parse(Sign());
  struct Case {
    std::string envelope;
    std::string message;
  };
  auto edited = [&](const std::function<void(Json&)>& edit) {
    Json j = good;
    edit(j);
    return j.dump();
  };
  const std::vector<Case> cases = {
      {"", "envelope is not valid JSON"},
      {"{\"payload\": ", "envelope is not valid JSON"},
      {good.dump() + "x", "envelope is not valid JSON"},
      {"[]", "envelope must be a JSON object"},
      {edited([](Json& j) { j.erase("payload"); }), "envelope needs \"payload\" (a string)"},
      {edited([](Json& j) { j["payload"] = 5; }), "envelope needs \"payload\" (a string)"},
      {edited([](Json& j) { j.erase("payloadType"); }),
       "envelope needs \"payloadType\" (a string)"},
      {edited([](Json& j) { j.erase("signatures"); }), "envelope needs \"signatures\" (an array)"},
      {edited([](Json& j) { j["signatures"] = Json::object(); }),
       "envelope needs \"signatures\" (an array)"},
      {edited([](Json& j) { j["signatures"][0] = "sig"; }),
       "envelope signatures[0] must be an object"},
      {edited([](Json& j) { j["signatures"][0].erase("sig"); }),
       "envelope signatures[0] needs \"sig\" (a string)"},
      {edited([](Json& j) { j["signatures"][0]["keyid"] = 1; }),
       "envelope signatures[0].keyid must be a string"},
      {edited([](Json& j) { j["payload"] = "not base64!"; }),
       "envelope payload: invalid base64 character"},
      {edited([](Json& j) { j["payload"] = j["payload"].get<std::string>() + "A"; }),
       "envelope payload: base64 has a dangling character"},
      {edited([](Json& j) { j["signatures"][0]["sig"] = "****"; }),
       "envelope signatures[0].sig: invalid base64 character"},
      {edited([](Json& j) {
         for (int i = 0; i < 17; ++i) j["signatures"].push_back(j["signatures"][0]);
       }),
       "envelope has 18 signatures; at most 16 are read"},
  };
  for (const Case& c : cases) {
    Status s = Verify(c.envelope);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.envelope;
    EXPECT_EQ(s.message(), c.message);
  }
}

TEST(EnvelopeTest, OversizedEnvelopeIsResourceExhausted) {
  std::string big = Sign();
  big.append(kMaxEnvelopeBytes - big.size() + 1, ' ');
  Status s = Verify(big);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(s.message(), "envelope is 16777217 bytes; the limit is 16777216");

  // A statement too large to fit is refused when signing, not written.
  PromotionPredicate p = testing::SamplePredicate();
  p.justification = std::string(13 << 20, 'j');
  Result<std::string> e = SignEnvelope(MakeStatement(testing::SampleSubjects(), p), Key('k'));
  EXPECT_EQ(e.status().code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(e.status().message(), HasSubstr("the envelope would be"));
}

TEST(EnvelopeTest, SignedButOtherPayloadTypeIsInvalidArgument) {
  std::string canonical;
  ASSERT_TRUE(auditlog::AppendJcsValue(Statement(), canonical).ok());
  const auditlog::SigningKey key = Key('k');
  Status s = Verify(SignRaw("application/json", canonical, key, KeyId(key.verifying_key())));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "envelope payloadType is \"application/json\", not \"application/vnd.in-toto+json\"");
}

TEST(EnvelopeTest, SignedButInvalidStatementIsInvalidArgument) {
  const auditlog::SigningKey key = Key('k');
  const std::string keyid = KeyId(key.verifying_key());
  Status s = Verify(SignRaw(kInTotoPayloadType, "hello world", key, keyid));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "statement is not valid JSON");

  Json statement = Statement();
  statement["predicate"].erase("runner");
  s = Verify(SignRaw(kInTotoPayloadType, statement.dump(), key, keyid));
  EXPECT_EQ(s.message(), "predicate.runner is required (a non-empty string)");

  // Valid, signed, but not in canonical form: refused, since another JSON
  // reader could see other values in non-canonical bytes.
  s = Verify(SignRaw(kInTotoPayloadType, Statement().dump(2), key, keyid));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("not in canonical JSON form"));
  std::string duplicated;
  ASSERT_TRUE(auditlog::AppendJcsValue(Statement(), duplicated).ok());
  duplicated.insert(1, "\"_type\":\"x\",");
  s = Verify(SignRaw(kInTotoPayloadType, duplicated, key, keyid));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
}

TEST(EnvelopeTest, SignRefusesAnInvalidStatement) {
  Json statement = Statement();
  statement["predicate"]["promoted_ms"] = "soon";
  Result<std::string> e = SignEnvelope(statement, Key('k'));
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.status().message(),
            "refusing to sign: predicate.promoted_ms must be a non-negative integer");
  e = SignEnvelope(Json::parse("1e400", nullptr, false), Key('k'));
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  statement = Statement();
  statement["predicate"]["gates"][0]["score"] = std::numeric_limits<double>::quiet_NaN();
  e = SignEnvelope(statement, Key('k'));
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(e.status().message(), HasSubstr("statement: "));
}

TEST(EnvelopeTest, KeepsUnknownFieldsSigned) {
  Json statement = Statement();
  statement["predicate"]["x-acme-ticket"] = "CHG-1234";
  statement["subject"][0]["annotations"] = {{"rows", 120000}, {"ratio", 0.25}};
  Result<VerifiedAttestation> v = VerifyEnvelope(Sign(statement), Key('k').verifying_key());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->statement.json["predicate"]["x-acme-ticket"], "CHG-1234");
  EXPECT_EQ(v->statement.json["subject"][0]["annotations"]["ratio"], 0.25);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The fuzzer's seeds stay meaningful: the valid ones still verify with the
// fuzz key (so the fuzzer starts past the signature check), and none
// crashes.
TEST(EnvelopeTest, FuzzSeedCorpus) {
  const auditlog::VerifyingKey key = testing::FuzzKey().verifying_key();
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SLUICE_ATTEST_FUZZ_CORPUS)) {
    const std::string text = ReadFile(entry.path());
    const std::string name = entry.path().filename().string();
    Result<VerifiedAttestation> v = VerifyEnvelope(text, key);
    Result<ParsedStatement> s = ParseStatement(text);
    if (name.rfind("valid-envelope", 0) == 0) {
      EXPECT_TRUE(v.ok()) << name << ": " << v.status().ToString();
    } else if (name.rfind("valid-statement", 0) == 0) {
      EXPECT_TRUE(s.ok()) << name << ": " << s.status().ToString();
    } else {
      EXPECT_FALSE(v.ok() || s.ok()) << name;
    }
    ++files;
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace sluice::attest
