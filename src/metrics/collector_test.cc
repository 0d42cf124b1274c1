#include "metrics/collector.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "metrics/registry.h"

namespace sluice::metrics {
namespace {

TEST(CollectorTest, EmitsAtEveryRenderSortedAmongFamilies) {
  Registry registry;
  ASSERT_TRUE(registry.AddGauge("b_gauge", "B.").ok());
  std::atomic<int> calls = 0;
  ASSERT_TRUE(registry
                  .AddCollector({{"a_bytes", "Bytes.", MetricType::kGauge, {"domain", "class"}},
                                 {"c_total", "C.", MetricType::kCounter, {}}},
                                [&](CollectorSink& sink) {
                                  ++calls;
                                  sink.Emit("a_bytes", {"ml", "secret"}, 2e9);
                                  sink.Emit("a_bytes", {"bi", "public"}, 10);
                                  sink.Emit("a_bytes", {"ml", "secret"}, 3);  // replaces 2e9
                                  sink.Emit("c_total", {}, calls.load());
                                })
                  .ok());
  const std::string expected =
      "# HELP a_bytes Bytes.\n"
      "# TYPE a_bytes gauge\n"
      "a_bytes{domain=\"bi\",class=\"public\"} 10\n"
      "a_bytes{domain=\"ml\",class=\"secret\"} 3\n"
      "# HELP b_gauge B.\n"
      "# TYPE b_gauge gauge\n"
      "b_gauge 0\n"
      "# HELP c_total C.\n"
      "# TYPE c_total counter\n";
  EXPECT_EQ(registry.Render(), expected + "c_total 1\n");
  EXPECT_EQ(registry.Render(), expected + "c_total 2\n");
}

TEST(CollectorTest, DeclaredFamiliesRenderEvenWhenEmpty) {
  Registry registry;
  ASSERT_TRUE(
      registry.AddCollector({{"x", "X.", MetricType::kGauge, {"e"}}}, [](CollectorSink&) {}).ok());
  EXPECT_EQ(registry.Render(), "# HELP x X.\n# TYPE x gauge\n");
}

TEST(CollectorTest, FamiliesAreCheckedAtRegistration) {
  Registry registry;
  const Collector none = [](CollectorSink&) {};
  ASSERT_TRUE(registry.AddGauge("taken", "T.").ok());
  EXPECT_EQ(registry.AddCollector({{"taken", "X.", MetricType::kGauge, {}}}, none).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(registry.AddCollector({{"bad name", "X.", MetricType::kGauge, {}}}, none).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.AddCollector({{"x", "X.", MetricType::kGauge, {"a-b"}}}, none).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.AddCollector({{"x", "X.", MetricType::kHistogram, {}}}, none).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      registry
          .AddCollector({{"x", "X.", MetricType::kGauge, {}}, {"x", "X.", MetricType::kGauge, {}}},
                        none)
          .code(),
      StatusCode::kAlreadyExists);
  EXPECT_EQ(registry.AddCollector({}, none).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.AddCollector({{"x", "X.", MetricType::kGauge, {}}}, nullptr).code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(registry.AddCollector({{"x", "X.", MetricType::kGauge, {}}}, none).ok());
  EXPECT_EQ(registry.AddGauge("x", "X.").status().code(), StatusCode::kAlreadyExists);
}

TEST(CollectorTest, UndeclaredFamilyOrWrongLabelCountIsAProgrammerError) {
  const CollectedFamily declared[] = {{"x", "X.", MetricType::kGauge, {"a"}}};
#ifdef NDEBUG
  CollectorSink sink(declared);
  sink.Emit("y", {"1"}, 1);       // dropped
  sink.Emit("x", {"1", "2"}, 1);  // dropped
  std::string out;
  for (const auto& family : sink.TakeFamilies()) family->AppendTo(out);
  EXPECT_EQ(out, "# HELP x X.\n# TYPE x gauge\n");
#else
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(CollectorSink(declared).Emit("y", {"1"}, 1), "did not declare");
  EXPECT_DEATH(CollectorSink(declared).Emit("x", {"1", "2"}, 1), "wrong number");
#endif
}

}  // namespace
}  // namespace sluice::metrics
