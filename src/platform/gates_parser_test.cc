// The `gates:` map of an environment (gates_parser.h): every key, its default, and a diagnostic
// at the right line and column for each kind of mistake.
#include "platform/gates_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "platform/parser.h"
#include "platform/test_helpers.h"

namespace sluice::platform {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using testing_helpers::DiagAt;
using testing_helpers::Diagnose;

// A two-rung platform whose production environment has `gates:` on line 9; `lines` are the
// gates' own lines, indented here by six spaces, so the first is line 10 and its key starts at
// column 7.
std::string WithGates(std::string_view lines) {
  std::string text = R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: interactive}
  - name: production
    track: data
    data: production
    mode: automation
    gates:
)";
  std::istringstream in{std::string(lines)};
  for (std::string line; std::getline(in, line);) text += "      " + line + "\n";
  text += "promotions:\n  - {from: discovery, to: production, kind: data}\n";
  return text;
}

GateSettings ProductionGates(std::string_view lines) {
  ParseOutcome outcome = ParsePlatform(WithGates(lines), "test.yaml");
  EXPECT_TRUE(outcome.ok()) << FormatDiagnostics(outcome.diagnostics);
  if (!outcome.ok()) return {};
  return outcome.platform->Find("production")->gates;
}

TEST(GatesParserTest, ReadsEveryField) {
  const GateSettings g = ProductionGates(R"(schema_compatibility: false
expectations: required
classification_declared: false
champion_alias: current-best
metrics:
  auc: {min: 0.7, max_regression: 0.02}
  latency_ms: {max: 50, higher_is_better: false}
  f1: {min: -1, max: 1e0, higher_is_better: true}
webhooks:
  - name: risk-review
    url: http://127.0.0.1:9000/check
    timeout: 250ms
    retries: 0
  - {name: ledger, url: "http://[::1]:8080/a/b?x=1"}
commands:
  - name: smoke
    argv: [/usr/bin/python3, /opt/checks/smoke.py, --strict]
    timeout: 10m
  - {name: lint, argv: [/opt/lint]}
approvals: 3
approver_roles: [approver, risk-lead]
rollback_fast_path: true
)");
  EXPECT_FALSE(g.schema_compatibility);
  EXPECT_EQ(g.expectations, ExpectationsMode::kRequired);
  EXPECT_FALSE(g.classification_declared);
  EXPECT_EQ(g.champion_alias, "current-best");
  EXPECT_EQ(g.approvals, 3);
  EXPECT_THAT(g.approver_roles, ElementsAre("approver", "risk-lead"));
  EXPECT_TRUE(g.rollback_fast_path);
  EXPECT_EQ(g.pos.line, 9);
  EXPECT_EQ(g.pos.column, 5);

  ASSERT_THAT(g.metrics, SizeIs(3));  // file order
  EXPECT_EQ(g.metrics[0].metric, "auc");
  EXPECT_EQ(g.metrics[0].min, 0.7);
  EXPECT_EQ(g.metrics[0].max, std::nullopt);
  EXPECT_EQ(g.metrics[0].max_regression, 0.02);
  EXPECT_TRUE(g.metrics[0].higher_is_better);
  EXPECT_EQ(g.metrics[0].pos.line, 15);
  EXPECT_EQ(g.metrics[0].pos.column, 9);
  EXPECT_EQ(g.metrics[1].metric, "latency_ms");
  EXPECT_EQ(g.metrics[1].min, std::nullopt);
  EXPECT_EQ(g.metrics[1].max, 50);
  EXPECT_FALSE(g.metrics[1].higher_is_better);
  EXPECT_EQ(g.metrics[2].min, -1);
  EXPECT_EQ(g.metrics[2].max, 1);

  ASSERT_THAT(g.webhooks, SizeIs(2));
  EXPECT_EQ(g.webhooks[0].name, "risk-review");
  EXPECT_EQ(g.webhooks[0].url, "http://127.0.0.1:9000/check");
  EXPECT_EQ(g.webhooks[0].timeout, std::chrono::milliseconds(250));
  EXPECT_EQ(g.webhooks[0].retries, 0);
  EXPECT_EQ(g.webhooks[0].pos.line, 19);
  EXPECT_EQ(g.webhooks[0].pos.column, 11);
  EXPECT_EQ(g.webhooks[1].url, "http://[::1]:8080/a/b?x=1");
  EXPECT_EQ(g.webhooks[1].timeout, std::chrono::seconds(5));  // defaults
  EXPECT_EQ(g.webhooks[1].retries, 2);

  ASSERT_THAT(g.commands, SizeIs(2));
  EXPECT_EQ(g.commands[0].name, "smoke");
  EXPECT_THAT(g.commands[0].argv,
              ElementsAre("/usr/bin/python3", "/opt/checks/smoke.py", "--strict"));
  EXPECT_EQ(g.commands[0].timeout, std::chrono::minutes(10));
  EXPECT_EQ(g.commands[0].pos.line, 25);
  EXPECT_EQ(g.commands[1].timeout, std::chrono::seconds(60));  // default
}

