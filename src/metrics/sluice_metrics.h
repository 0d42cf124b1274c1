// SluiceMetrics: the metrics Sluice exposes, all created here, in one
// place, so that names, labels and buckets are reviewed together.
//
//   sluice_http_requests_total{method,route,status}            counter
//   sluice_http_request_duration_seconds{method,route}         histogram
//   sluice_authz_decisions_total{action,decision}              counter
//   sluice_authz_duration_seconds                              histogram
//   sluice_audit_append_duration_seconds                       histogram
//   sluice_audit_events_total{decision}                        counter
//   sluice_sessions_open                                       gauge
//   sluice_alerts_fired_total{rule,severity}                   counter
//   sluice_alerts_open                                         gauge
// and, computed at scrape time by collectors the server adds:
//   sluice_stored_bytes{domain,classification}                 gauge
//   sluice_copies{environment}                                 gauge
//   sluice_copies_expiring_24h{environment}                    gauge
//
// Labels are bounded by construction: `route` is the route PATTERN
// ("/api/v1/assets/{ref}", or kUnmatchedRoute), never the raw path; the
// method is one of the standard ones or "other"; decision is "allow" or
// "deny". Durations are in seconds, histograms use DefaultLatencyBuckets().
//
// Ownership: owns its Registry; the family pointers point into it.
// Thread-safety: all methods are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "metrics/registry.h"

namespace sluice::metrics {

struct SluiceMetrics {
  static Result<std::unique_ptr<SluiceMetrics>> Make();

  // The route label of a request that matched no route.
  static constexpr std::string_view kUnmatchedRoute = "unmatched";

  // Counts the request and observes its duration. `route` as above; `method`
  // outside GET HEAD POST PUT PATCH DELETE OPTIONS counts as "other".
  void ObserveRequest(std::string_view method, std::string_view route, int status, double seconds);
  // One authorization decision and how long it took.
  void ObserveDecision(std::string_view action, bool allowed, double seconds);
  // One audit append and how long it took; counted in
  // sluice_audit_events_total only when the event was `recorded`.
  void ObserveAuditAppend(double seconds, bool allowed, bool recorded = true);
  void ObserveAlertFired(std::string_view rule, std::string_view severity);

  // Rows for the scrape-time collectors below.
  struct StoredBytes {
    std::string domain;
    std::string classification;
    std::uint64_t bytes = 0;
  };
  struct Copies {
    std::string environment;
    std::uint64_t copies = 0;
    std::uint64_t expiring_24h = 0;  // copies whose retention ends within 24 hours
  };

  // Registers `query`, called at every scrape, for sluice_stored_bytes. When
  // it fails the scrape has no such samples (the caller logs why).
  // AlreadyExists if registered before.
  Status AddStoredBytesCollector(std::function<Result<std::vector<StoredBytes>>()> query);
  // The same for sluice_copies and sluice_copies_expiring_24h.
  Status AddCopiesCollector(std::function<Result<std::vector<Copies>>()> query);

  Registry registry;
  Counter* http_requests = nullptr;
  Histogram* http_request_duration = nullptr;
  Counter* authz_decisions = nullptr;
  Histogram* authz_duration = nullptr;
  Histogram* audit_append_duration = nullptr;
  Counter* audit_events = nullptr;
  Gauge* sessions_open = nullptr;
  Counter* alerts_fired = nullptr;
  Gauge* alerts_open = nullptr;

 private:
  SluiceMetrics() = default;
};

}  // namespace sluice::metrics
