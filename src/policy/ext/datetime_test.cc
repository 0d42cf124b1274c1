#include "policy/ext/datetime.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
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
constexpr std::int64_t kDay = 86'400'000;

Datetime Dt(std::string_view text) {
  auto r = Datetime::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : Datetime();
}

struct Accepted {
  std::string_view text;
  std::int64_t ms;
  std::string_view iso;  // ToString()
};

// Expected values cross-checked with Python's datetime (years 1-9999).
TEST(DatetimeTest, AcceptsEveryForm) {
  const std::vector<Accepted> cases = {
      {"1970-01-01", 0, "1970-01-01T00:00:00.000Z"},
      {"2024-10-15", 1728950400000, "2024-10-15T00:00:00.000Z"},
      {"2024-10-15T11:38:02Z", 1728992282000, "2024-10-15T11:38:02.000Z"},
      {"2024-10-15T11:38:02.101Z", 1728992282101, "2024-10-15T11:38:02.101Z"},
      {"2024-10-15T11:38:02.101+1134", 1728950642101, "2024-10-15T00:04:02.101Z"},
      {"2024-10-15T11:38:02.101-1134", 1729033922101, "2024-10-15T23:12:02.101Z"},
      {"2024-10-15T11:38:02+1134", 1728950642000, "2024-10-15T00:04:02.000Z"},
      {"2024-10-15T11:38:02-1134", 1729033922000, "2024-10-15T23:12:02.000Z"},
      {"2024-10-15T23:59:00+2359", 1728950400000, "2024-10-15T00:00:00.000Z"},
      {"2024-10-15T00:00:00-2359", 1729036740000, "2024-10-15T23:59:00.000Z"},
      {"2024-10-15T00:00:00+0000", 1728950400000, "2024-10-15T00:00:00.000Z"},
      {"2024-10-15T00:00:00-0000", 1728950400000, "2024-10-15T00:00:00.000Z"},
      {"2024-02-29", 1709164800000, "2024-02-29T00:00:00.000Z"},
      {"2000-02-29T12:00:00Z", 951825600000, "2000-02-29T12:00:00.000Z"},
      {"1969-12-31T23:59:59.999Z", -1, "1969-12-31T23:59:59.999Z"},
      {"1900-01-01", -2208988800000, "1900-01-01T00:00:00.000Z"},
      {"0001-01-01", -62135596800000, "0001-01-01T00:00:00.000Z"},
      {"0000-01-01", -62167219200000, "0000-01-01T00:00:00.000Z"},
      {"0000-02-29", -62167219200000 + 59 * kDay, "0000-02-29T00:00:00.000Z"},  // leap year 0
      {"9999-12-31T23:59:59.999Z", 253402300799999, "9999-12-31T23:59:59.999Z"},
      {"9999-12-31T23:59:59.999-2359", 253402387139999, "+10000-01-01T23:58:59.999Z"},
      {"0000-01-01T00:00:00+2359", -62167219200000 - 86'340'000, "-0001-12-31T00:01:00.000Z"},
      {"2942-03-21T14:26:26-1126", 30680301146000, "2942-03-22T01:52:26.000Z"},
      {"5535-04-08T15:15:15.535+0015", 112508924415535, "5535-04-08T15:00:15.535Z"},
      {"5814-10-04T09:33:33.168Z", 121328789613168, "5814-10-04T09:33:33.168Z"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = Datetime::Parse(c.text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->millis(), c.ms);
    EXPECT_EQ(r->ToString(), c.iso);
    if (c.iso[0] != '+' && c.iso[0] != '-') {
      auto again = Datetime::Parse(r->ToString());
      ASSERT_TRUE(again.ok()) << again.status().ToString();
      EXPECT_EQ(*again, *r);
    }
  }
}

struct Rejected {
  std::string_view text;
  std::string_view reason;
};

TEST(DatetimeTest, RejectsWhatCedarRejects) {
  constexpr std::string_view kDate = "expected YYYY-MM-DD";
  constexpr std::string_view kTime = "expected Thh:mm:ss";
  constexpr std::string_view kSuffix = "expected Z, .SSSZ";
  constexpr std::string_view kCalendar = "no such calendar date";
  constexpr std::string_view kClock = "hour must be 00-23";
  constexpr std::string_view kOffset = "UTC offset hours must be 00-23";
  const std::vector<Rejected> cases = {
      {"", kDate},
      {"a", kDate},
      {"-", kDate},
      {"-1", kDate},
      {"11-12-13", kDate},
      {"1111-1x-20", kDate},
      {"0000-0a-01", kDate},
      {"10000-01-01", kDate},
      {"10000-01-01T00:00:00Z", kDate},
      {"-001-01-01", kDate},
      {"+2024-01-01", kDate},
      {"2024-1-01", kDate},
      {"2024/01/01", kDate},
      {"２024-01-01", kDate},
      {"2024-10-15Z", kTime},
      {"2024-10-15 ", kTime},
      {"2024-01-01T", kTime},
      {"2024-01-01Ta", kTime},
      {"2024-01-01T01:", kTime},
      {"2024-01-01T01:02", kTime},
      {"2024-01-01T01:02:0b", kTime},
      {"2024-01-01T01::02:03", kTime},
      {"2024-01-01t00:00:00Z", kTime},
      {"2024-01-01 00:00:00Z", kTime},
      {"2024-01-01T1:02:03Z", kTime},
      {"2024-01-01T00:00:00", kSuffix},
      {"0000-01-01T00:00:00", kSuffix},
      {"2024-01-01T00:00:00T", kSuffix},
      {"2024-01-01T00:00:00ZZ", kSuffix},
      {"2024-01-01T00:00:00z", kSuffix},
      {"2024-01-01T00:00:00.Z", kSuffix},
      {"2024-01-01T00:00:00.1Z", kSuffix},
      {"2024-01-01T00:00:00.12Z", kSuffix},
      {"2024-01-01T00:00:00.1234Z", kSuffix},
      {"2024-01-01T00:00:00.123", kSuffix},
      {"2024-01-01T00:00:00+01", kSuffix},
      {"2024-01-01T00:00:00+01:00", kSuffix},
      {"2024-01-01T00:00:00+010", kSuffix},
      {"2024-01-01T00:00:00+01000", kSuffix},
      {"2024-01-01T00:00:00Z+0100", kSuffix},
      {"2024-01-01T00:00:00.123Z ", kSuffix},
      {"2024-01-01T00:00:00.123+0100Z", kSuffix},
      {"2024-00-01", kCalendar},
      {"2024-01-00", kCalendar},
      {"2024-02-30", kCalendar},
      {"2025-02-29", kCalendar},
      {"1900-02-29", kCalendar},
      {"2024-13-01", kCalendar},
      {"3993-13-02", kCalendar},
      {"2024-20-01", kCalendar},
      {"2024-01-32", kCalendar},
      {"3993-10-32", kCalendar},
      {"2024-01-99", kCalendar},
      {"2024-04-31", kCalendar},
      {"1024-02-31T11:02:04Z", kCalendar},
      {"2024-01-01T24:00:00Z", kClock},
      {"2024-01-01T31:02:03Z", kClock},
      {"2024-01-01T01:60:03Z", kClock},
      {"2016-12-31T23:59:60Z", kClock},  // no leap seconds
      {"2016-12-31T23:59:61Z", kClock},
      {"2016-12-31T23:59:60.000+0000", kClock},
      {"2024-01-01T00:00:00+2400", kOffset},
      {"2024-01-01T00:00:00-2400", kOffset},
      {"2024-01-01T00:00:00+0060", kOffset},
      {"2024-01-01T00:00:00.000-9999", kOffset},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = Datetime::Parse(c.text);
    ASSERT_FALSE(r.ok()) << r->ToString();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), StartsWith("invalid datetime \""));
    EXPECT_THAT(r.status().message(), HasSubstr(c.reason));
  }
}

