#include "platform/model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "platform/templates.h"

namespace sluice::platform {
namespace {

using ::testing::ElementsAre;

TEST(ModelTest, EnumNamesRoundTrip) {
  for (Track t : {Track::kInfra, Track::kData}) EXPECT_EQ(ParseTrack(ToString(t)), t);
  for (DataClass d : {DataClass::kSynthetic, DataClass::kProduction}) {
    EXPECT_EQ(ParseDataClass(ToString(d)), d);
  }
  for (Mode m : {Mode::kInteractive, Mode::kAutomation}) EXPECT_EQ(ParseMode(ToString(m)), m);
  for (PromotionKind k : {PromotionKind::kData, PromotionKind::kInfra}) {
    EXPECT_EQ(ParsePromotionKind(ToString(k)), k);
  }
  EXPECT_EQ(ToString(DataClass::kProduction), "production");
  EXPECT_EQ(ParseTrack("Infra"), std::nullopt);  // case-sensitive, like every YAML value
  EXPECT_EQ(ParseMode(""), std::nullopt);
}

TEST(ModelTest, LookupsOnTheFiveStageLadder) {
  Result<Platform> p = Template("five-stage");
  ASSERT_TRUE(p.ok());
  ASSERT_NE(p->Find("integration"), nullptr);
  EXPECT_EQ(p->Find("integration")->mode, Mode::kAutomation);
  EXPECT_EQ(p->Find("staging"), nullptr);
  EXPECT_EQ(p->LadderIndex("infra-dev"), 0u);
  EXPECT_EQ(p->LadderIndex("production"), 4u);
  EXPECT_EQ(p->LadderIndex("staging"), std::nullopt);

  std::vector<std::string> targets;
  for (const PromotionStep* step : p->StepsFrom("discovery")) {
    targets.insert(targets.end(), step->to.begin(), step->to.end());
  }
  EXPECT_THAT(targets, ElementsAre("integration"));
  EXPECT_TRUE(p->StepsFrom("production").empty());
}

}  // namespace
}  // namespace sluice::platform