TEST(GatesParserTest, DefaultsWhenAbsent) {
  const GateSettings defaults;
  for (std::string_view lines : {"{}", "approvals: 1"}) {
    SCOPED_TRACE(lines);
    const GateSettings g = ProductionGates(lines);
    EXPECT_TRUE(g.schema_compatibility);
    EXPECT_EQ(g.expectations, ExpectationsMode::kOptional);
    EXPECT_TRUE(g.classification_declared);
    EXPECT_EQ(g.champion_alias, "champion");
    EXPECT_THAT(g.metrics, IsEmpty());
    EXPECT_THAT(g.webhooks, IsEmpty());
    EXPECT_THAT(g.commands, IsEmpty());
    EXPECT_EQ(g.approvals, 1);
    EXPECT_THAT(g.approver_roles, IsEmpty());
    EXPECT_FALSE(g.rollback_fast_path);
    EXPECT_EQ(g.pos.line, 9);  // written, even if empty
  }
  // No `gates` key at all: the defaults, with no position.
  ParseOutcome outcome = ParsePlatform(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: production, track: data, data: production, mode: automation}
promotions: []
)",
                                       "test.yaml");
  ASSERT_TRUE(outcome.ok()) << FormatDiagnostics(outcome.diagnostics);
  const GateSettings& g = outcome.platform->environments[0].gates;
  EXPECT_EQ(g.pos.line, 0);
  EXPECT_EQ(g.approvals, defaults.approvals);
  EXPECT_EQ(g.expectations, defaults.expectations);
  // Empty lists mean "none", like absent keys.
  EXPECT_THAT(ProductionGates("{metrics: {}, webhooks: [], commands: [], approver_roles: []}")
                  .approver_roles,
              IsEmpty());
}

TEST(GatesParserTest, EnvironmentKeysListGates) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: production, track: data, data: production, mode: automation, gate: {}}
promotions: []
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(4, 73, "unknown-key")));
  EXPECT_THAT(d[0].message, HasSubstr("did you mean \"gates\"?"));
}

TEST(GatesParserTest, GatesMustBeAMap) {
  // A null `gates:` is pointed at its key (yaml-cpp marks it on the next line).
  EXPECT_THAT(Diagnose(WithGates("")), ElementsAre(DiagAt(9, 5, "bad-value")));
  std::vector<Diagnostic> d = Diagnose(WithGates("- approvals: 2"));
  ASSERT_THAT(d, ElementsAre(DiagAt(10, 7, "bad-value")));
  EXPECT_EQ(d[0].message,
            "environment \"production\": \"gates\" must be a map (it may be empty: {}), not a "
            "list");
}

