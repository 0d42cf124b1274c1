#include "common/duration.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

using std::chrono::seconds;

TEST(DurationTest, ParsesEachUnit) {
  EXPECT_EQ(ParseDuration("45s"), seconds(45));
  EXPECT_EQ(ParseDuration("10m"), seconds(600));
  EXPECT_EQ(ParseDuration("12h"), seconds(12 * 3600));
  EXPECT_EQ(ParseDuration("90d"), seconds(90 * 86400));
  EXPECT_EQ(ParseDuration("2w"), seconds(14 * 86400));
}

TEST(DurationTest, RejectsEverythingElse) {
  for (const char* bad : {"", "d", "0d", "30", "30 d", " 30d", "30D", "1.5d", "-1d", "1d12h",
                          "30days", "99999999999999999999d", "9223372036854775807d"}) {
    EXPECT_EQ(ParseDuration(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(ParseDuration("9223372036854775807s"), seconds(9223372036854775807));
}

TEST(DurationTest, FormatsWithTheLargestExactUnit) {
  EXPECT_EQ(FormatDuration(seconds(90 * 86400)), "90d");
  EXPECT_EQ(FormatDuration(seconds(14 * 86400)), "14d");
  EXPECT_EQ(FormatDuration(seconds(36 * 3600)), "36h");
  EXPECT_EQ(FormatDuration(seconds(90)), "90s");
  EXPECT_EQ(FormatDuration(seconds(120)), "2m");
  EXPECT_EQ(FormatDuration(seconds(0)), "0s");
  for (const char* text : {"30d", "12h", "5m", "7s"}) {
    EXPECT_EQ(FormatDuration(*ParseDuration(text)), text);
  }
}

}  // namespace
}  // namespace sluice
