#include "alert/rule.h"

#include <gtest/gtest.h>

#include "alert/event_view.h"
#include "alert/test_util.h"

namespace sluice::alert {
namespace {

using testing::kT0;
using testing::MakeEvent;

nlohmann::json View() {
  audit::Event e = MakeEvent("policy.push", "alice", true, kT0);
  e.details = {{"bytes", 1000},  {"ratio", 0.5},
               {"ok", false},    {"classification", {"PII", "PCI"}},
               {"label", "PHI"}, {"big", std::uint64_t{18446744073709551615ULL}}};
  return EventView(e);
}

bool Holds(std::string field, Operator op, nlohmann::json value) {
  return ConditionHolds(Condition{std::move(field), op, std::move(value)}, View());
}

TEST(ConditionTest, Equals) {
  EXPECT_TRUE(Holds("decision", Operator::kEquals, "allow"));
  EXPECT_FALSE(Holds("decision", Operator::kEquals, "deny"));
  EXPECT_TRUE(Holds("details.ok", Operator::kEquals, false));
  EXPECT_FALSE(Holds("details.ok", Operator::kEquals, "false"));  // types must agree
  EXPECT_TRUE(Holds("details.bytes", Operator::kEquals, 1000));
  EXPECT_TRUE(Holds("details.bytes", Operator::kEquals, 1000.0));
  EXPECT_FALSE(Holds("details.bytes", Operator::kEquals, "1000"));
  EXPECT_TRUE(Holds("details.big", Operator::kEquals, std::uint64_t{18446744073709551615ULL}));
  EXPECT_FALSE(Holds("details.big", Operator::kEquals, -1));
  EXPECT_FALSE(Holds("details.missing", Operator::kEquals, "x"));
}

TEST(ConditionTest, NotEqualsIsTheNegation) {
  EXPECT_TRUE(Holds("decision", Operator::kNotEquals, "deny"));
  EXPECT_FALSE(Holds("decision", Operator::kNotEquals, "allow"));
  EXPECT_TRUE(Holds("details.missing", Operator::kNotEquals, "x"));
}

TEST(ConditionTest, InPrefixExists) {
  EXPECT_TRUE(Holds("action", Operator::kIn, {"policy.push", "policy.rollback"}));
  EXPECT_FALSE(Holds("action", Operator::kIn, {"policy.rollback"}));
  EXPECT_TRUE(Holds("action", Operator::kPrefix, "policy."));
  EXPECT_FALSE(Holds("action", Operator::kPrefix, "asset."));
  EXPECT_FALSE(Holds("details.bytes", Operator::kPrefix, "1"));  // not a string
  EXPECT_TRUE(Holds("details.ok", Operator::kExists, true));
  EXPECT_FALSE(Holds("details.missing", Operator::kExists, true));
  EXPECT_TRUE(Holds("details.missing", Operator::kExists, false));
  EXPECT_FALSE(Holds("session", Operator::kExists, true));  // null counts as absent
  EXPECT_TRUE(Holds("session.id", Operator::kExists, false));
}

TEST(ConditionTest, ContainsAny) {
  EXPECT_TRUE(Holds("details.classification", Operator::kContainsAny, {"PCI", "PHI"}));
  EXPECT_FALSE(Holds("details.classification", Operator::kContainsAny, {"PHI"}));
  EXPECT_TRUE(Holds("details.label", Operator::kContainsAny, {"PHI"}));  // one string
  EXPECT_FALSE(Holds("details.bytes", Operator::kContainsAny, {"1000"}));
  EXPECT_FALSE(Holds("details.missing", Operator::kContainsAny, {"PHI"}));
}

TEST(ConditionTest, GteLte) {
  EXPECT_TRUE(Holds("details.bytes", Operator::kGte, 1000));
  EXPECT_FALSE(Holds("details.bytes", Operator::kGte, 1000.5));
  EXPECT_TRUE(Holds("details.ratio", Operator::kLte, 0.5));
  EXPECT_FALSE(Holds("details.ratio", Operator::kLte, 0.25));
  EXPECT_FALSE(Holds("action", Operator::kGte, 0));
}

AlertRule Rule(std::string id, double threshold = 1) {
  AlertRule r;
  r.id = std::move(id);
  r.description = "d";
  r.severity = "info";
  r.window = std::chrono::seconds(60);
  r.threshold = threshold;
  return r;
}

TEST(MergeRulesTest, ReplacesDisablesAndAdds) {
  AlertRule off = Rule("b");
  off.disabled = true;
  Result<std::vector<AlertRule>> merged =
      MergeRules({Rule("a"), Rule("b"), Rule("c")}, {Rule("c", 99), off, Rule("new")});
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  ASSERT_EQ(merged->size(), 3u);
  EXPECT_EQ((*merged)[0].id, "a");
  EXPECT_EQ((*merged)[1].id, "c");
  EXPECT_EQ((*merged)[1].threshold, 99);
  EXPECT_EQ((*merged)[2].id, "new");
}

TEST(MergeRulesTest, DisablingAnUnknownRuleIsAnError) {
  AlertRule off = Rule("typo");
  off.disabled = true;
  Result<std::vector<AlertRule>> merged = MergeRules({Rule("a")}, {off});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(merged.status().message().find("typo"), std::string::npos);
}

}  // namespace
}  // namespace sluice::alert
