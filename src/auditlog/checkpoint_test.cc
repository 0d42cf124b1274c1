#include "auditlog/checkpoint.h"

#include <gtest/gtest.h>

#include "auditlog/base64.h"
#include "auditlog/canonical.h"
#include "auditlog/merkle.h"
#include "auditlog/note.h"
#include "auditlog/test_util.h"

namespace sluice::auditlog {
namespace {

// The example key and note of the Go reference implementation of signed
// notes (golang.org/x/mod/sumdb/note): Ed25519 is deterministic, so signing
// the same text with the same key must give the same bytes.
constexpr char kPeterVerifierKey[] =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr char kPeterSeedHex[] = "810a1402d5146c8d84f2443330f54080ebf98ee17d9c74f6252fc5d5c7283173";
constexpr char kPeterText[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr char kPeterSignatureLine[] =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

TEST(NoteTest, MatchesTheReferenceExample) {
  Result<SigningKey> key = SigningKey::FromSeed(testing::HexDecode(kPeterSeedHex));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(NoteVerifierKey("PeterNeumann", key->verifying_key()), kPeterVerifierKey);
  Result<std::string> note = SignNote(kPeterText, "PeterNeumann", *key);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*note, std::string(kPeterText) + "\n" + kPeterSignatureLine);

  Result<std::pair<std::string, VerifyingKey>> vkey = ParseNoteVerifierKey(kPeterVerifierKey);
  ASSERT_TRUE(vkey.ok()) << vkey.status().ToString();
  EXPECT_EQ(vkey->first, "PeterNeumann");
  Result<SignedNote> parsed = ParseSignedNote(*note);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->text, kPeterText);
  EXPECT_TRUE(VerifyNote(*parsed, "PeterNeumann", vkey->second).ok());

  std::string wrong = kPeterVerifierKey;
  wrong[14] = wrong[14] == '0' ? '1' : '0';  // key hash digit
  EXPECT_FALSE(ParseNoteVerifierKey(wrong).ok());
}

TEST(NoteTest, IgnoresOtherSignersAndRejectsBadOnes) {
  Result<SigningKey> a = SigningKey::Generate();
  Result<SigningKey> b = SigningKey::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  std::string note = *SignNote("hello\n", "a.example/log", *a);
  // A second signature line, by another key, does not matter to a's verifier.
  std::string by_b = *SignNote("hello\n", "b.example/log", *b);
  note += by_b.substr(by_b.find("\xE2\x80\x94"));
  Result<SignedNote> parsed = ParseSignedNote(note);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->signatures.size(), 2u);
  EXPECT_TRUE(VerifyNote(*parsed, "a.example/log", a->verifying_key()).ok());
  EXPECT_TRUE(VerifyNote(*parsed, "b.example/log", b->verifying_key()).ok());
  Status unknown = VerifyNote(*parsed, "a.example/log", b->verifying_key());
  EXPECT_EQ(unknown.code(), StatusCode::kDataLoss);
  EXPECT_NE(unknown.message().find("no signature by"), std::string::npos);
}

Hash SomeRoot() {
  return LeafHash("root");
}

TEST(CheckpointTest, SignParseVerify) {
  Result<SigningKey> key = SigningKey::Generate();
  ASSERT_TRUE(key.ok());
  Result<std::string> text = MakeSignedCheckpoint("sluice/test", 42, SomeRoot(), *key);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  const std::string body = "sluice/test\n42\n" + Base64Encode(HashBytes(SomeRoot())) + "\n";
  ASSERT_EQ(text->substr(0, body.size() + 1), body + "\n");
  EXPECT_EQ(text->substr(body.size() + 1, 16), "\xE2\x80\x94 sluice/test ");

  Result<Checkpoint> checkpoint =
      ParseAndVerifyCheckpoint(*text, key->verifying_key(), "sluice/test");
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().ToString();
  EXPECT_EQ(checkpoint->origin, "sluice/test");
  EXPECT_EQ(checkpoint->size, 42u);
  EXPECT_EQ(checkpoint->root, SomeRoot());
  EXPECT_TRUE(ParseAndVerifyCheckpoint(*text, key->verifying_key(), "").ok());
  EXPECT_EQ(ParseAndVerifyCheckpoint(*text, key->verifying_key(), "sluice/other").status().code(),
            StatusCode::kInvalidArgument);
  Result<SigningKey> other = SigningKey::Generate();
  EXPECT_EQ(ParseAndVerifyCheckpoint(*text, other->verifying_key(), "sluice/test").status().code(),
            StatusCode::kDataLoss);
}

TEST(CheckpointTest, AnyChangedByteIsRejected) {
  Result<SigningKey> key = SigningKey::Generate();
  const std::string text = *MakeSignedCheckpoint("sluice/test", 1234, SomeRoot(), *key);
  for (std::size_t i = 0; i < text.size(); ++i) {
    for (unsigned char flip : {0x01, 0x20, 0x80}) {
      std::string changed = text;
      changed[i] = static_cast<char>(changed[i] ^ flip);
      EXPECT_FALSE(ParseAndVerifyCheckpoint(changed, key->verifying_key(), "sluice/test").ok())
          << "byte " << i << " ^ " << static_cast<int>(flip);
    }
  }
  EXPECT_FALSE(
      ParseAndVerifyCheckpoint(text.substr(0, text.size() - 1), key->verifying_key(), "").ok());
  EXPECT_FALSE(ParseAndVerifyCheckpoint(text + "\n", key->verifying_key(), "").ok());
}

