#include "policy/ext/duration.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

namespace sluice::policy::ext {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Duration Dur(std::string_view text) {
  auto r = Duration::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : Duration();
}

struct Accepted {
  std::string_view text;
  std::int64_t ms;
};

TEST(DurationTest, AcceptsEveryUnitCombination) {
  const std::vector<Accepted> cases = {
      {"0ms", 0},
      {"-0ms", 0},
      {"1ms", 1},
      {"1s", 1000},
      {"1m", 60'000},
      {"1h", 3'600'000},
      {"1d", 86'400'000},
      {"-1d", -86'400'000},
      {"1d2h3m4s5ms", 86'400'000 + 7'200'000 + 180'000 + 4'000 + 5},
      {"-1d1h1m1s1ms", -(86'400'000 + 3'600'000 + 60'000 + 1'000 + 1)},
      {"-1d1h1m1s", -(86'400'000 + 3'600'000 + 60'000 + 1'000)},
      {"1m1s", 61'000},
      {"1h1ms", 3'600'001},
      {"2d12h", 216'000'000},
      {"90m", 5'400'000},
      {"1000ms", 1000},
      {"25h", 90'000'000},
      {"007s", 7000},
      {"0d0h0m0s0ms", 0},
      {"960204019358h", 960204019358LL * 3'600'000},
      {"9223372036854775807ms", kMax},
      {"-9223372036854775807ms", -kMax},
      {"-9223372036854775808ms", kMin},  // as in the Rust implementation
      {"-9223372036854775s808ms", kMin},
      {"106751991167d7h12m55s807ms", kMax},
      {"-106751991167d7h12m55s808ms", kMin},
      {"00000000000000000000000000001ms", 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = Duration::Parse(c.text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->millis(), c.ms);
    EXPECT_EQ(r->ToMilliseconds(), c.ms);
    EXPECT_EQ(r->ToString(), std::to_string(c.ms) + "ms");
    auto again = Duration::Parse(r->ToString());
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(*again, *r);
  }
}

TEST(DurationTest, RejectsMalformedText) {
  const std::vector<std::string_view> cases = {
      "",     "-",     "--1d", "+1d",   "1",      "d",      "ms",    "-d",    "1h1d",
      "1s1m", "1ms1s", "1d1d", "1m1m",  "1ms1ms", "1.5h",   "1 d",   " 1d",   "1d ",
      "1D",   "1H",    "1M",   "1S",    "1MS",    "1y",     "1w",    "1us",   "1ns",
      "1sms", "1mss",  "1dms", "1d-1h", "1d+1h",  "-1d-1h", "1h 1m", "1e3ms", "0x10ms",
      "1d\n", "\x05",  "１d",  "1dd",   "1hm",
  };
  for (auto text : cases) {
    SCOPED_TRACE(text);
    auto r = Duration::Parse(text);
    ASSERT_FALSE(r.ok()) << r->ToString();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), StartsWith("invalid duration \""));
  }
  EXPECT_THAT(Duration::Parse("1h1d").status().message(),
              HasSubstr("units must appear at most once, in the order d, h, m, s, ms"));
}

TEST(DurationTest, OverflowIsAnError) {
  for (auto text : {"9223372036854775808ms", "-9223372036854775809ms", "106751991168d",
                    "-106751991168d", "106751991167d7h12m55s808ms", "-106751991167d7h12m55s809ms",
                    "18446744073709551616ms", "99999999999999999999999999d",
                    "-44340626715434026226d", "14406535985235427072ms", "-11406535989530394368ms",
                    "-1d1h3689348818177884159m3689348814747546419s3689348814741910323ms",
                    "9223372036854775s808ms", "9223372036854775807s"}) {
    SCOPED_TRACE(text);
    auto r = Duration::Parse(text);
    ASSERT_FALSE(r.ok()) << r->ToString();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), StartsWith("overflow: duration \""));
  }
}

struct Conversion {
  std::string_view text;
  std::int64_t seconds, minutes, hours, days;
};

TEST(DurationTest, ConversionsTruncateTowardZero) {
  const std::vector<Conversion> cases = {
      {"0ms", 0, 0, 0, 0},
      {"999ms", 0, 0, 0, 0},
      {"1s", 1, 0, 0, 0},
      {"1d2h3m4s5ms", 93784, 1563, 26, 1},
      {"-1ms", 0, 0, 0, 0},
      {"-1999ms", -1, 0, 0, 0},
      {"-90s", -90, -1, 0, 0},
      {"-1d1h1m1s1ms", -90061, -1501, -25, -1},
      {"47h59m59s999ms", 172799, 2879, 47, 1},
      {"9223372036854775807ms", 9223372036854775, 153722867280912, 2562047788015, 106751991167},
      {"-9223372036854775808ms", -9223372036854775, -153722867280912, -2562047788015,
       -106751991167},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const Duration d = Dur(c.text);
    EXPECT_EQ(d.ToSeconds(), c.seconds);
    EXPECT_EQ(d.ToMinutes(), c.minutes);
    EXPECT_EQ(d.ToHours(), c.hours);
    EXPECT_EQ(d.ToDays(), c.days);
  }
}

TEST(DurationTest, ComparisonHashAndStrings) {
  EXPECT_EQ(Dur("1h"), Dur("60m"));
  EXPECT_EQ(Dur("1d"), Dur("24h"));
  EXPECT_EQ(Dur("-0ms"), Dur("0ms"));
  EXPECT_LT(Dur("-1d"), Dur("1ms"));
  EXPECT_GT(Dur("1m1ms"), Dur("60s"));
  EXPECT_EQ(Dur("1h").Hash(), Dur("60m").Hash());
  std::unordered_set<Duration> set = {Dur("1h"), Dur("60m"), Dur("3600s"), Dur("-1h")};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_EQ(Dur("-1d1h1m1s1ms").ToString(), "-90061001ms");
  EXPECT_EQ(Dur("1s").ToCedarExpr(), "duration(\"1000ms\")");
  EXPECT_EQ(Duration::FromMillis(-5).millis(), -5);
  EXPECT_EQ(Duration().millis(), 0);
}

}  // namespace
}  // namespace sluice::policy::ext
