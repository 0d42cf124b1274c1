#include "access/authenticator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "access/token.h"
#include "store/mock_metadata_store.h"
#include "store/sqlite_store.h"
#include "common/test_temp_dir.h"

namespace sluice::access {
namespace {

using ::testing::_;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Return;

constexpr std::int64_t kNow = 1795676804123;
constexpr std::int64_t kDay = 86400 * 1000;

class AuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    Result<std::unique_ptr<store::SqliteStore>> s = store::SqliteStore::Open(dir_.File("m.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auth_ = std::make_unique<Authenticator>(*store_);
    store::Principal ada;
    ada.name = "ada";
    ada.roles = {"data-scientist"};
    ada.attributes = {{"clearances", std::vector<std::string>{"PII"}}};
    ada.created_ms = kNow;
    ASSERT_TRUE(store_->CreatePrincipal(ada).ok());
  }

  // Issues and stores a token for ada; returns its plaintext.
  std::string Issue(std::optional<std::int64_t> expires_ms = std::nullopt) {
    Result<IssuedToken> issued = IssueToken("ada", expires_ms, kNow);
    EXPECT_TRUE(issued.ok());
    EXPECT_TRUE(store_->CreateToken(issued->record).ok());
    return issued->plaintext;
  }

  // Asserts `token` is refused with the generic message, which must not
  // contain the secret.
  void ExpectInvalid(const std::string& token, std::int64_t now_ms = kNow) {
    Result<store::Principal> p = auth_->Authenticate(token, now_ms);
    EXPECT_EQ(p.status().code(), StatusCode::kUnauthenticated) << token;
    EXPECT_EQ(p.status().message(), kInvalidTokenMessage);
  }

  TestTempDir dir_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<Authenticator> auth_;
};

TEST_F(AuthenticatorTest, ValidTokenYieldsPrincipal) {
  const std::string token = Issue(kNow + kDay);
  Result<store::Principal> p = auth_->Authenticate(token, kNow + 1);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->name, "ada");
  EXPECT_EQ(p->roles, std::vector<std::string>{"data-scientist"});
  EXPECT_TRUE(p->attributes.contains("clearances"));
  // A token without expiry works far in the future.
  EXPECT_TRUE(auth_->Authenticate(Issue(), kNow + 3650 * kDay).ok());
}

TEST_F(AuthenticatorTest, WrongSecretIsRefused) {
  std::string token = Issue();
  token.back() = token.back() == '0' ? '1' : '0';
  ExpectInvalid(token);
}

TEST_F(AuthenticatorTest, UnknownIdAndMalformedAreRefusedAlike) {
  Result<IssuedToken> never_stored = IssueToken("ada", std::nullopt, kNow);
  ASSERT_TRUE(never_stored.ok());
  ExpectInvalid(never_stored->plaintext);
  ExpectInvalid("");
  ExpectInvalid("sluice_abc_def");
  ExpectInvalid("Bearer " + Issue());
}

TEST_F(AuthenticatorTest, ExpiredTokenSaysExpired) {
  const std::string token = Issue(kNow + kDay);
  EXPECT_TRUE(auth_->Authenticate(token, kNow + kDay - 1).ok());
  Result<store::Principal> p = auth_->Authenticate(token, kNow + kDay);
  EXPECT_EQ(p.status().code(), StatusCode::kUnauthenticated);
  EXPECT_THAT(p.status().message(), HasSubstr("expired"));
  // Only the holder of the secret learns that it expired.
  std::string wrong = token;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  ExpectInvalid(wrong, kNow + kDay);
}

TEST_F(AuthenticatorTest, RevokedTokenIsRefused) {
  const std::string token = Issue();
  ASSERT_TRUE(auth_->Authenticate(token, kNow).ok());
  ASSERT_TRUE(store_->RevokeToken(ParseToken(token)->id, kNow + 1).ok());
  ExpectInvalid(token, kNow + 2);
}

TEST_F(AuthenticatorTest, DeletedPrincipalIsRefused) {
  const std::string token = Issue();
  ASSERT_TRUE(store_->DeletePrincipal("ada").ok());
  ExpectInvalid(token);
}

TEST_F(AuthenticatorTest, MessagesNeverContainTheSecret) {
  const std::string token = Issue(kNow + 1);
  const std::string secret = ParseToken(token)->secret;
  for (std::int64_t now : {kNow, kNow + 1}) {
    std::string variant = token;
    for (int flip = 0; flip < 2; ++flip) {
      Result<store::Principal> p = auth_->Authenticate(variant, now);
      EXPECT_THAT(p.status().message(), Not(HasSubstr(secret.substr(0, 16))));
      variant.back() = variant.back() == '0' ? '1' : '0';
    }
  }
}

// With a mock store: the principal lookup that races a delete, and store
// failures that must not be reported as bad credentials.
class AuthenticatorMockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<IssuedToken> issued = IssueToken("ci", std::nullopt, kNow);
    ASSERT_TRUE(issued.ok());
    issued_ = std::move(issued).value();
  }

  ::testing::StrictMock<store::MockMetadataStore> store_;
  Authenticator auth_{store_};
  IssuedToken issued_;
};

TEST_F(AuthenticatorMockTest, LooksUpTokenThenPrincipal) {
  store::Principal ci;
  ci.name = "ci";
  ci.kind = store::PrincipalKind::kService;
  EXPECT_CALL(store_, GetToken(std::string_view(issued_.record.id)))
      .WillOnce(Return(issued_.record));
  EXPECT_CALL(store_, GetPrincipal(std::string_view("ci"))).WillOnce(Return(ci));
  Result<store::Principal> p = auth_.Authenticate(issued_.plaintext, kNow);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->kind, store::PrincipalKind::kService);
}

TEST_F(AuthenticatorMockTest, PrincipalVanishedBetweenLookupsIsInvalid) {
  EXPECT_CALL(store_, GetToken(_)).WillOnce(Return(issued_.record));
  EXPECT_CALL(store_, GetPrincipal(_)).WillOnce(Return(NotFound("principal \"ci\" not found")));
  Result<store::Principal> p = auth_.Authenticate(issued_.plaintext, kNow);
  EXPECT_EQ(p.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(p.status().message(), kInvalidTokenMessage);
}

TEST_F(AuthenticatorMockTest, StoreOutageIsNotUnauthenticated) {
  EXPECT_CALL(store_, GetToken(_)).WillOnce(Return(Unavailable("database is locked")));
  EXPECT_EQ(auth_.Authenticate(issued_.plaintext, kNow).status().code(), StatusCode::kUnavailable);
}

TEST_F(AuthenticatorMockTest, MalformedTokenNeverReachesTheStore) {
  // StrictMock: any store call fails the test.
  EXPECT_EQ(auth_.Authenticate("sluice_nothex", kNow).status().code(),
            StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace sluice::access
