#include "metrics/histogram.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "metrics/registry.h"

namespace sluice::metrics {
namespace {

TEST(HistogramTest, DefaultLatencyBucketsSpan50MicrosecondsTo10Seconds) {
  const std::vector<double> bounds = DefaultLatencyBuckets();
  ASSERT_EQ(bounds.size(), 17u);
  EXPECT_EQ(bounds.front(), 0.00005);
  EXPECT_EQ(bounds.back(), 10);
  EXPECT_TRUE(ValidateBuckets(bounds).ok());
}

TEST(HistogramTest, BucketsMustBeFiniteAndIncreasing) {
  EXPECT_TRUE(ValidateBuckets({}).ok());
  const std::vector<double> flat = {1, 1};
  EXPECT_EQ(ValidateBuckets(flat).message(),
            "histogram bucket bounds must increase strictly: 1 follows 1");
  const std::vector<double> down = {2, 1};
  EXPECT_EQ(ValidateBuckets(down).code(), StatusCode::kInvalidArgument);
  const std::vector<double> inf = {1, std::numeric_limits<double>::infinity()};
  EXPECT_EQ(ValidateBuckets(inf).code(), StatusCode::kInvalidArgument);
  const std::vector<double> nan = {std::nan("")};
  EXPECT_EQ(ValidateBuckets(nan).code(), StatusCode::kInvalidArgument);
}

TEST(HistogramTest, BucketsAreCumulativeAndInclusive) {
  Registry registry;
  Histogram* h = *registry.AddHistogram("h", "H.", {}, {0.5, 1, 2});
  Histogram::Child& child = h->With();
  for (const double v : {0.1, 0.5, 0.75, 1.0, 5.0, 7.0, -3.0}) child.Observe(v);
  child.Observe(std::nan(""));  // ignored
  const Histogram::Child::Snapshot s = child.Read();
  EXPECT_EQ(s.cumulative, (std::vector<std::uint64_t>{3, 5, 5, 7}));
  EXPECT_EQ(s.count, 7u);
  EXPECT_NEAR(s.sum, 11.35, 1e-9);
}

TEST(HistogramTest, RendersEveryBucketThenInfSumAndCount) {
  Registry registry;
  Histogram* h = *registry.AddHistogram("rpc_seconds", "RPC time.", {"op"}, {0.25, 1});
  h->With({"get"}).Observe(0.25);
  h->With({"get"}).Observe(0.5);
  h->With({"get"}).Observe(3);
  h->With({"put"}).Observe(std::numeric_limits<double>::infinity());
  EXPECT_EQ(registry.Render(),
            "# HELP rpc_seconds RPC time.\n"
            "# TYPE rpc_seconds histogram\n"
            "rpc_seconds_bucket{op=\"get\",le=\"0.25\"} 1\n"
            "rpc_seconds_bucket{op=\"get\",le=\"1\"} 2\n"
            "rpc_seconds_bucket{op=\"get\",le=\"+Inf\"} 3\n"
            "rpc_seconds_sum{op=\"get\"} 3.75\n"
            "rpc_seconds_count{op=\"get\"} 3\n"
            "rpc_seconds_bucket{op=\"put\",le=\"0.25\"} 0\n"
            "rpc_seconds_bucket{op=\"put\",le=\"1\"} 0\n"
            "rpc_seconds_bucket{op=\"put\",le=\"+Inf\"} 1\n"
            "rpc_seconds_sum{op=\"put\"} +Inf\n"
            "rpc_seconds_count{op=\"put\"} 1\n");
}

TEST(HistogramTest, DefaultBucketsRenderAsGoWritesThem) {
  Registry registry;
  Histogram* h = *registry.AddHistogram("d_seconds", "D.");
  h->With().Observe(0.00005);
  const std::string text = registry.Render();
  EXPECT_NE(text.find("d_seconds_bucket{le=\"5e-05\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("d_seconds_bucket{le=\"0.0001\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("d_seconds_bucket{le=\"0.00025\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("d_seconds_bucket{le=\"10\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("d_seconds_bucket{le=\"+Inf\"} 1\n"), std::string::npos) << text;
}

TEST(HistogramTest, NoBoundsMeansOnlyInf) {
  Registry registry;
  Histogram* h = *registry.AddHistogram("only_inf", "I.", {}, {});
  h->With().Observe(1);
  EXPECT_EQ(registry.Render(),
            "# HELP only_inf I.\n"
            "# TYPE only_inf histogram\n"
            "only_inf_bucket{le=\"+Inf\"} 1\n"
            "only_inf_sum 1\n"
            "only_inf_count 1\n");
}

}  // namespace
}  // namespace sluice::metrics
