#include "gates/metric_gate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::gates {
namespace {

using ::testing::HasSubstr;

platform::MetricRule Rule(std::string metric, std::optional<double> min, std::optional<double> max,
                          std::optional<double> max_regression, bool higher_is_better = true) {
  platform::MetricRule r;
  r.metric = std::move(metric);
  r.min = min;
  r.max = max;
  r.max_regression = max_regression;
  r.higher_is_better = higher_is_better;
  return r;
}

std::string AllMessages(const GateResult& r) {
  std::string out;
  for (const std::string& m : r.messages) out += m + "\n";
  return out;
}

TEST(MetricGateTest, PassesWithinBoundsAndRegression) {
  const nlohmann::json candidate = {{"auc", 0.82}, {"latency_ms", 120}};
  const nlohmann::json champion = {{"auc", 0.84}, {"latency_ms", 100}};
  const GateResult r = CheckMetrics(
      {Rule("auc", 0.7, std::nullopt, 0.02), Rule("latency_ms", std::nullopt, 200, 30, false)},
      candidate, &champion);
  // 0.84 - 0.82 is 0.020000000000000018 in binary: within the slack.
  EXPECT_TRUE(r.passed) << AllMessages(r);
  EXPECT_EQ(r.gate, "metrics");
  EXPECT_DOUBLE_EQ(r.measured["auc"]["champion"].get<double>(), 0.84);
  EXPECT_NEAR(r.measured["latency_ms"]["regression"].get<double>(), 20, 1e-9);
}

TEST(MetricGateTest, FailsOutOfBoundsAndOnRegression) {
  const nlohmann::json candidate = {{"auc", 0.65}, {"latency_ms", 150}, {"loss", 0.5}};
  const nlohmann::json champion = {{"auc", 0.70}, {"latency_ms", 100}, {"loss", 0.2}};
  const GateResult r = CheckMetrics(
      {Rule("auc", 0.7, std::nullopt, 0.02), Rule("latency_ms", std::nullopt, 120, 30, false),
       Rule("loss", std::nullopt, std::nullopt, 0.1, false)},
      candidate, &champion);
  EXPECT_FALSE(r.passed);
  const std::string m = AllMessages(r);
  EXPECT_THAT(m, HasSubstr("metric \"auc\" = 0.65, below the minimum 0.7"));
  EXPECT_THAT(m, HasSubstr("metric \"auc\" regressed by"));
  EXPECT_THAT(m, HasSubstr("metric \"latency_ms\" = 150, above the maximum 120"));
  EXPECT_THAT(m, HasSubstr("metric \"latency_ms\" regressed by 50 against the champion (100 -> "
                           "150), more than the 30 allowed"));
  EXPECT_THAT(m, HasSubstr("metric \"loss\" regressed by 0.3"));
}

TEST(MetricGateTest, MissingOrNonNumericMetricFails) {
  GateResult r =
      CheckMetrics({Rule("auc", 0.7, std::nullopt, std::nullopt)}, {{"accuracy", 0.9}}, nullptr);
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("metric \"auc\" is missing"));
  r = CheckMetrics({Rule("auc", 0.7, std::nullopt, std::nullopt)}, {{"auc", "0.9"}}, nullptr);
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("metric \"auc\" is not a number"));
  r = CheckMetrics({Rule("auc", 0.7, std::nullopt, std::nullopt)}, nlohmann::json::array(),
                   nullptr);
  EXPECT_FALSE(r.passed);
}

TEST(MetricGateTest, RegressionNeedsAChampion) {
  const nlohmann::json candidate = {{"auc", 0.5}};
  GateResult r = CheckMetrics({Rule("auc", std::nullopt, std::nullopt, 0.01)}, candidate, nullptr);
  EXPECT_TRUE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("no champion yet"));
  const nlohmann::json champion = {{"other", 1}};
  r = CheckMetrics({Rule("auc", std::nullopt, std::nullopt, 0.01)}, candidate, &champion);
  EXPECT_TRUE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("the champion has no numeric value"));
}

TEST(MetricGateTest, NoRulesIsSkipped) {
  const GateResult r = CheckMetrics({}, {{"auc", 0.5}}, nullptr);
  EXPECT_TRUE(r.skipped);
  EXPECT_TRUE(AllPassed({r}));
}

}  // namespace
}  // namespace sluice::gates
