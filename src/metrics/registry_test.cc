#include "metrics/registry.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace sluice::metrics {
namespace {

TEST(RegistryTest, RendersASmallRegistryExactly) {
  Registry registry;
  Counter* requests = *registry.AddCounter("app_requests_total", "Requests.", {"method", "code"});
  Gauge* temperature = *registry.AddGauge("app_temperature", "Temperature\\in \"C\"\nnow.");
  Histogram* latency =
      *registry.AddHistogram("app_latency_seconds", "Latency.", {"route"}, {0.5, 1});
  Counter* idle = *registry.AddCounter("app_idle_total", "Never used.", {"x"});
  (void)idle;
  requests->With({"POST", "500"}).Inc();
  requests->With({"GET", "404"}).Inc();
  requests->With({"GET", "200"}).Inc(3);
  temperature->With().Set(-1.5);
  for (const double v : {0.25, 0.5, 3.0}) latency->With({"/a"}).Observe(v);

  EXPECT_EQ(registry.Render(),
            "# HELP app_idle_total Never used.\n"
            "# TYPE app_idle_total counter\n"
            "# HELP app_latency_seconds Latency.\n"
            "# TYPE app_latency_seconds histogram\n"
            "app_latency_seconds_bucket{route=\"/a\",le=\"0.5\"} 2\n"
            "app_latency_seconds_bucket{route=\"/a\",le=\"1\"} 2\n"
            "app_latency_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3\n"
            "app_latency_seconds_sum{route=\"/a\"} 3.75\n"
            "app_latency_seconds_count{route=\"/a\"} 3\n"
            "# HELP app_requests_total Requests.\n"
            "# TYPE app_requests_total counter\n"
            "app_requests_total{method=\"GET\",code=\"200\"} 3\n"
            "app_requests_total{method=\"GET\",code=\"404\"} 1\n"
            "app_requests_total{method=\"POST\",code=\"500\"} 1\n"
            "# HELP app_temperature Temperature\\\\in \"C\"\\nnow.\n"
            "# TYPE app_temperature gauge\n"
            "app_temperature -1.5\n");
}

TEST(RegistryTest, FamiliesWithoutLabelsRenderZeroFromTheStart) {
  Registry registry;
  ASSERT_TRUE(registry.AddCounter("c_total", "C.").ok());
  ASSERT_TRUE(registry.AddGauge("g", "G.").ok());
  EXPECT_EQ(registry.Render(),
            "# HELP c_total C.\n# TYPE c_total counter\nc_total 0\n"
            "# HELP g G.\n# TYPE g gauge\ng 0\n");
}

TEST(RegistryTest, EscapesLabelValues) {
  Registry registry;
  Counter* c = *registry.AddCounter("c_total", "C.", {"v"});
  c->With({"a\\b\"c\nd"}).Inc();
  EXPECT_EQ(registry.Render(),
            "# HELP c_total C.\n# TYPE c_total counter\nc_total{v=\"a\\\\b\\\"c\\nd\"} 1\n");
}

TEST(RegistryTest, CountersAddFractionsAndStayExactWhileIntegral) {
  Registry registry;
  Counter::Child& c = (*registry.AddCounter("c_total", "C."))->With();
  c.Inc(9007199254740993ULL);  // 2^53 + 1: not a double
  EXPECT_NE(registry.Render().find("c_total 9007199254740993\n"), std::string::npos);
  c.Add(0.5);
  EXPECT_DOUBLE_EQ(c.Value(), 9007199254740993.5);
  Gauge::Child& g = (*registry.AddGauge("g", "G."))->With();
  g.Inc();
  g.Inc(2.5);
  g.Dec(4);
  EXPECT_EQ(g.Value(), -0.5);
}

TEST(RegistryTest, ChildrenAreStable) {
  Registry registry;
  Counter* c = *registry.AddCounter("c_total", "C.", {"a", "b"});
  Counter::Child* first = &c->With({"x", "y"});
  for (int i = 0; i < 1000; ++i) c->With({std::to_string(i), "z"}).Inc();
  EXPECT_EQ(first, &c->With({"x", "y"}));
  EXPECT_NE(first, &c->With({"xy", ""}));  // tuples, not concatenations
}

TEST(RegistryTest, RefusesInvalidNames) {
  Registry registry;
  EXPECT_EQ(registry.AddCounter("bad-name", "x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.AddGauge("1x", "x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.AddCounter("c", "x", {"bad:label"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.AddCounter("c", "x", {"__name__"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.AddCounter("c", "x", {"a", "a"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(registry.AddHistogram("h", "x", {"le"}).status().message(),
            "h: label name \"le\" is reserved");
  EXPECT_EQ(registry.AddHistogram("h", "x", {}, {2, 1}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(registry.AddGauge("g", "x", {"le"}).ok());  // only histograms reserve le
  EXPECT_TRUE(registry.AddCounter("c", "x").ok());        // nothing taken by the failures
}

TEST(RegistryTest, RefusesDuplicateAndClashingNames) {
  Registry registry;
  ASSERT_TRUE(registry.AddCounter("x_total", "x").ok());
  EXPECT_EQ(registry.AddCounter("x_total", "x").status().message(),
            "metric name \"x_total\" is already registered");
  EXPECT_EQ(registry.AddGauge("x_total", "x").status().code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(registry.AddHistogram("h", "x").ok());
  EXPECT_EQ(registry.AddGauge("h_count", "x").status().code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(registry.AddGauge("y_sum", "x").ok());
  EXPECT_EQ(registry.AddHistogram("y", "x").status().code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(registry.AddGauge("y", "x").ok());  // the failed histogram took nothing
}

TEST(RegistryTest, WrongLabelCountIsAProgrammerError) {
  Registry registry;
  Counter* c = *registry.AddCounter("c_total", "C.", {"a", "b"});
#ifdef NDEBUG
  c->With({"only one"}).Inc();  // release: counted nowhere
  EXPECT_EQ(registry.Render(), "# HELP c_total C.\n# TYPE c_total counter\n");
#else
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(c->With({"only one"}).Inc(), "wrong number of label values");
#endif
}

TEST(RegistryTest, ConcurrentIncrementsAreExact) {
  Registry registry;
  Counter* c = *registry.AddCounter("c_total", "C.", {"shared", "thread"});
  Histogram* h = *registry.AddHistogram("h_seconds", "H.", {"shared"});
  constexpr int kThreads = 8;
  constexpr int kIncrements = 100'000;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string mine = std::to_string(t);
      for (int i = 0; i < kIncrements; ++i) {
        c->With({"yes", "all"}).Inc();  // every thread, one child: contended
        c->With({"no", mine}).Inc();    // children made concurrently
        h->With({"yes"}).Observe(0.001);
        if (i % 20'000 == 0) (void)registry.Render();  // renders during updates
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(c->With({"yes", "all"}).Value(), kThreads * kIncrements);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(c->With({"no", std::to_string(t)}).Value(), kIncrements);
  }
  EXPECT_EQ(h->With({"yes"}).Read().count, std::uint64_t{kThreads} * kIncrements);
  EXPECT_NE(registry.Render().find("c_total{shared=\"yes\",thread=\"all\"} 800000\n"),
            std::string::npos);
}

}  // namespace
}  // namespace sluice::metrics