TEST(DatetimeTest, OffsetAndDurationSince) {
  const Datetime t = Dt("2024-10-15T11:38:02Z");
  auto later = t.Offset(Duration::FromMillis(86'400'000));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(*later, Dt("2024-10-16T11:38:02Z"));
  auto earlier = t.Offset(*Duration::Parse("-1d1h"));
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(*earlier, Dt("2024-10-14T10:38:02Z"));
  auto since = Dt("2024-10-16").DurationSince(Dt("2024-10-15"));
  ASSERT_TRUE(since.ok());
  EXPECT_EQ(*since, *Duration::Parse("1d"));
  auto before = Dt("2024-10-15").DurationSince(Dt("2024-10-16"));
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->millis(), -kDay);
  EXPECT_EQ(Dt("1970-01-01").Offset(Duration::FromMillis(kMin))->millis(), kMin);
}

TEST(DatetimeTest, ArithmeticOverflowIsAnError) {
  const auto expect_overflow = [](const Status& s) {
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(s.message(), StartsWith("overflow: "));
  };
  expect_overflow(Datetime::FromMillis(kMax).Offset(Duration::FromMillis(1)).status());
  expect_overflow(Datetime::FromMillis(kMin).Offset(Duration::FromMillis(-1)).status());
  expect_overflow(Dt("2024-01-01").Offset(Duration::FromMillis(kMax)).status());
  expect_overflow(Datetime::FromMillis(kMax).DurationSince(Datetime::FromMillis(-1)).status());
  expect_overflow(Datetime::FromMillis(kMin).DurationSince(Datetime::FromMillis(1)).status());
  expect_overflow(Datetime::FromMillis(kMin).ToDate().status());
  EXPECT_TRUE(Datetime::FromMillis(kMax).Offset(Duration::FromMillis(0)).ok());
  EXPECT_TRUE(Datetime::FromMillis(kMax).DurationSince(Datetime::FromMillis(0)).ok());
}