TEST(CheckpointTest, PreciseErrorsForMalformedText) {
  const std::pair<std::string, std::string> cases[] = {
      {"sluice/test\n42\n", "origin, a tree size and a root"},
      {"sluice/test\n042\n" + Base64Encode(HashBytes(SomeRoot())) + "\n", "leading zeros"},
      {"sluice/test\n-1\n" + Base64Encode(HashBytes(SomeRoot())) + "\n", "decimal"},
      {"sluice/test\n99999999999999999999\n" + Base64Encode(HashBytes(SomeRoot())) + "\n",
       "64-bit"},
      {"sluice/test\n42\nAAAA\n", "32 bytes"},
      {"\n42\n" + Base64Encode(HashBytes(SomeRoot())) + "\n", "origin line is empty"},
  };
  for (const auto& [body, message] : cases) {
    Result<Checkpoint> parsed = ParseCheckpointText(body);
    ASSERT_FALSE(parsed.ok()) << body;
    EXPECT_NE(parsed.status().message().find(message), std::string::npos)
        << parsed.status().message();
  }
  Result<Checkpoint> with_extension =
      ParseCheckpointText("o\n1\n" + Base64Encode(HashBytes(SomeRoot())) + "\nextra line\n");
  ASSERT_TRUE(with_extension.ok());
  EXPECT_EQ(with_extension->extensions, std::vector<std::string>{"extra line"});
}

TEST(CheckpointTest, OriginsAreKeyNames) {
  Result<SigningKey> key = SigningKey::Generate();
  EXPECT_FALSE(MakeSignedCheckpoint("has space", 1, SomeRoot(), *key).ok());
  EXPECT_FALSE(MakeSignedCheckpoint("has+plus", 1, SomeRoot(), *key).ok());
  EXPECT_FALSE(MakeSignedCheckpoint("", 1, SomeRoot(), *key).ok());
  Result<std::string> origin = DefaultOrigin("five-stage", key->verifying_key());
  ASSERT_TRUE(origin.ok());
  EXPECT_EQ(origin->rfind("sluice/five-stage/", 0), 0u);
  EXPECT_EQ(origin->size(), std::string("sluice/five-stage/").size() + 16);
  EXPECT_FALSE(DefaultOrigin("five stage", key->verifying_key()).ok());
}

// The worked example of docs/audit-format.md, so the document cannot drift
// from the code.
TEST(CheckpointTest, DocumentedExample) {
  audit::Event e;
  e.time_ms = 1764140804123;
  e.request_id = "req-1";
  e.principal = "alice";
  e.principal_kind = "user";
  e.action = "principal.create";
  e.resource_type = "Platform";
  e.resource_id = "five-stage";
  e.allowed = true;
  e.determining_policies = {"admin-all"};
  e.client_address = "127.0.0.1";
  e.user_agent = "sluice-cli/0.1";
  e.details = {{"name", "bob"}, {"roles", {"reader"}}};
  const Hash leaf0 = LeafHash(*CanonicalEvent(e, 0, ""));
  e.request_id = "req-2";
  e.allowed = false;
  e.outcome = "permission-denied";
  e.details = nlohmann::json::object();
  e.determining_policies.clear();
  const Hash leaf1 = LeafHash(*CanonicalEvent(e, 1, HashHex(leaf0)));
  EXPECT_EQ(HashHex(leaf0), "f609b888d0554462d9e899458d19fe17521906f888aae77c8c32c33fb53cd67c");
  EXPECT_EQ(HashHex(leaf1), "ba709db29f34ceeaa8a3b5e85cf419815eddcc0987a01be33b7eabb56ab257b0");
  const Hash root = NodeHash(leaf0, leaf1);
  EXPECT_EQ(HashHex(root), "54e20d1542830f98732b8748b39faaf715cf67152b069e9bb3f60636f4c9ae09");

  Result<SigningKey> key = SigningKey::FromSeed(std::string(32, 'Z'));
  ASSERT_TRUE(key.ok());
  const std::string origin = "sluice/five-stage/0123456789abcdef";
  EXPECT_EQ(NoteVerifierKey(origin, key->verifying_key()),
            origin + "+b7bdb90c+AQ11UHVOCACl0jfu9YJgNXZrmz5aFYaKlAqyiZWHiOOw");
  EXPECT_EQ(*MakeSignedCheckpoint(origin, 2, root, *key),
            origin + "\n2\nVOINFUKDD5hzK4dIs5+q9xXPZxUrBp6bs/YGNvTJrgk=\n\n\xE2\x80\x94 " + origin +
                " t725DLMd3w48JFaKgnMm+hvZpMCVj7vM49iZQ8tIkQZtHtw0BmAUOZuBOvqwEeaNDnUTVH9RUICARGf/"
                "BSaVFWUvlQA=\n");
}

}  // namespace
}  // namespace sluice::auditlog
