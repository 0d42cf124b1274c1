#include "alert/rule_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::alert {
namespace {

using ::testing::HasSubstr;

constexpr char kGood[] = R"(# a comment
rules:
  - id: denial-burst
    description: One principal was denied 20 times within a minute
    severity: warning
    when:
      - field: decision
        equals: deny
    window: 60s
    group_by: [principal.name]
    threshold: 20
  - id: bulk
    description: Bulk reads
    severity: critical
    when:
      - {field: details.classification, contains_any: [PCI, PHI]}
      - {field: details.ok, equals: true}
      - {field: details.code, equals: "42"}
      - {field: details.n, not_equals: 42}
      - {field: action, in: [asset.read, asset.copy]}
      - {field: action, prefix: asset.}
      - {field: session.id, exists: false}
      - {field: details.bytes, gte: 10}
      - {field: details.bytes, lte: 1.5e10}
    sum: details.bytes
    window: 1h
    group_by: [principal.name, environment]
    threshold: 1073741824
  - id: every-event
    description: Everything
    severity: info
    when: []
    window: 5m
    threshold: 0.5
  - id: off
    disabled: true
)";

TEST(RuleParserTest, ParsesAGoodFile) {
  Result<std::vector<AlertRule>> rules = ParseAlertRules(kGood, "good.yaml");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  ASSERT_EQ(rules->size(), 4u);
  const AlertRule& burst = (*rules)[0];
  EXPECT_EQ(burst.id, "denial-burst");
  EXPECT_EQ(burst.severity, "warning");
  ASSERT_EQ(burst.conditions.size(), 1u);
  EXPECT_EQ(burst.conditions[0].field, "decision");
  EXPECT_EQ(burst.conditions[0].op, Operator::kEquals);
  EXPECT_EQ(burst.conditions[0].value, "deny");
  EXPECT_EQ(burst.sum_field, "");
  EXPECT_EQ(burst.window, std::chrono::seconds(60));
  EXPECT_EQ(burst.group_by, std::vector<std::string>{"principal.name"});
  EXPECT_EQ(burst.threshold, 20);

  const AlertRule& bulk = (*rules)[1];
  ASSERT_EQ(bulk.conditions.size(), 9u);
  EXPECT_EQ(bulk.conditions[0].op, Operator::kContainsAny);
  EXPECT_EQ(bulk.conditions[0].value, nlohmann::json::parse(R"(["PCI","PHI"])"));
  EXPECT_EQ(bulk.conditions[1].value, true);
  EXPECT_EQ(bulk.conditions[2].value, "42");  // quoted: a string
  EXPECT_EQ(bulk.conditions[3].op, Operator::kNotEquals);
  EXPECT_EQ(bulk.conditions[3].value, 42);
  EXPECT_TRUE(bulk.conditions[3].value.is_number_integer());
  EXPECT_EQ(bulk.conditions[4].op, Operator::kIn);
  EXPECT_EQ(bulk.conditions[5].op, Operator::kPrefix);
  EXPECT_EQ(bulk.conditions[6].op, Operator::kExists);
  EXPECT_EQ(bulk.conditions[6].value, false);
  EXPECT_EQ(bulk.conditions[7].op, Operator::kGte);
  EXPECT_EQ(bulk.conditions[8].op, Operator::kLte);
  EXPECT_EQ(bulk.conditions[8].value, 1.5e10);
  EXPECT_EQ(bulk.sum_field, "details.bytes");
  EXPECT_EQ(bulk.window, std::chrono::hours(1));
  EXPECT_EQ(bulk.threshold, 1073741824.0);

  EXPECT_TRUE((*rules)[2].conditions.empty());
  EXPECT_EQ((*rules)[2].threshold, 0.5);
  EXPECT_TRUE((*rules)[3].disabled);
  EXPECT_EQ((*rules)[3].id, "off");
}

TEST(RuleParserTest, EmptyDocumentHasNoRules) {
  Result<std::vector<AlertRule>> rules = ParseAlertRules("# nothing\n", "empty.yaml");
  ASSERT_TRUE(rules.ok());
  EXPECT_TRUE(rules->empty());
  rules = ParseAlertRules("rules: []\n", "empty.yaml");
  ASSERT_TRUE(rules.ok());
  EXPECT_TRUE(rules->empty());
}