struct DateTimeSplit {
  std::int64_t ms;
  std::int64_t date_ms;
  std::int64_t time_ms;
};

TEST(DatetimeTest, ToDateAndToTimeRoundTowardMinusInfinity) {
  const std::vector<DateTimeSplit> cases = {
      {0, 0, 0},
      {1, 0, 1},
      {kDay - 1, 0, kDay - 1},
      {kDay, kDay, 0},
      {-1, -kDay, kDay - 1},
      {-kDay, -kDay, 0},
      {-kDay - 1, -2 * kDay, kDay - 1},
      {-3'600'000, -kDay, kDay - 3'600'000},  // 1969-12-31T23:00Z
      {1728992282101, 1728950400000, 41882101},
      {-62167219200000 + 1, -62167219200000, 1},  // 0000-01-01T00:00:00.001Z
      {kMax, kMax - kMax % kDay, kMax % kDay},
      {kMin + (kDay - 60424192), kMin + (kDay - 60424192), 0},  // first whole day
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.ms);
    const Datetime t = Datetime::FromMillis(c.ms);
    auto date = t.ToDate();
    ASSERT_TRUE(date.ok()) << date.status().ToString();
    EXPECT_EQ(date->millis(), c.date_ms);
    EXPECT_EQ(t.ToTime().millis(), c.time_ms);
    EXPECT_EQ(c.date_ms + c.time_ms, c.ms);
  }
  EXPECT_EQ(Datetime::FromMillis(kMin).ToTime().millis(), 60424192);
  EXPECT_EQ(Dt("1969-12-31T23:00:00Z").ToDate()->ToString(), "1969-12-31T00:00:00.000Z");
  EXPECT_EQ(Dt("1969-12-31T23:00:00Z").ToTime(), *Duration::Parse("23h"));
  EXPECT_EQ(Dt("0000-01-01T12:34:56.789Z").ToTime(), *Duration::Parse("12h34m56s789ms"));
}

TEST(DatetimeTest, ComparisonHashAndStrings) {
  EXPECT_EQ(Dt("2024-10-15T11:38:02+1134"), Dt("2024-10-15T00:04:02Z"));
  EXPECT_EQ(Dt("2024-10-15T00:04:02.000Z"), Dt("2024-10-15T00:04:02Z"));
  EXPECT_LT(Dt("2024-10-15"), Dt("2024-10-15T00:00:00.001Z"));
  EXPECT_GT(Dt("2024-10-15T00:00:00-0001"), Dt("2024-10-15T00:00:00+0001"));
  EXPECT_LT(Dt("0000-01-01"), Dt("1970-01-01"));
  EXPECT_EQ(Dt("2024-10-15").Hash(), Dt("2024-10-15T00:00:00Z").Hash());
  std::unordered_set<Datetime> set = {Dt("2024-10-15"), Dt("2024-10-15T00:00:00Z"),
                                      Dt("2024-10-16")};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_EQ(Datetime().millis(), 0);
  EXPECT_EQ(Dt("2024-10-15").ToCedarExpr(),
            "datetime(\"1970-01-01\").offset(duration(\"1728950400000ms\"))");
  EXPECT_EQ(Datetime::FromMillis(kMax).ToString(), "+292278994-08-17T07:12:55.807Z");
  EXPECT_EQ(Datetime::FromMillis(kMin).ToString(), "-292275055-05-16T16:47:04.192Z");
}

// Every day from 0000-01-01 to 2400-12-31: ToString and Parse agree with a
// day-by-day walk of the calendar.
TEST(DatetimeTest, CalendarWalkMatchesParseAndToString) {
  auto is_leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  std::int64_t ms = -62167219200000;  // 0000-01-01
  for (int y = 0; y <= 2400; ++y) {
    for (int m = 1; m <= 12; ++m) {
      static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const int days = m == 2 && is_leap(y) ? 29 : kDays[m - 1];
      for (int d = 1; d <= days; ++d) {
        char text[48];
        std::snprintf(text, sizeof(text), "%04d-%02d-%02d", y, m, d);
        auto r = Datetime::Parse(text);
        ASSERT_TRUE(r.ok()) << text;
        ASSERT_EQ(r->millis(), ms) << text;
        ASSERT_EQ(r->ToString(), std::string(text) + "T00:00:00.000Z");
        ms += kDay;
      }
    }
  }
}

}  // namespace
}  // namespace sluice::policy::ext
