#include "platform/render.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
                "copy_retention_seconds": 2592000})"));
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

TEST(RenderTest, TextWithoutPromotions) {
  Platform p;
  p.name = "solo";
  EXPECT_THAT(ToText(p), HasSubstr("promotions\n  (none)\n"));
}

}  // namespace
}  // namespace sluice::platform
