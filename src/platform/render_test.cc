#include "platform/render.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "platform/parser.h"
#include "platform/templates.h"

namespace sluice::platform {
namespace {

using ::testing::HasSubstr;

TEST(RenderTest, PlatformJson) {
  Result<Platform> p = Template("five-stage");
  ASSERT_TRUE(p.ok());
  const nlohmann::json j = ToJson(*p);
  EXPECT_EQ(j["name"], "five-stage");
  EXPECT_EQ(j["require_automation"], true);
  ASSERT_EQ(j["environments"].size(), 5u);
  nlohmann::json discovery = j["environments"][2];
  EXPECT_THAT(discovery["description"].get<std::string>(), HasSubstr("explore"));
  discovery.erase("description");
  EXPECT_EQ(discovery,
            nlohmann::json::parse(R"({"name": "discovery", "track": "data", "data": "production",
                "mode": "interactive", "storage_domain": "discovery",
                "copy_retention_seconds": 2592000,
                "gates": {"schema_compatibility": true, "expectations": "optional",
                          "classification_declared": true, "champion_alias": "champion",
                          "metrics": [], "webhooks": [], "commands": [], "approvals": 1,
                          "approver_roles": [], "rollback_fast_path": false}})"));
  EXPECT_TRUE(j["environments"][4]["copy_retention_seconds"].is_null());
  EXPECT_EQ(j["promotions"][3], nlohmann::json::parse(R"({"from": "infra-preprod",
                "to": ["discovery", "integration", "production"], "kind": "infra",
                "release_train": true})"));
  EXPECT_EQ(j["promotions"][0]["release_train"], false);
}

TEST(RenderTest, DiagnosticJson) {
  EXPECT_EQ(ToJson(Diagnostic{"f.yaml", 3, 7, "path-cycle", "loop"}),
            nlohmann::json::parse(R"({"file": "f.yaml", "line": 3, "column": 7,
                "rule": "path-cycle", "message": "loop"})"));
}

TEST(RenderTest, TextShowsTheLadderHighestFirstAndThePaths) {
  const std::string text = ToText(*Template("five-stage"));
  EXPECT_THAT(text, HasSubstr("platform five-stage: "));
  EXPECT_THAT(text,
              HasSubstr("  discovery      data   production  interactive  discovery       30d\n"));
  EXPECT_LT(text.find("  production "), text.find("  infra-dev "));
  EXPECT_THAT(text, HasSubstr("infra  infra-preprod  discovery, integration, production  "
                              "(release train)\n"));
  EXPECT_THAT(ToText(*Template("three-stage-integration")),
              HasSubstr("  data  integration  production\n"));
}

constexpr std::string_view kGated = R"(apiVersion: sluice/v1
name: gated
environments:
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: integration, track: data, data: production, mode: automation, gates: {}}
  - name: production
    track: data
    data: production
    mode: automation
    gates:
      expectations: required
      champion_alias: best
      metrics:
        auc: {min: 0.7, max_regression: 0.02}
        latency_ms: {max: 50, higher_is_better: false}
      webhooks:
        - {name: risk-review, url: "http://127.0.0.1:9000/check", timeout: 1500ms, retries: 1}
      commands:
        - {name: smoke, argv: [/usr/bin/python3, /opt/checks/smoke.py, "it's ok", ""], timeout: 90s}
      approvals: 2
      approver_roles: [approver, lead]
      rollback_fast_path: true
promotions:
  - {from: discovery, to: integration, kind: data}
  - {from: integration, to: production, kind: data}
)";

TEST(RenderTest, GatesJson) {
  ParseOutcome outcome = ParsePlatform(kGated, "gated.yaml");
  ASSERT_TRUE(outcome.ok()) << FormatDiagnostics(outcome.diagnostics);
  const nlohmann::json j = ToJson(*outcome.platform);
  EXPECT_EQ(j["environments"][2]["gates"], nlohmann::json::parse(R"({
      "schema_compatibility": true, "expectations": "required", "classification_declared": true,
      "champion_alias": "best",
      "metrics": [
        {"metric": "auc", "min": 0.7, "max": null, "max_regression": 0.02,
         "higher_is_better": true},
        {"metric": "latency_ms", "min": null, "max": 50.0, "max_regression": null,
         "higher_is_better": false}],
      "webhooks": [{"name": "risk-review", "url": "http://127.0.0.1:9000/check",
                    "timeout_ms": 1500, "retries": 1}],
      "commands": [{"name": "smoke", "argv": ["/usr/bin/python3", "/opt/checks/smoke.py", "it's ok", ""],
                    "timeout_seconds": 90}],
      "approvals": 2, "approver_roles": ["approver", "lead"], "rollback_fast_path": true})"));
  const Result<Platform> five = Template("five-stage");
  ASSERT_TRUE(five.ok());
  const nlohmann::json production = ToJson(*five)["environments"][4]["gates"];
  EXPECT_EQ(production["approvals"], 2);
  EXPECT_EQ(production["expectations"], "required");
  EXPECT_EQ(production["rollback_fast_path"], true);
}

TEST(RenderTest, TextShowsTheGatesOfEveryEnvironmentAStepEnters) {
  ParseOutcome outcome = ParsePlatform(kGated, "gated.yaml");
  ASSERT_TRUE(outcome.ok()) << FormatDiagnostics(outcome.diagnostics);
  const std::string text = ToText(*outcome.platform);
  EXPECT_THAT(text, HasSubstr(R"(
gates (what a promotion into each environment must pass; lineage is always checked)
  INTO         APPROVALS  APPROVER ROLES  SCHEMA  EXPECTATIONS  CLASSIFICATION  ROLLBACK FAST PATH
  production   2          approver, lead  on      required      on              on
  integration  1          any             on      optional      on              off

  INTO        CHECK    NAME         DETAIL
  production  metric   auc          min 0.7, max regression 0.02 against best
  production  metric   latency_ms   max 50, lower is better
  production  webhook  risk-review  POST http://127.0.0.1:9000/check, timeout 1500ms, 1 retry
  production  command  smoke        /usr/bin/python3 /opt/checks/smoke.py 'it'\''s ok' '', timeout 90s
)"));
  // Discovery is entered by no step, so it has no row.
  EXPECT_THAT(text.substr(text.find("\ngates")), ::testing::Not(HasSubstr("discovery")));
  // A template without metrics, webhooks or commands shows no CHECK table.
  const std::string five = ToText(*Template("five-stage"));
  EXPECT_THAT(five, HasSubstr("  production     2          any             on      required"));
  EXPECT_THAT(five, HasSubstr("  infra-preprod  1          any "));
  EXPECT_THAT(five, ::testing::Not(HasSubstr("CHECK")));
}

TEST(RenderTest, TextWithoutPromotions) {
  Platform p;
  p.name = "solo";
  EXPECT_THAT(ToText(p), HasSubstr("promotions\n  (none)\n"));
}

}  // namespace
}  // namespace sluice::platform
