#include "alert/default_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace sluice::alert {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Ids(const std::vector<AlertRule>& rules) {
  std::vector<std::string> ids;
  for (const AlertRule& r : rules) ids.push_back(r.id);
  return ids;
}

TEST(DefaultRulesTest, EmbedsTheCheckedInFileVerbatim) {
  std::ifstream in(SLUICE_DEFAULT_ALERTS_PATH);
  ASSERT_TRUE(in) << SLUICE_DEFAULT_ALERTS_PATH;
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(DefaultAlertRules(), text.str());
}

TEST(DefaultRulesTest, ParseIntoTheBuiltInRules) {
  Result<std::vector<AlertRule>> rules = DefaultAlertRuleSet();
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_THAT(Ids(*rules),
              ElementsAre("denial-burst", "bulk-sensitive-read",
                          "contractor-prod-read-from-discovery", "break-glass-opened",
                          "break-glass-activity", "audit-verification-failed", "policy-change"));
  for (const AlertRule& r : *rules) EXPECT_FALSE(r.disabled) << r.id;
}

TEST(DefaultRulesTest, UserFileReplacesDisablesAndAdds) {
  Result<std::vector<AlertRule>> rules = EffectiveAlertRules(R"(
rules:
  - id: denial-burst
    description: 50 denials in 5 minutes
    severity: critical
    when: [{field: decision, equals: deny}]
    window: 5m
    group_by: [principal.name]
    threshold: 50
  - id: policy-change
    disabled: true
  - id: large-push
    description: Large pushes
    severity: info
    when: [{field: action, equals: asset.write}]
    sum: details.bytes
    window: 1d
    group_by: [environment]
    threshold: 107374182400
)",
                                                             "user-alerts.yaml");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_THAT(Ids(*rules),
              ElementsAre("denial-burst", "bulk-sensitive-read",
                          "contractor-prod-read-from-discovery", "break-glass-opened",
                          "break-glass-activity", "audit-verification-failed", "large-push"));
  EXPECT_EQ((*rules)[0].threshold, 50);
  EXPECT_EQ((*rules)[0].severity, "critical");
}

TEST(DefaultRulesTest, UserFileErrorsNameTheUserFile) {
  Result<std::vector<AlertRule>> rules =
      EffectiveAlertRules("rules:\n  - id: no-such-rule\n    disabled: true\n", "mine.yaml");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(rules.status().message(), HasSubstr("mine.yaml"));
  EXPECT_THAT(rules.status().message(), HasSubstr("no-such-rule"));

  rules = EffectiveAlertRules("rules:\n  - id: x\n    severity: loud\n", "mine.yaml");
  ASSERT_FALSE(rules.ok());
  EXPECT_THAT(rules.status().message(), HasSubstr("mine.yaml:2:"));
}

}  // namespace
}  // namespace sluice::alert
