#include "policy/ext/decimal.h"

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

Decimal Dec(std::string_view text) {
  auto r = Decimal::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : Decimal();
}

struct Accepted {
  std::string_view text;
  std::int64_t raw;
  std::string_view canonical;
};

TEST(DecimalTest, AcceptsCedarForms) {
  const std::vector<Accepted> cases = {
      {"0.0", 0, "0.0000"},
      {"00.000", 0, "0.0000"},
      {"-0.0", 0, "0.0000"},
      {"1.0", 10000, "1.0000"},
      {"-1.0", -10000, "-1.0000"},
      {"123.456", 1234560, "123.4560"},
      {"0.1234", 1234, "0.1234"},
      {"-0.0123", -123, "-0.0123"},
      {"-0.5", -5000, "-0.5000"},  // sign from the text (cedar-spec #799)
      {"-0.0001", -1, "-0.0001"},
      {"55.1", 551000, "55.1000"},
      {"007.50", 75000, "7.5000"},
      {"1.2300", 12300, "1.2300"},
      {"0.75", 7500, "0.7500"},
      {"922337203685477.5807", std::numeric_limits<std::int64_t>::max(), "922337203685477.5807"},
      {"-922337203685477.5808", std::numeric_limits<std::int64_t>::min(), "-922337203685477.5808"},
      {"922337203685477.58", 9223372036854775800, "922337203685477.5800"},
      {"0000000000000000000000000001.0", 10000, "1.0000"},
      {"1151.3775", 11513775, "1151.3775"},
      {"-72869594.1546", -728695941546, "-72869594.1546"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = Decimal::Parse(c.text);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->raw(), c.raw);
    EXPECT_EQ(r->ToString(), c.canonical);
    EXPECT_EQ(r->ToCedarExpr(), "decimal(\"" + std::string(c.canonical) + "\")");
    auto again = Decimal::Parse(r->ToString());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *r);
  }
}

TEST(DecimalTest, RejectsMalformedText) {
  const std::vector<std::string_view> cases = {
      "",
      "1",
      "-1",
      ".5",
      "1.",
      "-.5",
      "-",
      ".",
      "--1.0",
      "+1.0",
      "1.0.0",
      "1,0",
      " 1.0",
      "1.0 ",
      "1.0\n",
      "1e3",
      "1.0e1",
      "0x1.0",
      "1.-0",
      "1.+0",
      "1 .0",
      "-0",
      "abc",
      "१.०",
      "1._0",
      "1_0.0",
      "ॊ",
      "-9699v81522500.1730",
      "-92233,203685477.5808",
  };
  for (auto text : cases) {
    SCOPED_TRACE(text);
    auto r = Decimal::Parse(text);
    ASSERT_FALSE(r.ok()) << r->ToString();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), StartsWith("invalid decimal \""));
  }
}

TEST(DecimalTest, RejectsMoreThanFourFractionalDigits) {
  for (auto text : {"1.23456", "0.00000", "-5.77346", "1.0000000000000000000000"}) {
    SCOPED_TRACE(text);
    auto r = Decimal::Parse(text);
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.status().message(), HasSubstr("more than 4 fractional digits"));
  }
  EXPECT_EQ(Decimal::Parse("1.23456").status().message(),
            "invalid decimal \"1.23456\": more than 4 fractional digits");
}

TEST(DecimalTest, OverflowIsAnError) {
  for (auto text :
       {"922337203685477.5808", "-922337203685477.5809", "922337203685478.0", "-922337203685478.0",
        "9223372036854775807.0", "99999999999999999999999.0", "-696068899998855777690.353",
        "-2249974848184175.8208", "2766941117332329.112", "6221200215543063.998"}) {
    SCOPED_TRACE(text);
    auto r = Decimal::Parse(text);
    ASSERT_FALSE(r.ok()) << r->ToString();
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), StartsWith("overflow: decimal \""));
  }
}

TEST(DecimalTest, ComparisonsFollowTheValue) {
  EXPECT_LT(Dec("0.1"), Dec("0.2"));
  EXPECT_LT(Dec("-0.5"), Dec("0.0"));
  EXPECT_LT(Dec("-1.0"), Dec("-0.9999"));
  EXPECT_GT(Dec("10.0"), Dec("9.9999"));
  EXPECT_EQ(Dec("1.5"), Dec("1.5000"));
  EXPECT_EQ(Dec("0.0"), Dec("-0.0"));
  EXPECT_LE(Dec("1.5"), Dec("1.50"));
  EXPECT_GE(Dec("-922337203685477.5808"), Dec("-922337203685477.5808"));
  EXPECT_LT(Dec("-922337203685477.5808"), Dec("922337203685477.5807"));
  EXPECT_EQ(Dec("1.5").Hash(), Dec("1.50").Hash());
  std::unordered_set<Decimal> set = {Dec("1.5"), Dec("1.50"), Dec("-1.5")};
  EXPECT_EQ(set.size(), 2u);
}

// tests/decimal/{1,2}.json of the Cedar integration tests.
TEST(DecimalTest, IntegrationTestExamples) {
  // decimal/1: greaterThan(decimal("0.75"))
  EXPECT_GT(Dec("0.8"), Dec("0.75"));
  EXPECT_FALSE(Dec("0.2345") > Dec("0.75"));
  // decimal/2: >= 0.4 && <= 0.5
  auto in_band = [](const Decimal& d) { return d >= Dec("0.4") && d <= Dec("0.5"); };
  EXPECT_TRUE(in_band(Dec("0.455")));
  EXPECT_FALSE(in_band(Dec("0.0001")));
  EXPECT_FALSE(in_band(Dec("0.9")));
}

TEST(DecimalTest, FromRawAndToString) {
  EXPECT_EQ(Decimal::FromRaw(1).ToString(), "0.0001");
  EXPECT_EQ(Decimal::FromRaw(-1).ToString(), "-0.0001");
  EXPECT_EQ(Decimal::FromRaw(-10000).ToString(), "-1.0000");
  EXPECT_EQ(Decimal::FromRaw(123456789).ToString(), "12345.6789");
  EXPECT_EQ(Decimal().raw(), 0);
  EXPECT_EQ(Decimal().ToString(), "0.0000");
}

}  // namespace
}  // namespace sluice::policy::ext