TEST(GatesParserTest, UnknownAndDuplicateKeys) {
  std::vector<Diagnostic> d = Diagnose(WithGates(R"(approval: 2
approvals: 2
approvals: 3
owner: me
)"));
  ASSERT_THAT(d, ElementsAre(DiagAt(10, 7, "unknown-key"), DiagAt(12, 7, "duplicate-key"),
                             DiagAt(13, 7, "unknown-key")));
  EXPECT_EQ(d[0].message,
            "environment \"production\" gates: unknown key \"approval\"; did you mean "
            "\"approvals\"?");
  EXPECT_THAT(d[2].message, HasSubstr("expected one of schema_compatibility, expectations, "
                                      "classification_declared, champion_alias, metrics, "
                                      "webhooks, commands, approvals, approver_roles, "
                                      "rollback_fast_path"));
}

TEST(GatesParserTest, BadSwitchesEnumsAndAlias) {
  std::vector<Diagnostic> d = Diagnose(WithGates(R"(schema_compatibility: yes
expectations: always
classification_declared: 1
champion_alias: Champion
rollback_fast_path: [true]
)"));
  ASSERT_THAT(d, ElementsAre(DiagAt(10, 29, "bad-value"), DiagAt(11, 21, "bad-value"),
                             DiagAt(12, 32, "bad-value"), DiagAt(13, 23, "bad-value"),
                             DiagAt(14, 27, "bad-value")));
  EXPECT_EQ(d[0].message,
            "environment \"production\" gates: \"schema_compatibility\" must be true or false");
  EXPECT_EQ(d[1].message,
            "environment \"production\" gates: \"expectations\" is \"always\"; expected off, "
            "optional or required");
  EXPECT_THAT(d[3].message, HasSubstr("\"champion_alias\" is \"Champion\"; expected an alias"));
  // `off` is a string to yaml-cpp, not YAML 1.1's false.
  EXPECT_EQ(ProductionGates("expectations: off").expectations, ExpectationsMode::kOff);
}

TEST(GatesParserTest, Approvals) {
  EXPECT_EQ(ProductionGates("approvals: 10").approvals, 10);
  for (std::string_view bad : {"0", "11", "-1", "1.5", "two", "0x2", "2 ", "+2"}) {
    SCOPED_TRACE(bad);
    std::vector<Diagnostic> d = Diagnose(WithGates("approvals: \"" + std::string(bad) + "\""));
    ASSERT_THAT(d, ElementsAre(DiagAt(10, 18, "bad-value")));
    EXPECT_THAT(d[0].message, HasSubstr("; expected a whole number from 1 to 10"));
  }
  std::vector<Diagnostic> d = Diagnose(WithGates("approvals: [2]"));
  ASSERT_THAT(d, ElementsAre(DiagAt(10, 18, "bad-value")));
  EXPECT_THAT(d[0].message, HasSubstr("must be a whole number from 1 to 10, not a list"));
}

TEST(GatesParserTest, ApproverRoles) {
  std::vector<Diagnostic> d =
      Diagnose(WithGates(R"(approver_roles: [approver, Lead, {a: b}, approver, 9ers]
)"));
  ASSERT_THAT(d, ElementsAre(DiagAt(10, 34, "bad-value"), DiagAt(10, 40, "bad-value"),
                             DiagAt(10, 48, "bad-value"), DiagAt(10, 58, "bad-value")));
  EXPECT_THAT(d[0].message, HasSubstr("approver role \"Lead\" is not a role name"));
  EXPECT_THAT(d[1].message, HasSubstr("must be a role name, not a map"));
  EXPECT_THAT(d[2].message,
              HasSubstr("approver role \"approver\" is already listed at line 10, column 24"));
  EXPECT_THAT(Diagnose(WithGates("approver_roles: approver")),
              ElementsAre(DiagAt(10, 23, "bad-value")));
}

TEST(GatesParserTest, MetricRules) {
  std::vector<Diagnostic> d = Diagnose(WithGates(R"(metrics:
  auc: {min: 0.9, max: 0.5}
  loss: {max_regression: -0.1}
  f1: {min: high}
  recall: {higher_is_better: false}
  precision: 0.7
  latency: {max: 50, lower_is_better: true}
  drift: {max: .inf}
  auc: {min: 0.1}
)"));
  ASSERT_THAT(d, ElementsAre(DiagAt(11, 30, "bad-value"), DiagAt(12, 32, "bad-value"),
                             DiagAt(13, 19, "bad-value"), DiagAt(14, 17, "missing-key"),
                             DiagAt(15, 20, "bad-value"), DiagAt(16, 28, "unknown-key"),
                             DiagAt(17, 22, "bad-value"), DiagAt(18, 9, "duplicate-key")));
  EXPECT_EQ(d[0].message,
            "environment \"production\" metric \"auc\": \"max\" is \"0.5\", below \"min\" (0.9); "
            "no value could pass");
  EXPECT_THAT(d[1].message, HasSubstr("\"max_regression\" is \"-0.1\"; expected 0 or more"));
  EXPECT_THAT(d[2].message, HasSubstr("\"min\" is \"high\"; expected a number"));
  EXPECT_THAT(d[3].message, HasSubstr("at least one of \"min\", \"max\" and \"max_regression\""));
  EXPECT_THAT(d[4].message, HasSubstr("metric \"precision\" must be a map"));
  EXPECT_THAT(d[7].message, HasSubstr("metric \"auc\" is already set at line 11, column 9"));
  EXPECT_THAT(Diagnose(WithGates("metrics: [auc]")), ElementsAre(DiagAt(10, 16, "bad-value")));
  EXPECT_THAT(Diagnose(WithGates("metrics: {\"\": {min: 1}}")),
              ElementsAre(DiagAt(10, 17, "bad-value")));
  // min == max is a (narrow) band, and 0 regressions allowed is "no worse than the champion".
  EXPECT_THAT(ProductionGates("metrics: {auc: {min: 0.5, max: 0.5, max_regression: 0}}").metrics,
              SizeIs(1));
}

TEST(GatesParserTest, Webhooks) {
  std::vector<Diagnostic> d = Diagnose(WithGates(R"(webhooks:
  - {name: a, url: "https://risk.example.com/check"}
  - {name: b, url: "ftp://risk"}
  - {name: c, url: "http://:9000/check"}
  - {name: d, url: "http://user:pw@risk/check"}
  - {name: e, url: "http://risk:99999/check"}
  - {name: f, url: "http://risk/check#frag"}
  - {name: g, url: "http://risk?x=1"}
  - {name: h, url: "http://ri_sk/"}
  - {name: i, url: "http://[::1/"}
  - {name: j, url: "http://risk"}
)"));
  ASSERT_THAT(d, ElementsAre(DiagAt(11, 26, "bad-value"), DiagAt(12, 26, "bad-value"),
                             DiagAt(13, 26, "bad-value"), DiagAt(14, 26, "bad-value"),
                             DiagAt(15, 26, "bad-value"), DiagAt(16, 26, "bad-value"),
                             DiagAt(17, 26, "bad-value"), DiagAt(18, 26, "bad-value"),
                             DiagAt(19, 26, "bad-value")));
  EXPECT_EQ(d[0].message,
            "environment \"production\" webhook \"a\": \"url\" is "
            "\"https://risk.example.com/check\": https is not supported (the HTTP client speaks "
            "plain HTTP); call through a local TLS-terminating proxy; expected "
            "http://host[:port][/path][?query]");
  EXPECT_THAT(d[1].message, HasSubstr("it must start with http://"));
  EXPECT_THAT(d[2].message, HasSubstr("it has no host"));
  EXPECT_THAT(d[3].message, HasSubstr("credentials"));
  EXPECT_THAT(d[4].message, HasSubstr("bad port"));
  EXPECT_THAT(d[5].message, HasSubstr("'#'"));
  EXPECT_THAT(d[6].message, HasSubstr("put a path before the query"));
  EXPECT_THAT(d[7].message, HasSubstr("its host may only hold"));
  EXPECT_THAT(d[8].message, HasSubstr("closing ']'"));
}

TEST(GatesParserTest, WebhookTimeoutsAndRetries) {
  std::vector<Diagnostic> d = Diagnose(WithGates(R"(webhooks:
  - {name: a, url: "http://risk/", timeout: 50ms}
  - {name: b, url: "http://risk/", timeout: 6m}
  - {name: c, url: "http://risk/", timeout: 5 sec}
  - {name: d, url: "http://risk/", retries: 11}
  - {name: e, url: "http://risk/", retries: -1}
  - {name: f, url: "http://risk/", timeout: 100ms, retries: 10}
  - {name: g, url: "http://risk/", timeout: 5m}
)"));
  ASSERT_THAT(d, ElementsAre(DiagAt(11, 51, "bad-value"), DiagAt(12, 51, "bad-value"),
                             DiagAt(13, 51, "bad-value"), DiagAt(14, 51, "bad-value"),
                             DiagAt(15, 51, "bad-value")));
  EXPECT_EQ(d[0].message,
            "environment \"production\" webhook \"a\": \"timeout\" is \"50ms\"; expected from "
            "100ms to 5m");
  EXPECT_THAT(
      d[2].message,
      HasSubstr(
          "\"timeout\" is \"5 sec\"; expected a positive whole number and a unit ms, s or m"));
  EXPECT_THAT(d[3].message, HasSubstr("expected a whole number from 0 to 10"));
}

TEST(GatesParserTest, WebhookEntriesAreMapsWithNameAndUrl) {
  std::vector<Diagnostic> d = Diagnose(WithGates(R"(webhooks:
  - http://risk/
  - {url: "http://risk/"}
  - {name: a}
  - {name: b, url: "http://risk/", method: PUT}
)"));
  ASSERT_THAT(d, ElementsAre(DiagAt(11, 11, "bad-value"), DiagAt(12, 11, "missing-key"),
                             DiagAt(13, 11, "missing-key"), DiagAt(14, 42, "unknown-key")));
  EXPECT_EQ(d[0].message,
            "environment \"production\" webhook #1 must be a map with name and url, not a string");
  EXPECT_THAT(d[1].message, HasSubstr("webhook #2: missing required key \"name\""));
  EXPECT_THAT(d[2].message, HasSubstr("webhook \"a\": missing required key \"url\""));
  EXPECT_THAT(Diagnose(WithGates("webhooks: {a: b}")), ElementsAre(DiagAt(10, 17, "bad-value")));
}

TEST(GatesParserTest, Commands) {
  std::vector<Diagnostic> d = Diagnose(WithGates(R"(commands:
  - {name: a, argv: [python3, check.py]}
  - {name: b, argv: []}
  - {name: c, argv: /opt/check}
  - {name: d, argv: [/opt/check, [x]]}
  - {name: e, argv: [/opt/check], timeout: 500ms}
  - {name: f, argv: [/opt/check], timeout: 2h}
  - {name: g, argv: [/]}
  - {name: h, argv: ["/opt/check", "a\0b"]}
  - {name: i}
  - {name: j, argv: [/opt/check], timeout: 1h}
  - {name: k, argv: [/opt/check], timeout: 1s}
)"));
  ASSERT_THAT(d, ElementsAre(DiagAt(11, 28, "bad-value"), DiagAt(12, 27, "bad-value"),
                             DiagAt(13, 27, "bad-value"), DiagAt(14, 40, "bad-value"),
                             DiagAt(15, 50, "bad-value"), DiagAt(16, 50, "bad-value"),
                             DiagAt(17, 28, "bad-value"), DiagAt(18, 42, "bad-value"),
                             DiagAt(19, 11, "missing-key")));
  EXPECT_EQ(d[0].message,
            "environment \"production\" command \"a\": \"argv[0]\" is \"python3\"; expected the "
            "program's absolute path (commands run without a shell or a PATH search)");
  EXPECT_THAT(d[1].message, HasSubstr("\"argv\" must be a non-empty list"));
  EXPECT_THAT(d[3].message, HasSubstr("each \"argv\" entry must be a string, not a list"));
  EXPECT_THAT(
      d[4].message,
      HasSubstr("\"timeout\" is \"500ms\"; expected a positive whole number and a unit s, m or h"));
  EXPECT_THAT(d[5].message, HasSubstr("\"timeout\" is \"2h\"; expected from 1s to 1h"));
  EXPECT_THAT(d[7].message, HasSubstr("NUL"));
}

TEST(GatesParserTest, GateNamesAreLabelsUniqueAcrossWebhooksAndCommands) {
  std::vector<Diagnostic> d = Diagnose(WithGates(R"(webhooks:
  - {name: Risk_Review, url: "http://risk/"}
  - {name: smoke, url: "http://risk/"}
commands:
  - {name: smoke, argv: [/opt/smoke]}
  - {name: "", argv: [/opt/smoke]}
)"));
  ASSERT_THAT(d, ElementsAre(DiagAt(11, 18, "name-format"), DiagAt(14, 18, "name-unique"),
                             DiagAt(15, 18, "name-format")));
  EXPECT_THAT(d[0].message, HasSubstr("webhook name \"Risk_Review\" must be a lowercase DNS"));
  EXPECT_EQ(d[1].message,
            "command name \"smoke\" is already used at line 12, column 18; webhook and command "
            "names are unique within an environment");
  // Another environment may reuse a name.
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: integration, track: data, data: production, mode: automation,
     gates: {commands: [{name: smoke, argv: [/opt/smoke]}]}}
  - {name: production, track: data, data: production, mode: automation,
     gates: {commands: [{name: smoke, argv: [/opt/smoke]}]}}
promotions:
  - {from: discovery, to: integration, kind: data}
  - {from: integration, to: production, kind: data}
)"),
              IsEmpty());
}

TEST(GatesParserTest, AnEnvironmentWithBadGatesIsLeftOutQuietly) {
  // The environment is dropped, so the step into it is skipped and the whole-platform rules
  // (here production-required) stay quiet: one mistake, one diagnostic.
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: synthetic, mode: interactive}
  - {name: production, track: data, data: production, mode: automation, gates: {approvals: 0}}
promotions:
  - {from: discovery, to: production, kind: data}
)"),
              ElementsAre(DiagAt(5, 92, "bad-value")));
}

}  // namespace
}  // namespace sluice::platform
