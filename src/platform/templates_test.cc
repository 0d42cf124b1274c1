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
