#include "metrics/sluice_metrics.h"

#include <array>
#include <utility>

namespace sluice::metrics {
namespace {

std::string_view MethodLabel(std::string_view method) {
  static constexpr std::array<std::string_view, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                               "PATCH", "DELETE", "OPTIONS"};
  for (const std::string_view known : kMethods) {
    if (method == known) return known;
  }
  return "other";
}

std::string_view DecisionLabel(bool allowed) {
  return allowed ? "allow" : "deny";
}

}  // namespace

Result<std::unique_ptr<SluiceMetrics>> SluiceMetrics::Make() {
  std::unique_ptr<SluiceMetrics> m(new SluiceMetrics());
  Registry& r = m->registry;
  SLUICE_ASSIGN_OR_RETURN(
      m->http_requests,
      r.AddCounter("sluice_http_requests_total", "HTTP requests answered, by route pattern.",
                   {"method", "route", "status"}));
  SLUICE_ASSIGN_OR_RETURN(
      m->http_request_duration,
      r.AddHistogram("sluice_http_request_duration_seconds",
                     "Time to answer an HTTP request, by route pattern.", {"method", "route"}));
  SLUICE_ASSIGN_OR_RETURN(m->authz_decisions,
                          r.AddCounter("sluice_authz_decisions_total", "Authorization decisions.",
                                       {"action", "decision"}));
  SLUICE_ASSIGN_OR_RETURN(
      m->authz_duration,
      r.AddHistogram("sluice_authz_duration_seconds", "Time to reach an authorization decision."));
  SLUICE_ASSIGN_OR_RETURN(
      m->audit_append_duration,
      r.AddHistogram("sluice_audit_append_duration_seconds",
                     "Time to append an event to the audit log (durably), failed appends too."));
  SLUICE_ASSIGN_OR_RETURN(m->audit_events,
                          r.AddCounter("sluice_audit_events_total",
                                       "Audit events recorded, by decision.", {"decision"}));
  SLUICE_ASSIGN_OR_RETURN(m->sessions_open,
                          r.AddGauge("sluice_sessions_open", "Just-in-time sessions open now."));
  SLUICE_ASSIGN_OR_RETURN(m->alerts_fired, r.AddCounter("sluice_alerts_fired_total",
                                                        "Alerts fired.", {"rule", "severity"}));
  SLUICE_ASSIGN_OR_RETURN(m->alerts_open,
                          r.AddGauge("sluice_alerts_open", "Alerts fired and not yet resolved."));
  return m;
}

void SluiceMetrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                                   double seconds) {
  const std::string_view method_label = MethodLabel(method);
  const std::string status_label =
      status >= 100 && status <= 599 ? std::to_string(status) : std::string("other");
  http_requests->With({method_label, route, status_label}).Inc();
  http_request_duration->With({method_label, route}).Observe(seconds);
}

void SluiceMetrics::ObserveDecision(std::string_view action, bool allowed, double seconds) {
  authz_decisions->With({action, DecisionLabel(allowed)}).Inc();
  authz_duration->With().Observe(seconds);
}

void SluiceMetrics::ObserveAuditAppend(double seconds, bool allowed, bool recorded) {
  audit_append_duration->With().Observe(seconds);
  if (recorded) audit_events->With({DecisionLabel(allowed)}).Inc();
}

void SluiceMetrics::ObserveAlertFired(std::string_view rule, std::string_view severity) {
  alerts_fired->With({rule, severity}).Inc();
}

Status SluiceMetrics::AddStoredBytesCollector(
    std::function<Result<std::vector<StoredBytes>>()> query) {
  if (!query) return InvalidArgument("stored bytes collector: no query");
  return registry.AddCollector({{"sluice_stored_bytes",
                                 "Bytes stored, by storage domain and data classification.",
                                 MetricType::kGauge,
                                 {"domain", "classification"}}},
                               [query = std::move(query)](CollectorSink& sink) {
                                 const Result<std::vector<StoredBytes>> rows = query();
                                 if (!rows.ok()) return;
                                 for (const StoredBytes& row : *rows) {
                                   sink.Emit("sluice_stored_bytes",
                                             {row.domain, row.classification},
                                             static_cast<double>(row.bytes));
                                 }
                               });
}

Status SluiceMetrics::AddCopiesCollector(std::function<Result<std::vector<Copies>>()> query) {
  if (!query) return InvalidArgument("copies collector: no query");
  return registry.AddCollector({{"sluice_copies",
                                 "Copies of data held, by environment.",
                                 MetricType::kGauge,
                                 {"environment"}},
                                {"sluice_copies_expiring_24h",
                                 "Copies whose retention ends within 24 hours, by environment.",
                                 MetricType::kGauge,
                                 {"environment"}}},
                               [query = std::move(query)](CollectorSink& sink) {
                                 const Result<std::vector<Copies>> rows = query();
                                 if (!rows.ok()) return;
                                 for (const Copies& row : *rows) {
                                   sink.Emit("sluice_copies", {row.environment},
                                             static_cast<double>(row.copies));
                                   sink.Emit("sluice_copies_expiring_24h", {row.environment},
                                             static_cast<double>(row.expiring_24h));
                                 }
                               });
}

}  // namespace sluice::metrics
