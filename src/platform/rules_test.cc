#include "platform/rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "platform/test_helpers.h"

namespace sluice::platform {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing_helpers::DiagAt;
using testing_helpers::Diagnose;

// Each test is a small platform file with one mistake; the comment above each YAML line gives
// its number where a test points at it.

TEST(RulesTest, ValidMinimalPlatformPasses) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: discovery, to: production, kind: data}
)"),
              IsEmpty());
}

TEST(RulesTest, NameFormatForEnvironmentPlatformAndStorageDomain) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: Mini_Platform
environments:
  - name: Discovery
    track: data
    data: production
    mode: interactive
  - name: production
    track: data
    data: production
    mode: automation
    storage_domain: prod-
promotions: []
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(2, 7, "name-format"), DiagAt(4, 11, "name-format"),
                             DiagAt(12, 21, "name-format")));
  EXPECT_EQ(d[1].ToString(),
            "test.yaml:4:11: error [name-format]: environment name \"Discovery\" must be a "
            "lowercase DNS label ([a-z0-9-], 1-63 chars, starting with a letter, not ending with "
            "'-')");
}

TEST(RulesTest, IsValidName) {
  EXPECT_TRUE(IsValidName("a"));
  EXPECT_TRUE(IsValidName("infra-preprod2"));
  EXPECT_TRUE(IsValidName(std::string(63, 'a')));
  EXPECT_FALSE(IsValidName(std::string(64, 'a')));
  EXPECT_FALSE(IsValidName(""));
  EXPECT_FALSE(IsValidName("1st"));
  EXPECT_FALSE(IsValidName("-a"));
  EXPECT_FALSE(IsValidName("a-"));
  EXPECT_FALSE(IsValidName("a_b"));
  EXPECT_FALSE(IsValidName("a.b"));
}

TEST(RulesTest, NameUniquePointsAtTheSecondUse) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: production, track: data, data: production, mode: automation}
  - {name: production, track: data, data: production, mode: automation}
promotions: []
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(5, 12, "name-unique")));
  EXPECT_THAT(d[0].message, HasSubstr("already used at line 4, column 12"));
}

TEST(RulesTest, ProductionRequired) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: sandbox, track: data, data: synthetic, mode: interactive}
promotions: []
)"),
              ElementsAre(DiagAt(3, 1, "production-required")));
}

TEST(RulesTest, InfraProductionData) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: infra-dev, track: infra, data: production, mode: interactive}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: infra-dev, to: [production], kind: infra}
)"),
              ElementsAre(DiagAt(4, 43, "infra-production-data")));
}

TEST(RulesTest, StorageDomainSharedBetweenSyntheticAndProduction) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: sandbox, track: data, data: synthetic, mode: interactive, storage_domain: shared}
  - {name: production, track: data, data: production, mode: automation, storage_domain: shared}
promotions:
  - {from: sandbox, to: production, kind: data}
)"),
              ElementsAre(DiagAt(5, 89, "storage-domain-shared")));
}

TEST(RulesTest, StorageDomainMayBeSharedWithinADataClass) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: interactive, storage_domain: prod}
  - {name: production, track: data, data: production, mode: automation, storage_domain: prod}
promotions:
  - {from: discovery, to: production, kind: data}
)"),
              IsEmpty());
}

TEST(RulesTest, PathUnknownEnvForSourceAndEachTarget) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: discovry, to: production, kind: data}
  - {from: discovery, to: [production, prod], kind: data}
)"),
              ElementsAre(DiagAt(7, 12, "path-unknown-env"), DiagAt(8, 40, "path-unknown-env")));
}

TEST(RulesTest, PathCycle) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: automation}
  - {name: integration, track: data, data: production, mode: automation}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: discovery, to: integration, kind: data}
  - {from: integration, to: production, kind: data}
  - {from: production, to: discovery, kind: data}
)");
  // The edge that closes the cycle also goes down the ladder.
  ASSERT_THAT(d, ElementsAre(DiagAt(10, 28, "path-order"), DiagAt(10, 28, "path-cycle")));
  EXPECT_THAT(d[1].message,
              HasSubstr("promotion cycle: discovery -> integration -> production -> discovery"));
}

TEST(RulesTest, PathCycleIsReportedAtTheStepDownTheLadder) {
  // The release train reaches integration first; the cycle is still reported at the step that
  // goes down into its lowest environment, once.
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: infra-dev, track: infra, data: synthetic, mode: interactive}
  - {name: discovery, track: data, data: production, mode: automation}
  - {name: integration, track: data, data: production, mode: automation}
