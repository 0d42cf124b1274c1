#include "attest/statement.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "attest/test_util.h"

namespace sluice::attest {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

Json Sample() {
  return MakeStatement(testing::SampleSubjects(), testing::SamplePredicate());
}

// The code and message of ParseStatement on `statement` after `edit`.
Status ParseEdited(const std::function<void(Json&)>& edit) {
  Json statement = Sample();
  edit(statement);
  return ParseStatement(statement.dump()).status();
}

TEST(MakeStatementTest, HasTheInTotoShape) {
  const Json s = Sample();
  EXPECT_EQ(s["_type"], "https://in-toto.io/Statement/v1");
  EXPECT_EQ(s["predicateType"], "https://sluice.dev/attestation/promotion/v1");
  ASSERT_EQ(s["subject"].size(), 2u);
  EXPECT_EQ(s["subject"][0]["name"], "dataset/churn@v3");
  EXPECT_EQ(s["subject"][0]["digest"]["sha256"].get<std::string>().size(), 64u);
  const Json& p = s["predicate"];
  for (const char* key : {"promotion_id", "from", "to", "requester", "runner", "justification",
                          "content_hash", "promoted_ms", "gates", "approvals", "platform",
                          "platform_digest", "policy_version", "rollback"}) {
    EXPECT_TRUE(p.contains(key)) << key;
  }
  EXPECT_EQ(p.size(), 14u);
  EXPECT_EQ(p["promoted_ms"], 1764140804123);
  EXPECT_EQ(p["rollback"], false);
}

TEST(ParseStatementTest, RoundTrips) {
  Result<ParsedStatement> parsed = ParseStatement(Sample().dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->subjects, testing::SampleSubjects());
  EXPECT_EQ(parsed->predicate, testing::SamplePredicate());
  EXPECT_EQ(parsed->json, Sample());

  PromotionPredicate rollback = testing::SamplePredicate();
  rollback.rollback = true;
  rollback.gates.clear();
  rollback.approvals.clear();
  rollback.justification = "";
  parsed = ParseStatement(MakeStatement(testing::SampleSubjects(), rollback).dump(2));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->predicate, rollback);
}

TEST(ParseStatementTest, IgnoresUnknownFieldsAndReadsNullAsUnset) {
  Result<ParsedStatement> parsed = ParseStatement(R"({
    "_type": "https://in-toto.io/Statement/v1",
    "predicateType": "https://sluice.dev/attestation/promotion/v1",
    "subject": [{"name": "m", "digest": {"sha256": ")" +
                                                  std::string(64, 'a') +
                                                  R"(", "gitCommit": "abc"}, "uri": "x"}],
    "predicate": {"promotion_id": "p", "from": "a", "to": "b", "requester": "r", "runner": "r",
                  "content_hash": "h", "promoted_ms": 1, "platform": "x", "platform_digest": "d",
                  "policy_version": 0, "gates": null, "rollback": null, "future": {"x": 1}},
    "extension": true})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->subjects[0].digest.at("gitCommit"), "abc");
  EXPECT_TRUE(parsed->predicate.gates.empty());
  EXPECT_TRUE(parsed->predicate.approvals.empty());
  EXPECT_FALSE(parsed->predicate.rollback);
  EXPECT_EQ(parsed->predicate.justification, "");
  EXPECT_TRUE(parsed->json.contains("extension"));
}

TEST(ParseStatementTest, RefusesMalformedJsonWithAClearError) {
  for (const char* bad :
       {"", "{", "not json", "{\"_type\": }", "[1,2", "{\"a\":1}}", "{\"a\":\"\xff\"}"}) {
    Status s = ParseStatement(bad).status();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(s.message(), "statement is not valid JSON") << bad;
  }
  EXPECT_EQ(ParseStatement("[]").status().message(), "statement must be a JSON object");
}

TEST(ParseStatementTest, RefusesAnotherTypeOrPredicateType) {
  Status s = ParseEdited([](Json& j) { j["_type"] = "https://in-toto.io/Statement/v0.1"; });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(
      s.message(),
      "_type is \"https://in-toto.io/Statement/v0.1\", not \"https://in-toto.io/Statement/v1\"");
  s = ParseEdited([](Json& j) { j["predicateType"] = "https://slsa.dev/provenance/v1"; });
  EXPECT_THAT(s.message(), HasSubstr("predicateType is \"https://slsa.dev/provenance/v1\""));
  s = ParseEdited([](Json& j) { j.erase("predicateType"); });
  EXPECT_THAT(s.message(), HasSubstr("predicateType is required"));
  s = ParseEdited([](Json& j) { j["_type"] = std::string(1000, 'x'); });
  EXPECT_LT(s.message().size(), 200u) << "long values are cut in messages";
}

