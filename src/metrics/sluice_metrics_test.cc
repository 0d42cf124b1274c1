#include "metrics/sluice_metrics.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace sluice::metrics {
namespace {

bool Contains(const std::string& text, const std::string& line) {
  return text.find(line) != std::string::npos;
}

std::unique_ptr<SluiceMetrics> MakeMetrics() {
  Result<std::unique_ptr<SluiceMetrics>> metrics = SluiceMetrics::Make();
  EXPECT_TRUE(metrics.ok()) << metrics.status().ToString();
  return std::move(metrics).value();
}

TEST(SluiceMetricsTest, DeclaresEveryFamily) {
  const std::unique_ptr<SluiceMetrics> m = MakeMetrics();
  const std::string text = m->registry.Render();
  for (const char* type_line : {
           "# TYPE sluice_http_requests_total counter\n",
           "# TYPE sluice_http_request_duration_seconds histogram\n",
           "# TYPE sluice_authz_decisions_total counter\n",
           "# TYPE sluice_authz_duration_seconds histogram\n",
           "# TYPE sluice_audit_append_duration_seconds histogram\n",
           "# TYPE sluice_audit_events_total counter\n",
           "# TYPE sluice_sessions_open gauge\n",
           "# TYPE sluice_alerts_fired_total counter\n",
           "# TYPE sluice_alerts_open gauge\n",
       }) {
    EXPECT_TRUE(Contains(text, type_line)) << type_line;
  }
  EXPECT_TRUE(Contains(text, "sluice_sessions_open 0\n"));
  EXPECT_TRUE(Contains(text, "sluice_authz_duration_seconds_count 0\n"));
}

TEST(SluiceMetricsTest, ObservesRequestsByRoutePattern) {
  const std::unique_ptr<SluiceMetrics> m = MakeMetrics();
  m->ObserveRequest("GET", "/api/v1/assets/{ref}", 200, 0.003);
  m->ObserveRequest("GET", "/api/v1/assets/{ref}", 200, 0.004);
  m->ObserveRequest("BREW", SluiceMetrics::kUnmatchedRoute, 404, 0.0001);
  m->ObserveRequest("GET", "/api/v1/health", 1000, 0.0001);
  const std::string text = m->registry.Render();
  EXPECT_TRUE(Contains(text,
                       "sluice_http_requests_total{method=\"GET\",route=\"/api/v1/assets/{ref}\","
                       "status=\"200\"} 2\n"));
  EXPECT_TRUE(Contains(
      text, "sluice_http_requests_total{method=\"other\",route=\"unmatched\",status=\"404\"} 1\n"));
  EXPECT_TRUE(Contains(
      text,
      "sluice_http_requests_total{method=\"GET\",route=\"/api/v1/health\",status=\"other\"} 1\n"));
  EXPECT_TRUE(Contains(text,
                       "sluice_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/"
                       "v1/assets/{ref}\",le=\"0.005\"} 2\n"));
  EXPECT_TRUE(Contains(text,
                       "sluice_http_request_duration_seconds_count{method=\"GET\",route=\"/api/"
                       "v1/assets/{ref}\"} 2\n"));
}

TEST(SluiceMetricsTest, ObservesDecisionsAuditAndAlerts) {
  const std::unique_ptr<SluiceMetrics> m = MakeMetrics();
  m->ObserveDecision("asset.read", true, 0.0002);
  m->ObserveDecision("asset.read", false, 0.0002);
  m->ObserveDecision("asset.read", false, 0.0002);
  m->ObserveAuditAppend(0.002, true);
  m->ObserveAuditAppend(0.002, false, /*recorded=*/false);
  m->ObserveAlertFired("break-glass", "critical");
  m->sessions_open->With().Inc();
  m->alerts_open->With().Set(4);
  const std::string text = m->registry.Render();
  EXPECT_TRUE(
      Contains(text, "sluice_authz_decisions_total{action=\"asset.read\",decision=\"allow\"} 1\n"));
  EXPECT_TRUE(
      Contains(text, "sluice_authz_decisions_total{action=\"asset.read\",decision=\"deny\"} 2\n"));
  EXPECT_TRUE(Contains(text, "sluice_authz_duration_seconds_count 3\n"));
  EXPECT_TRUE(Contains(text, "sluice_audit_append_duration_seconds_count 2\n"));
  EXPECT_TRUE(Contains(text, "sluice_audit_events_total{decision=\"allow\"} 1\n"));
  EXPECT_FALSE(Contains(text, "decision=\"deny\"} 1\n"));
  EXPECT_TRUE(
      Contains(text, "sluice_alerts_fired_total{rule=\"break-glass\",severity=\"critical\"} 1\n"));
  EXPECT_TRUE(Contains(text, "sluice_sessions_open 1\n"));
  EXPECT_TRUE(Contains(text, "sluice_alerts_open 4\n"));
}

TEST(SluiceMetricsTest, CollectorsEmitAtScrapeTime) {
  const std::unique_ptr<SluiceMetrics> m = MakeMetrics();
  bool fail = false;
  ASSERT_TRUE(m->AddStoredBytesCollector([&]() -> Result<std::vector<SluiceMetrics::StoredBytes>> {
                 if (fail) return Unavailable("database is locked");
                 return std::vector<SluiceMetrics::StoredBytes>{{"ml", "confidential", 1024},
                                                                {"bi", "public", 7}};
               }).ok());
  ASSERT_TRUE(m->AddCopiesCollector([]() -> Result<std::vector<SluiceMetrics::Copies>> {
                 return std::vector<SluiceMetrics::Copies>{{"dev", 3, 1}, {"prod", 9, 0}};
               }).ok());
  std::string text = m->registry.Render();
  EXPECT_TRUE(
      Contains(text,
               "# TYPE sluice_stored_bytes gauge\n"
               "sluice_stored_bytes{domain=\"bi\",classification=\"public\"} 7\n"
               "sluice_stored_bytes{domain=\"ml\",classification=\"confidential\"} 1024\n"));
  EXPECT_TRUE(Contains(text,
                       "sluice_copies{environment=\"dev\"} 3\n"
                       "sluice_copies{environment=\"prod\"} 9\n"));
  EXPECT_TRUE(Contains(text,
                       "sluice_copies_expiring_24h{environment=\"dev\"} 1\n"
                       "sluice_copies_expiring_24h{environment=\"prod\"} 0\n"));

  fail = true;
  text = m->registry.Render();
  EXPECT_TRUE(Contains(text, "# TYPE sluice_stored_bytes gauge\n"));
  EXPECT_FALSE(Contains(text, "sluice_stored_bytes{"));

  EXPECT_EQ(m->AddCopiesCollector([]() -> Result<std::vector<SluiceMetrics::Copies>> {
               return std::vector<SluiceMetrics::Copies>{};
             }).code(),
            StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace sluice::metrics
