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

TEST(DurationTest, ParsesMillisecondsAndEveryOtherUnitForTimeouts) {
  using std::chrono::milliseconds;
  EXPECT_EQ(ParseDurationMs("250ms"), milliseconds(250));
  EXPECT_EQ(ParseDurationMs("1ms"), milliseconds(1));
  EXPECT_EQ(ParseDurationMs("5s"), milliseconds(5000));
  EXPECT_EQ(ParseDurationMs("2m"), milliseconds(120000));
  EXPECT_EQ(ParseDurationMs("1h"), milliseconds(3600000));
  EXPECT_EQ(ParseDurationMs("9223372036854775807ms"), milliseconds(9223372036854775807));
  for (const char* bad : {"", "ms", "0ms", "-1ms", "1.5ms", "5 ms", "5MS", "5mss", "m5s", "1s500ms",
                          "9223372036854775808ms", "9223372036854775807s", "0s", "5"}) {
    EXPECT_EQ(ParseDurationMs(bad), std::nullopt) << bad;
  }
  // ParseDuration itself still takes whole seconds only.
  EXPECT_EQ(ParseDuration("250ms"), std::nullopt);
}

TEST(DurationTest, FormatsMillisecondsOnlyWhenNotWholeSeconds) {
  using std::chrono::milliseconds;
  EXPECT_EQ(FormatDurationMs(milliseconds(250)), "250ms");
  EXPECT_EQ(FormatDurationMs(milliseconds(1500)), "1500ms");
  EXPECT_EQ(FormatDurationMs(milliseconds(5000)), "5s");
  EXPECT_EQ(FormatDurationMs(milliseconds(300000)), "5m");
  EXPECT_EQ(FormatDurationMs(milliseconds(0)), "0s");
  for (const char* text : {"100ms", "5s", "5m", "1h"}) {
    EXPECT_EQ(FormatDurationMs(*ParseDurationMs(text)), text);
  }
}

}  // namespace
}  // namespace sluice
