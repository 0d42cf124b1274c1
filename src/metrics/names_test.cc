#include "metrics/names.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace sluice::metrics {
namespace {

TEST(NamesTest, AcceptsPrometheusMetricNames) {
  for (const char* name : {"a", "_x", ":x", "sluice_http_requests_total", "job:rate5m", "A9_:"}) {
    EXPECT_TRUE(ValidateMetricName(name).ok()) << name;
  }
}

TEST(NamesTest, RefusesBadMetricNames) {
  for (const char* name : {"", "9a", "a-b", "a b", "é", "a.b", "__reserved", "a\n"}) {
    const Status status = ValidateMetricName(name);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << name;
  }
  EXPECT_EQ(ValidateMetricName("a-b").message(),
            "invalid metric name \"a-b\": want [a-zA-Z_:][a-zA-Z0-9_:]*, not starting with __");
}

TEST(NamesTest, LabelNamesAllowNoColon) {
  EXPECT_TRUE(ValidateLabelName("route").ok());
  EXPECT_TRUE(ValidateLabelName("_a1").ok());
  for (const char* name : {"", "a:b", "1a", "__name__", "a-b"}) {
    EXPECT_EQ(ValidateLabelName(name).code(), StatusCode::kInvalidArgument) << name;
  }
}

TEST(NamesTest, LabelNamesAreDistinctAndNotReserved) {
  const std::vector<std::string> good = {"method", "route"};
  EXPECT_TRUE(ValidateLabelNames("m", good).ok());
  const std::vector<std::string> twice = {"route", "method", "route"};
  EXPECT_EQ(ValidateLabelNames("m", twice).message(), "m: label name \"route\" appears twice");
  const std::vector<std::string> le = {"le"};
  constexpr std::string_view kReserved[] = {"le"};
  EXPECT_TRUE(ValidateLabelNames("m", le).ok());
  EXPECT_EQ(ValidateLabelNames("m", le, kReserved).message(), "m: label name \"le\" is reserved");
  const std::vector<std::string> bad = {"ok", "no-dash"};
  EXPECT_EQ(ValidateLabelNames("m", bad).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sluice::metrics