TEST(ParseStatementTest, NamesTheMissingOrMistypedField) {
  struct Case {
    std::function<void(Json&)> edit;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](Json& j) { j.erase("subject"); }, "subject is required (a non-empty array)"},
      {[](Json& j) { j["subject"] = Json::array(); }, "subject is required (a non-empty array)"},
      {[](Json& j) { j["subject"][1] = "x"; }, "subject[1] must be an object"},
      {[](Json& j) { j["subject"][0].erase("name"); },
       "subject[0].name is required (a non-empty string)"},
      {[](Json& j) { j["subject"][0]["name"] = 3; }, "subject[0].name must be a string"},
      {[](Json& j) { j["subject"][0].erase("digest"); },
       "subject[0].digest is required (an object of algorithm: hex digest)"},
      {[](Json& j) { j["subject"][0]["digest"] = Json::object(); },
       "subject[0].digest is required (an object of algorithm: hex digest)"},
      {[](Json& j) {
         j["subject"][0]["digest"] = {{"sha512", "ab"}};
       },
       "subject[0].digest.sha256 is required"},
      {[](Json& j) { j["subject"][0]["digest"]["sha256"] = std::string(64, 'A'); },
       "subject[0].digest.sha256 must be 64 lowercase hex digits"},
      {[](Json& j) { j["subject"][0]["digest"]["sha256"] = "abc"; },
       "subject[0].digest.sha256 must be 64 lowercase hex digits"},
      {[](Json& j) { j["subject"][0]["digest"]["md5"] = 5; },
       "subject[0].digest[\"md5\"] must be a non-empty string"},
      {[](Json& j) { j.erase("predicate"); }, "predicate is required (an object)"},
      {[](Json& j) { j["predicate"] = "p"; }, "predicate is required (an object)"},
      {[](Json& j) { j["predicate"].erase("promotion_id"); },
       "predicate.promotion_id is required (a non-empty string)"},
      {[](Json& j) { j["predicate"]["from"] = ""; },
       "predicate.from is required (a non-empty string)"},
      {[](Json& j) { j["predicate"]["to"] = Json::array(); }, "predicate.to must be a string"},
      {[](Json& j) { j["predicate"].erase("runner"); },
       "predicate.runner is required (a non-empty string)"},
      {[](Json& j) { j["predicate"]["justification"] = false; },
       "predicate.justification must be a string"},
      {[](Json& j) { j["predicate"].erase("content_hash"); },
       "predicate.content_hash is required (a non-empty string)"},
      {[](Json& j) { j["predicate"].erase("promoted_ms"); },
       "predicate.promoted_ms is required (a non-negative integer)"},
      {[](Json& j) { j["predicate"]["promoted_ms"] = 1.5; },
       "predicate.promoted_ms must be a non-negative integer"},
      {[](Json& j) { j["predicate"]["promoted_ms"] = -1; },
       "predicate.promoted_ms must be a non-negative integer"},
      {[](Json& j) { j["predicate"]["promoted_ms"] = "1764140804123"; },
       "predicate.promoted_ms must be a non-negative integer"},
      {[](Json& j) { j["predicate"]["policy_version"] = std::uint64_t{1} << 63; },
       "predicate.policy_version is out of range"},
      {[](Json& j) { j["predicate"]["gates"] = Json::object(); },
       "predicate.gates must be an array"},
      {[](Json& j) { j["predicate"]["gates"][1] = "passed"; },
       "predicate.gates[1] must be an object"},
      {[](Json& j) { j["predicate"]["approvals"][0].erase("approver"); },
       "predicate.approvals[0].approver is required (a non-empty string)"},
      {[](Json& j) { j["predicate"]["approvals"][0]["decided_ms"] = "yesterday"; },
       "predicate.approvals[0].decided_ms must be a non-negative integer"},
      {[](Json& j) { j["predicate"]["approvals"][0].erase("content_hash"); },
       "predicate.approvals[0].content_hash is required (a non-empty string)"},
      {[](Json& j) { j["predicate"]["approvals"][0]["comment"] = 1; },
       "predicate.approvals[0].comment must be a string"},
      {[](Json& j) { j["predicate"].erase("platform"); },
       "predicate.platform is required (a non-empty string)"},
      {[](Json& j) { j["predicate"].erase("platform_digest"); },
       "predicate.platform_digest is required (a non-empty string)"},
      {[](Json& j) { j["predicate"].erase("policy_version"); },
       "predicate.policy_version is required (a non-negative integer)"},
      {[](Json& j) { j["predicate"]["rollback"] = "no"; }, "predicate.rollback must be a boolean"},
  };
  for (const Case& c : cases) {
    Status s = ParseEdited(c.edit);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.message;
    EXPECT_EQ(s.message(), c.message);
  }
}

TEST(ParseStatementTest, RefusesDeepNestingAndOversizedInput) {
  Json deep = Json::object();
  for (int i = 0; i < 100; ++i) deep = Json{{"x", deep}};
  Status s = ParseEdited([&](Json& j) { j["predicate"]["gates"][0]["detail"] = deep; });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "statement nests JSON deeper than 64 levels");
  // Far deeper than any stack could recurse: refused, not crashed.
  s = ParseStatement(std::string(1'000'000, '[') + std::string(1'000'000, ']')).status();
  EXPECT_EQ(s.message(), "statement nests JSON deeper than 64 levels");

  std::string big = Sample().dump();
  big.append(kMaxStatementBytes - big.size() + 1, ' ');
  s = ParseStatement(big).status();
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(s.message(), "statement is 16777217 bytes; the limit is 16777216");
  big.pop_back();
  EXPECT_TRUE(ParseStatement(big).ok()) << "exactly at the limit is fine";
}

}  // namespace
}  // namespace sluice::attest
