#include "metrics/exposition.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace sluice::metrics {
namespace {

TEST(ExpositionTest, FormatsValuesAsGoDoes) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(1), "1");
  EXPECT_EQ(FormatValue(-1.5), "-1.5");
  EXPECT_EQ(FormatValue(0.00005), "5e-05");
  EXPECT_EQ(FormatValue(0.0001), "0.0001");
  EXPECT_EQ(FormatValue(0.00025), "0.00025");
  EXPECT_EQ(FormatValue(2.5), "2.5");
  EXPECT_EQ(FormatValue(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(FormatValue(123456), "123456");
  EXPECT_EQ(FormatValue(1e6), "1e+06");
  EXPECT_EQ(FormatValue(1234567), "1.234567e+06");
  EXPECT_EQ(FormatValue(1e-300), "1e-300");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
}

TEST(ExpositionTest, FormatsCountsExactly) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(18446744073709551615ULL), "18446744073709551615");
}

TEST(ExpositionTest, EscapesLabelValues) {
  std::string out;
  AppendEscapedLabelValue(out, "a\\b\"c\nd\te");
  EXPECT_EQ(out, "a\\\\b\\\"c\\nd\te");
}

TEST(ExpositionTest, EscapesHelpButNotQuotes) {
  std::string out;
  AppendEscapedHelp(out, "a\\b\"c\nd");
  EXPECT_EQ(out, "a\\\\b\"c\\nd");
}

TEST(ExpositionTest, WritesHeaderAndSamples) {
  std::string out;
  AppendHeader(out, "x_seconds", "Time.", MetricType::kHistogram);
  const std::vector<std::string> names = {"a", "b"};
  const std::vector<std::string> values = {"1", "q\""};
  AppendSample(out, "x_seconds", "_bucket", names, values, "0.5", "3");
  AppendSample(out, "x_seconds", "_bucket", {}, {}, "+Inf", "4");
  AppendSample(out, "x_seconds", "_count", {}, {}, "", "4");
  EXPECT_EQ(out,
            "# HELP x_seconds Time.\n"
            "# TYPE x_seconds histogram\n"
            "x_seconds_bucket{a=\"1\",b=\"q\\\"\",le=\"0.5\"} 3\n"
            "x_seconds_bucket{le=\"+Inf\"} 4\n"
            "x_seconds_count 4\n");
  EXPECT_STREQ(kContentType, "text/plain; version=0.0.4; charset=utf-8");
}

}  // namespace
}  // namespace sluice::metrics
