#include "server/json_codec.h"

#include <gtest/gtest.h>

namespace sluice::server {
namespace {

TEST(JsonCodecTest, ParsesAFullPrincipal) {
  auto body = ParseJsonObject(
      R"({"name":"alice","kind":"user","roles":["data-scientist"],
          "attributes":{"country":"FR","contractor":false,"clearances":["PII","PHI","PII"]}})");
  ASSERT_TRUE(body.ok());
  auto p = ParseNewPrincipal(*body);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->name, "alice");
  EXPECT_EQ(p->kind, store::PrincipalKind::kUser);
  EXPECT_EQ(std::get<std::string>(p->attributes["country"]), "FR");
  EXPECT_EQ(std::get<bool>(p->attributes["contractor"]), false);
  EXPECT_EQ(std::get<std::vector<std::string>>(p->attributes["clearances"]),
            (std::vector<std::string>{"PHI", "PII"}));
}

TEST(JsonCodecTest, RejectsMissingAndMistypedFields) {
  auto parse = [](const char* text) { return ParseNewPrincipal(*ParseJsonObject(text)); };
  EXPECT_FALSE(parse(R"({"kind":"user"})").ok());
  EXPECT_FALSE(parse(R"({"name":"a"})").ok());
  EXPECT_FALSE(parse(R"({"name":1,"kind":"user"})").ok());
  EXPECT_FALSE(parse(R"({"name":"a","kind":"user","roles":"admin"})").ok());
  EXPECT_FALSE(parse(R"({"name":"a","kind":"user","roles":[1]})").ok());
  EXPECT_FALSE(parse(R"({"name":"a","kind":"user","attributes":[]})").ok());
  EXPECT_FALSE(parse(R"({"name":"a","kind":"user","attributes":{"s":[1]}})").ok());
  EXPECT_FALSE(parse(R"({"name":"a","kind":"user","attributes":{"s":["PII",""]}})").ok());
  EXPECT_FALSE(parse(R"({"name":"a","kind":"user","extra":true})").ok());
}

TEST(JsonCodecTest, SyntaxErrorsNameLineAndColumn) {
  auto r = ParseJsonObject("{\"a\": 1,\n\"b\" 2}");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 2, column 5"), std::string::npos)
      << r.status().message();
  EXPECT_FALSE(ParseJsonObject("").ok());
  EXPECT_FALSE(ParseJsonObject("\"text\"").ok());
}

TEST(JsonCodecTest, TokenRequest) {
  auto none = ParseTokenRequest(nlohmann::json::object());
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto thirty = ParseTokenRequest({{"expires_in", "30d"}});
  ASSERT_TRUE(thirty.ok());
  EXPECT_EQ(thirty->value(), std::chrono::hours(24 * 30));
  EXPECT_FALSE(ParseTokenRequest({{"expires_in", 30}}).ok());
  EXPECT_FALSE(ParseTokenRequest({{"ttl", "30d"}}).ok());
}

}  // namespace
}  // namespace sluice::server