promotions:
  - {from: infra-dev, to: [integration, discovery], kind: infra}
  - {from: discovery, to: integration, kind: data}
  - {from: integration, to: discovery, kind: data}
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(10, 29, "path-order"), DiagAt(10, 29, "path-cycle")));
  EXPECT_THAT(d[1].message, HasSubstr("promotion cycle: discovery -> integration -> discovery"));
}

TEST(RulesTest, PathCycleOnASelfLoop) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: production, to: production, kind: data}
)"),
              ElementsAre(DiagAt(6, 28, "path-order"), DiagAt(6, 28, "path-cycle")));
}

TEST(RulesTest, PathOrderStepsGoUpTheLadder) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: production, track: data, data: production, mode: automation}
  - {name: integration, track: data, data: production, mode: automation}
promotions:
  - {from: integration, to: production, kind: data}
)"),
              ElementsAre(DiagAt(7, 29, "path-order")));
}

TEST(RulesTest, PathLessRestrictiveAutomationToInteractive) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: integration, track: data, data: production, mode: automation}
  - {name: discovery, track: data, data: production, mode: interactive}
promotions:
  - {from: integration, to: discovery, kind: data}
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(7, 29, "path-less-restrictive")));
  EXPECT_THAT(d[0].message, HasSubstr("automation mode to interactive mode"));
}

TEST(RulesTest, PathLessRestrictiveProductionToSynthetic) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: sandbox, track: data, data: synthetic, mode: interactive}
promotions:
  - {from: discovery, to: sandbox, kind: data}
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(7, 27, "path-less-restrictive")));
  EXPECT_THAT(d[0].message, HasSubstr("production data to synthetic data"));
}

TEST(RulesTest, ReleaseTrainMayEnterInteractiveEnvironments) {
  // The release train carries tools, not data, so automation -> interactive is fine across tracks.
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: infra-preprod, track: infra, data: synthetic, mode: automation}
  - {name: discovery, track: data, data: production, mode: interactive}
promotions:
  - {from: infra-preprod, to: discovery, kind: infra}
)"),
              IsEmpty());
}

TEST(RulesTest, PathKindDataStepsStayOnTheDataTrack) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: infra-dev, track: infra, data: synthetic, mode: interactive}
  - {name: infra-preprod, track: infra, data: synthetic, mode: automation}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: infra-dev, to: infra-preprod, kind: data}
  - {from: infra-preprod, to: production, kind: infra}
)"),
              ElementsAre(DiagAt(8, 12, "path-kind"), DiagAt(8, 27, "path-kind")));
}

TEST(RulesTest, PathKindInfraStepsStartOnTheInfraTrackAndDoNotMixTracks) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: infra-dev, track: infra, data: synthetic, mode: interactive}
  - {name: infra-preprod, track: infra, data: synthetic, mode: automation}
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: infra-dev, to: [infra-preprod, discovery], kind: infra}
  - {from: infra-preprod, to: [discovery, production], kind: infra}
  - {from: discovery, to: production, kind: infra}
)"),
              ElementsAre(DiagAt(9, 43, "path-kind"), DiagAt(11, 12, "path-kind")));
}

TEST(RulesTest, PathDuplicateTargetsAndSteps) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: discovery, to: [production, production], kind: data}
  - {from: discovery, to: production, kind: data}
)"),
              ElementsAre(DiagAt(7, 40, "path-duplicate"), DiagAt(8, 27, "path-duplicate")));
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: discovery, to: production, kind: data}
  - {from: discovery, to: production, kind: data}
)")[0]
                  .message,
              HasSubstr("already declared at line 7, column 27"));
}

TEST(RulesTest, PathSkipsAutomationWhenRequired) {
  const std::string_view yaml = R"(apiVersion: sluice/v1
name: mini
require_automation: true
environments:
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: integration, track: data, data: production, mode: automation}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: discovery, to: integration, kind: data}
  - {from: integration, to: production, kind: data}
  - {from: discovery, to: production, kind: data}
)";
  EXPECT_THAT(Diagnose(yaml), ElementsAre(DiagAt(11, 27, "path-skips-automation")));

  // The same shortcut is allowed when the platform does not ask for the gate.
  std::string relaxed(yaml);
  relaxed.replace(relaxed.find("true"), 4, "false");
  EXPECT_THAT(Diagnose(relaxed), IsEmpty());
}

TEST(RulesTest, ReleaseTrainMustReachEveryProductionEnvironment) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: infra-dev, track: infra, data: synthetic, mode: interactive}
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: discovery, to: production, kind: data}
  - {from: infra-dev, to: [production], kind: infra}
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(9, 5, "release-train")));
  EXPECT_THAT(d[0].message, HasSubstr("missing \"discovery\""));
}

