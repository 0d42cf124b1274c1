#include "access/token.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/crypto.h"

namespace sluice::access {
namespace {

using std::chrono::seconds;

TEST(TokenTest, IssueAndParseRoundTrip) {
  Result<IssuedToken> issued = IssueToken("ada", 5000, 1000);
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_EQ(issued->plaintext.size(), kTokenLength);
  EXPECT_EQ(issued->plaintext.size(), 88u);
  EXPECT_TRUE(issued->plaintext.starts_with("sluice_"));

  Result<ParsedToken> parsed = ParseToken(issued->plaintext);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->id, issued->record.id);
  EXPECT_EQ(parsed->id.size(), 16u);
  EXPECT_EQ(parsed->secret.size(), 64u);  // 32 bytes = 256 bits
  EXPECT_EQ(issued->plaintext, "sluice_" + parsed->id + "_" + parsed->secret);

  EXPECT_EQ(issued->record.principal, "ada");
  EXPECT_EQ(issued->record.created_ms, 1000);
  EXPECT_EQ(issued->record.expires_ms, 5000);
  EXPECT_FALSE(issued->record.revoked_ms.has_value());
}

TEST(TokenTest, RecordStoresHashNotSecret) {
  Result<IssuedToken> issued = IssueToken("ada", std::nullopt, 1000);
  ASSERT_TRUE(issued.ok());
  Result<ParsedToken> parsed = ParseToken(issued->plaintext);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(issued->record.secret_hash, Sha256Hex(parsed->secret));
  EXPECT_EQ(issued->record.secret_hash.size(), 64u);
  EXPECT_EQ(issued->record.secret_hash.find(parsed->secret), std::string::npos);
  EXPECT_FALSE(issued->record.expires_ms.has_value());
}

TEST(TokenTest, SecretsAreRandomWith256Bits) {
  std::set<std::string> ids, secrets;
  std::set<char> digits_seen;
  for (int i = 0; i < 64; ++i) {
    Result<IssuedToken> issued = IssueToken("ada", std::nullopt, 0);
    ASSERT_TRUE(issued.ok());
    Result<ParsedToken> parsed = ParseToken(issued->plaintext);
    ASSERT_TRUE(parsed.ok());
    ids.insert(parsed->id);
    secrets.insert(parsed->secret);
    digits_seen.insert(parsed->secret.begin(), parsed->secret.end());
    EXPECT_EQ(parsed->secret.size() * 4, 256u);
  }
  EXPECT_EQ(ids.size(), 64u);
  EXPECT_EQ(secrets.size(), 64u);
  EXPECT_EQ(digits_seen.size(), 16u) << "all hex digits appear across 64 secrets";
}

TEST(TokenTest, IssueRejectsBadInput) {
  EXPECT_EQ(IssueToken("", std::nullopt, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(IssueToken("ada", 1000, 1000).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(IssueToken("ada", 999, 1000).status().code(), StatusCode::kInvalidArgument);
}

TEST(TokenTest, MalformedTokensAreInvalidArgument) {
  const std::string id(16, 'a');
  const std::string secret(64, 'b');
  const std::string good = "sluice_" + id + "_" + secret;
  ASSERT_TRUE(ParseToken(good).ok());
  const std::string bad[] = {
      "",
      "sluice_",
      "Bearer " + good,
      "slUice_" + id + "_" + secret,  // wrong prefix
      "sluicE_" + id + "_" + secret,
      "ghp_" + id + "_" + secret,
      "sluice_" + id + "_" + secret + "b",       // too long
      "sluice_" + id + "_" + secret.substr(1),   // too short
      "sluice_" + id + "a_" + secret.substr(1),  // id too long, right total
      "sluice_" + id.substr(1) + "_a" + secret,  // id too short, right total
      "sluice_" + id + "-" + secret,             // wrong separator
      "sluice_" + id.substr(1) + "g_" + secret,  // non-hex id
      "sluice_" + id + "_" + secret.substr(1) + "z",
      "sluice_" + id + "_" + secret.substr(1) + "B",  // uppercase hex
      "sluice_" + id + "_" + secret.substr(1) + " ",
      good + "\n",
      std::string("sluice_") + id + "_" + secret.substr(1) + '\0',
  };
  for (const std::string& token : bad) {
    Result<ParsedToken> parsed = ParseToken(token);
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << token;
    EXPECT_EQ(parsed.status().message().find(secret.substr(0, 16)), std::string::npos)
        << "error message must not echo the token";
  }
}

TEST(TokenTest, ParseTtlAcceptsUnits) {
  EXPECT_EQ(*ParseTtl("3600s"), seconds(3600));
  EXPECT_EQ(*ParseTtl("90m"), seconds(90 * 60));
  EXPECT_EQ(*ParseTtl("12h"), seconds(12 * 3600));
  EXPECT_EQ(*ParseTtl("30d"), seconds(30 * 86400));
  EXPECT_EQ(*ParseTtl("1s"), seconds(1));
  EXPECT_EQ(*ParseTtl("3650d"), kMaxTtl);
  EXPECT_EQ(*ParseTtl("007d"), seconds(7 * 86400));
}

TEST(TokenTest, ParseTtlRejectsBadInput) {
  for (std::string_view bad :
       {"", "d", "30", "0d", "0s", "-1d", "+1d", " 1d", "1d ", "1 d", "1.5h", "1y", "1D", "1dd",
        "3651d", "87601h", "315360001s", "99999999999999999999999d", "9223372036854775807s"}) {
    EXPECT_EQ(ParseTtl(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace sluice::access
