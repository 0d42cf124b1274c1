#include "platform/templates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "platform/parser.h"
#include "platform/render.h"

namespace sluice::platform {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(TemplatesTest, NamesAreTheThreeBuiltIns) {
  EXPECT_THAT(TemplateNames(),
              ElementsAre("five-stage", "three-stage-infra", "three-stage-integration"));
}

TEST(TemplatesTest, EveryTemplateParsesAndPassesEveryRule) {
  for (const std::string& name : TemplateNames()) {
    SCOPED_TRACE(name);
    ParseOutcome outcome = ParsePlatform(TemplateYaml(name), name + ".yaml");
    EXPECT_TRUE(outcome.ok()) << FormatDiagnostics(outcome.diagnostics);
    Result<Platform> platform = Template(name);
    ASSERT_TRUE(platform.ok()) << platform.status().ToString();
    EXPECT_EQ(platform->name, name);
  }
}

TEST(TemplatesTest, EmbeddedTextIsTheCheckedInFile) {
  for (const std::string& name : TemplateNames()) {
    SCOPED_TRACE(name);
    Result<Platform> from_disk =
        LoadPlatform(std::string(SLUICE_PLATFORMS_DIR) + "/" + name + ".yaml");
    ASSERT_TRUE(from_disk.ok()) << from_disk.status().ToString();
    EXPECT_EQ(ToJson(*from_disk), ToJson(*Template(name)));
  }
}

TEST(TemplatesTest, FiveStageIsTheSeedLadder) {
  Result<Platform> p = Template("five-stage");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->environments.size(), 5u);
  const std::vector<std::tuple<std::string, Track, DataClass, Mode>> expected = {
      {"infra-dev", Track::kInfra, DataClass::kSynthetic, Mode::kInteractive},
      {"infra-preprod", Track::kInfra, DataClass::kSynthetic, Mode::kAutomation},
      {"discovery", Track::kData, DataClass::kProduction, Mode::kInteractive},
      {"integration", Track::kData, DataClass::kProduction, Mode::kAutomation},
      {"production", Track::kData, DataClass::kProduction, Mode::kAutomation},
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    const Environment& env = p->environments[i];
    EXPECT_EQ(env.name, std::get<0>(expected[i]));
    EXPECT_EQ(env.track, std::get<1>(expected[i]));
    EXPECT_EQ(env.data, std::get<2>(expected[i]));
    EXPECT_EQ(env.mode, std::get<3>(expected[i]));
    EXPECT_EQ(env.storage_domain, env.name);
  }
  EXPECT_EQ(p->Find("discovery")->copy_retention, std::chrono::hours(24 * 30));
  EXPECT_FALSE(p->Find("production")->copy_retention.has_value());
  EXPECT_TRUE(p->require_automation);
  const PromotionStep* train = p->ReleaseTrain();
  ASSERT_NE(train, nullptr);
  EXPECT_EQ(train->from, "infra-preprod");
  EXPECT_THAT(train->to, ElementsAre("discovery", "integration", "production"));
}

TEST(TemplatesTest, ThreeStageTemplatesHaveTheirEnvironments) {
  auto names = [](const Platform& p) {
    std::vector<std::string> out;
    for (const Environment& e : p.environments) out.push_back(e.name);
    return out;
  };
  EXPECT_THAT(names(*Template("three-stage-infra")),
              ElementsAre("infra-dev", "discovery", "production"));
  EXPECT_THAT(names(*Template("three-stage-integration")),
              ElementsAre("discovery", "integration", "production"));
  EXPECT_EQ(Template("three-stage-integration")->ReleaseTrain(), nullptr);
}

// What each rung's `gates:` declares (platforms/*.yaml); anything not listed is the default.
TEST(TemplatesTest, TemplatesCarryTheirGates) {
  struct Expected {
    std::string env;
    ExpectationsMode expectations;
    int approvals;
    bool rollback_fast_path;
  };
  const std::vector<std::pair<std::string, std::vector<Expected>>> templates = {
      {"five-stage",
       {{"infra-preprod", ExpectationsMode::kOptional, 1, false},
        {"discovery", ExpectationsMode::kOptional, 1, false},
        {"integration", ExpectationsMode::kOptional, 1, false},
        {"production", ExpectationsMode::kRequired, 2, true}}},
      {"three-stage-infra",
       {{"discovery", ExpectationsMode::kOptional, 1, false},
        {"production", ExpectationsMode::kRequired, 2, true}}},
      {"three-stage-integration",
       {{"integration", ExpectationsMode::kOptional, 1, false},
        {"production", ExpectationsMode::kRequired, 2, true}}},
  };
  for (const auto& [name, rungs] : templates) {
    Result<Platform> p = Template(name);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    for (const Expected& e : rungs) {
      SCOPED_TRACE(name + " " + e.env);
      const GateSettings& g = p->Find(e.env)->gates;
      EXPECT_EQ(g.expectations, e.expectations);
      EXPECT_EQ(g.approvals, e.approvals);
      EXPECT_EQ(g.rollback_fast_path, e.rollback_fast_path);
      EXPECT_TRUE(g.schema_compatibility);
      EXPECT_TRUE(g.classification_declared);
      EXPECT_EQ(g.champion_alias, "champion");
      // Metric rules name a model's metrics, which a template cannot know; nor its hooks.
      EXPECT_TRUE(g.metrics.empty());
      EXPECT_TRUE(g.webhooks.empty());
      EXPECT_TRUE(g.commands.empty());
      EXPECT_TRUE(g.approver_roles.empty());
    }
  }
  // Only rungs a step enters declare gates.
  EXPECT_EQ(Template("five-stage")->Find("infra-dev")->gates.pos.line, 0);
  EXPECT_EQ(Template("five-stage")->Find("discovery")->gates.pos.line, 0);
  EXPECT_GT(Template("five-stage")->Find("production")->gates.pos.line, 0);
}

TEST(TemplatesTest, UnknownTemplateIsNotFoundAndListsTheNames) {
  Result<Platform> p = Template("four-stage");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(p.status().message(),
              HasSubstr("five-stage, three-stage-infra, three-stage-integration"));
  EXPECT_TRUE(TemplateYaml("four-stage").empty());
}

}  // namespace
}  // namespace sluice::platform
