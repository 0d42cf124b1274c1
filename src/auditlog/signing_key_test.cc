#include "auditlog/signing_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "auditlog/test_util.h"

namespace sluice::auditlog {
namespace {

using testing::HexDecode;
using testing::TempDir;

unsigned ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 07777;
}

TEST(SigningKeyTest, CreatesA0600KeyAndLoadsItAgain) {
  TempDir dir;
  const std::string path = dir.File("keys/audit-ed25519.pem");
  Result<SigningKey> created = SigningKey::LoadOrCreate(path);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(ModeOf(path), 0600u);
  EXPECT_EQ(ModeOf(dir.File("keys")), 0700u);
  const std::string pem = testing::ReadFile(path);
  EXPECT_NE(pem.find("-----BEGIN PRIVATE KEY-----"), std::string::npos);  // PKCS#8

  Result<SigningKey> loaded = SigningKey::LoadOrCreate(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->verifying_key(), created->verifying_key());
  EXPECT_EQ(testing::ReadFile(path), pem);  // not rewritten
}

TEST(SigningKeyTest, RefusesAKeyOthersCanRead) {
  TempDir dir;
  const std::string path = dir.File("key.pem");
  ASSERT_TRUE(SigningKey::LoadOrCreate(path).ok());
  for (unsigned mode : {0644u, 0640u, 0604u, 0660u}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    Result<SigningKey> refused = SigningKey::LoadOrCreate(path);
    EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition) << std::oct << mode;
    EXPECT_NE(refused.status().message().find("chmod 600"), std::string::npos);
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(SigningKey::LoadOrCreate(path).ok());
}

TEST(SigningKeyTest, RefusesWhatIsNotAnEd25519Key) {
  TempDir dir;
  const std::string path = dir.File("key.pem");
  testing::WriteFile(path, "not a key\n");
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  EXPECT_EQ(SigningKey::LoadOrCreate(path).status().code(), StatusCode::kFailedPrecondition);
}

TEST(SigningKeyTest, SignsAndVerifies) {
  Result<SigningKey> key = SigningKey::Generate();
  ASSERT_TRUE(key.ok());
  Result<std::string> signature = key->Sign("message");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(signature->size(), kEd25519SignatureSize);
  EXPECT_TRUE(key->verifying_key().Verify("message", *signature));
  EXPECT_FALSE(key->verifying_key().Verify("messagE", *signature));
  std::string bad = *signature;
  bad[10] ^= 1;
  EXPECT_FALSE(key->verifying_key().Verify("message", bad));
  EXPECT_FALSE(key->verifying_key().Verify("message", signature->substr(1)));

  Result<VerifyingKey> from_pem = VerifyingKey::FromPem(key->PublicKeyPem());
  ASSERT_TRUE(from_pem.ok()) << from_pem.status().ToString();
  EXPECT_EQ(*from_pem, key->verifying_key());
  EXPECT_TRUE(from_pem->Verify("message", *signature));
  EXPECT_NE(key->PublicKeyPem().find("-----BEGIN PUBLIC KEY-----"), std::string::npos);
  EXPECT_FALSE(VerifyingKey::FromPem("garbage").ok());
}

// RFC 8032 section 7.1, TEST 1.
TEST(SigningKeyTest, Rfc8032Vector) {
  Result<SigningKey> key = SigningKey::FromSeed(
      HexDecode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->verifying_key().raw(),
            HexDecode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
  Result<std::string> signature = key->Sign("");
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(*signature,
            HexDecode("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8"
                      "821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"));
}

}  // namespace
}  // namespace sluice::auditlog