TEST(RulesTest, ReleaseTrainRequiredWhenThereIsAnInfraTrack) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: infra-dev, track: infra, data: synthetic, mode: interactive}
  - {name: production, track: data, data: production, mode: automation}
promotions: []
)"),
              ElementsAre(DiagAt(6, 1, "release-train")));
}

TEST(RulesTest, ReleaseTrainLeavesFromTheTopOfTheInfraTrackOnlyOnce) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: infra-dev, track: infra, data: synthetic, mode: interactive}
  - {name: infra-preprod, track: infra, data: synthetic, mode: automation}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: infra-dev, to: infra-preprod, kind: infra}
  - {from: infra-dev, to: production, kind: infra}
  - {from: infra-preprod, to: production, kind: infra}
)"),
              ElementsAre(DiagAt(9, 12, "release-train"), DiagAt(10, 5, "release-train")));
}

TEST(RulesTest, GatesUnreachableWhereNoStepEnters) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - name: discovery
    track: data
    data: production
    mode: interactive
    gates: {approvals: 2}
  - {name: production, track: data, data: production, mode: automation, gates: {}}
promotions:
  - {from: discovery, to: production, kind: data}
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(8, 5, "gates-unreachable")));
  EXPECT_EQ(d[0].message,
            "gates on \"discovery\", which no promotion step enters; they would never run "
            "(remove them, or add a step into \"discovery\")");
  // An empty map is still a declaration in the wrong place.
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: production, track: data, data: production, mode: automation, gates: {}}
promotions: []
)"),
              ElementsAre(DiagAt(4, 73, "gates-unreachable")));
}

TEST(RulesTest, GatesOnAnEnvironmentOnlyTheReleaseTrainEnters) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: infra-dev, track: infra, data: synthetic, mode: interactive}
  - {name: discovery, track: data, data: production, mode: interactive, gates: {approvals: 1}}
  - {name: production, track: data, data: production, mode: automation, gates: {approvals: 2}}
promotions:
  - {from: discovery, to: production, kind: data}
  - {from: infra-dev, to: [discovery, production], kind: infra}
)"),
              IsEmpty());
}

TEST(RulesTest, GatesUnreachableIsSkippedWhenAStepWasLeftOut) {
  // The malformed step might have entered discovery.
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: interactive, gates: {approvals: 2}}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: discovery, to: production, kind: data}
  - {from: production, to: discovery, kind: dat}
)"),
              ElementsAre(DiagAt(8, 45, "bad-value")));
}

TEST(RulesTest, GatesUnreachableOnAHandBuiltPlatform) {
  Platform p;
  p.name = "built";
  Environment env;
  env.name = "production";
  env.data = DataClass::kProduction;
  env.storage_domain = "production";
  p.environments.push_back(env);
  EXPECT_THAT(CheckPlatform(p, "code"), IsEmpty());  // default gates declare nothing
  p.environments[0].gates.approvals = 2;
  EXPECT_THAT(CheckPlatform(p, "code"), ElementsAre(Field(&Diagnostic::rule, "gates-unreachable")));
}

// The example in docs/platform-file.md; keep the two in step.
TEST(RulesTest, DocumentedExample) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: ladder
require_automation: true
environments:
  - {name: infra-dev, track: infra, data: synthetic, mode: interactive}
  - {name: infra-preprod, track: infra, data: synthetic, mode: automation}
  - {name: discovery, track: data, data: production, mode: interactive}
  - {name: integration, track: data, data: production, mode: automation}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: discovery, to: integration, kind: data}
  - {from: integration, to: production, kind: data}
  - {from: discovery, to: production, kind: data}
  - {from: integration, to: discovery, kind: data}
  - {from: infra-dev, to: infra-preprod, kind: infra}
  - {from: infra-preprod, to: [integration, production], kind: infra}
)"),
              ElementsAre(DiagAt(13, 27, "path-skips-automation"), DiagAt(14, 29, "path-order"),
                          DiagAt(14, 29, "path-less-restrictive"), DiagAt(14, 29, "path-cycle"),
                          DiagAt(16, 5, "release-train")));
}

TEST(RulesTest, CheckPlatformOnAHandBuiltPlatform) {
  Platform p;
  p.name = "built";
  Environment env;
  env.name = "infra";
  env.track = Track::kInfra;
  env.data = DataClass::kProduction;
  env.storage_domain = "infra";
  p.environments.push_back(env);
  EXPECT_THAT(CheckPlatform(p, "code"),
              ElementsAre(Field(&Diagnostic::rule, "infra-production-data"),
                          Field(&Diagnostic::rule, "release-train")));
}

}  // namespace
}  // namespace sluice::platform