// A valid one-rule file with line `line` (1-based; the rule's keys are lines 3..10) replaced.
std::string WithLine(int line, const std::string& replacement) {
  std::vector<std::string> lines = {"rules:",
                                    "  - id: r1",
                                    "    description: d",
                                    "    severity: warning",
                                    "    when:",
                                    "      - field: decision",
                                    "        equals: deny",
                                    "    window: 60s",
                                    "    group_by: [principal.name]",
                                    "    threshold: 20"};
  lines[static_cast<std::size_t>(line - 1)] = replacement;
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// The same file with the condition (lines 6 and 7) replaced by one line.
std::string WithCondition(const std::string& replacement) {
  std::string yaml = WithLine(7, "");
  const std::string condition = "      - field: decision\n";
  return yaml.replace(yaml.find(condition), condition.size(), replacement + "\n");
}

struct BadCase {
  std::string yaml;
  int line;
  std::string problem;
};
void PrintTo(const BadCase& c, std::ostream* os) {
  *os << "line " << c.line << ": " << c.problem;
}

class RuleParserErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(RuleParserErrorTest, NamesFileLineAndProblem) {
  const BadCase& c = GetParam();
  ASSERT_TRUE(ParseAlertRules(WithLine(3, "    description: d"), "user.yaml").ok());
  Result<std::vector<AlertRule>> rules = ParseAlertRules(c.yaml, "user.yaml");
  ASSERT_FALSE(rules.ok()) << c.yaml;
  EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(rules.status().message(), HasSubstr("user.yaml:" + std::to_string(c.line) + ": "));
  EXPECT_THAT(rules.status().message(), HasSubstr(c.problem));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RuleParserErrorTest,
    ::testing::Values(
        BadCase{WithLine(3, "    descripton: d"), 3, "unknown key \"descripton\""},
        BadCase{WithLine(4, "    severity: urgent"), 4, "severity must be info, warning or"},
        BadCase{WithLine(7, "        matches: deny"), 7, "unknown key \"matches\""},
        BadCase{WithLine(7, "        equals: [deny]"), 7, "expected a string, number"},
        BadCase{WithLine(7, "        gte: many"), 7, "gte must be a number"},
        BadCase{WithLine(7, "        exists: yes"), 7, "exists must be true or false"},
        BadCase{WithLine(7, "        in: []"), 7, "at least 1"},
        BadCase{WithLine(7, "        contains_any: [1]"), 7, "must list strings"},
        BadCase{WithLine(6, "      - field: decison"), 6, "does not start with a member"},
        BadCase{WithCondition("      - {field: decision, equals: deny, in: [x]}"), 6,
                "two operators"},
        BadCase{WithCondition("      - {field: decision}"), 6, "has no operator"},
        BadCase{WithCondition("      - {equals: deny}"), 6, "condition has no field"},
        BadCase{WithLine(8, "    window: 60"), 8, "window \"60\""},
        BadCase{WithLine(8, "    window: 0s"), 8, "window \"0s\""},
        BadCase{WithLine(8, "    window: 2d"), 8, "from 1s to 1d"},
        BadCase{WithLine(8, "    window: 1m30s"), 8, "window \"1m30s\""},
        BadCase{WithLine(8, "    sum: principal.nmae"), 8, "names no member"},
        BadCase{WithLine(9, "    group_by: principal.name"), 9, "group_by must be a list"},
        BadCase{WithLine(9, "    group_by: [environment, environment]"), 9, "repeats"},
        BadCase{WithLine(10, "    threshold: 0"), 10, "threshold must be greater than 0"},
        BadCase{WithLine(10, "    threshold: -5"), 10, "threshold must be greater than 0"},
        BadCase{WithLine(10, "    threshold: \"20\""), 10, "threshold must be a number"},
        BadCase{WithLine(10, "    threshold: 20\n    threshold: 21"), 11, "duplicate key"},
        BadCase{WithLine(10, "    disabled: true"), 3, "a disabled rule holds only id"},
        BadCase{WithLine(10, "    disabled: maybe"), 10, "disabled must be true or false"},
        BadCase{WithLine(2, "  - id: Bad_Upper"), 2, "id must be"},
        BadCase{WithLine(10, "    # no threshold"), 2, "missing threshold"},
        BadCase{WithLine(10, "    threshold: 20\n  - id: r1\n    disabled: true"), 11,
                "duplicate rule id"},
        BadCase{WithLine(1, "alerts:"), 1, "unknown key \"alerts\""},
        BadCase{"rules: {}\n", 1, "rules must be a list"},
        BadCase{"- just a list\n", 1, "must be a map"},
        BadCase{"rules:\n  - id: [\n", 3, "not valid YAML"}));

}  // namespace
}  // namespace sluice::alert
