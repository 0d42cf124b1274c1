// The audit log's use cases. Reading the log is itself authorized
// (audit.read: roles auditor and admin) and recorded, like any other action.
#include "auditlog/canonical.h"
#include "auditlog/merkle.h"
#include "service/actions.h"
#include "service/door.h"

namespace sluice::service {
namespace {

bool Matches(const AuditQuery& q, const audit::Event& e) {
  if (!q.principal.empty() && e.principal != q.principal) return false;
  if (!q.action.empty() && e.action != q.action) return false;
  if (!q.environment.empty() && e.environment != q.environment) return false;
  if (!q.decision.empty() && (e.allowed ? "allow" : "deny") != q.decision) return false;
  if (q.since_ms && e.time_ms < *q.since_ms) return false;
  if (q.until_ms && e.time_ms >= *q.until_ms) return false;
  return true;
}

auditlog::EventFilter IndexFilter(const AuditQuery& q) {
  auditlog::EventFilter f;
  f.principal = q.principal;
  f.action = q.action;
  f.environment = q.environment;
  if (!q.decision.empty()) f.allowed = q.decision == "allow";
  return f;
}

}  // namespace

Result<auditlog::AuditLog*> Service::RequireAuditLog() const {
  if (audit_log_ == nullptr) return FailedPrecondition("this server has no audit log to read");
  return audit_log_;
}

Result<AuditPage> Service::QueryAudit(const Caller& caller, const AuditQuery& query) {
  SLUICE_ASSIGN_OR_RETURN(auditlog::AuditLog * log, RequireAuditLog());
  if (query.limit == 0 || query.limit > 10000) return InvalidArgument("limit must be 1..10000");
  if (!query.decision.empty() && query.decision != "allow" && query.decision != "deny") {
    return InvalidArgument("decision must be allow or deny");
  }
  return Door(caller, actions::kReadAudit, {"AuditLog", platform_.name},
              [&](nlohmann::json& details) -> Result<AuditPage> {
                AuditPage page;
                std::uint64_t from = static_cast<std::uint64_t>(query.after + 1);
                // The log is in time order (times are taken as events are
                // recorded), so a time range starts where a binary search
                // over single reads finds it, not at the beginning.
                if (query.since_ms && query.after < 0) {
                  std::uint64_t lo = 0, hi = log->size();
                  while (lo < hi) {
                    const std::uint64_t mid = lo + (hi - lo) / 2;
                    std::int64_t t = 0;
                    SLUICE_RETURN_IF_ERROR(log->ReadEvents(mid, 1, [&](const auto& e) {
                      t = e.event.time_ms;
                      return false;
                    }));
                    // Allow for events recorded slightly out of time order.
                    if (t < *query.since_ms - 60000)
                      lo = mid + 1;
                    else
                      hi = mid;
                  }
                  from = lo;
                }
                std::uint64_t scanned = 0, last = from;
                bool more = false;
                auto visit = [&](const auditlog::StoredEvent& e) {
                  ++scanned;
                  last = e.seq;
                  if (query.until_ms && e.event.time_ms >= *query.until_ms + 60000) {
                    return false;  // past the range, allowing for order slack
                  }
                  if (Matches(query, e.event)) page.events.push_back(e);
                  if (page.events.size() == query.limit) {
                    more = true;
                    return false;
                  }
                  return true;
                };
                const auditlog::EventFilter filter = IndexFilter(query);
                // With a principal, action, environment or decision, the
                // index yields only matching events; a time range alone
                // reads the log from where the time search started.
                const bool indexed = !filter.empty();
                if (indexed) {
                  SLUICE_RETURN_IF_ERROR(log->FindEvents(filter, from, kAuditScanLimit, visit));
                } else {
                  SLUICE_RETURN_IF_ERROR(log->ReadEvents(from, kAuditScanLimit, visit));
                }
                if (more || scanned == kAuditScanLimit) page.next = static_cast<std::int64_t>(last);
                details["indexed"] = indexed;
                details["returned"] = page.events.size();
                details["scanned"] = scanned;
                return page;
              });
}

Result<auditlog::SignedCheckpoint> Service::LatestCheckpoint(const Caller& caller) {
  SLUICE_ASSIGN_OR_RETURN(auditlog::AuditLog * log, RequireAuditLog());
  return Door(caller, actions::kReadAudit, {"AuditLog", platform_.name},
              [&](nlohmann::json& details) -> Result<auditlog::SignedCheckpoint> {
                auto cp = log->LatestCheckpoint();
                if (!cp) return Unavailable("no checkpoint yet; try again in a second");
                details["checkpoint_size"] = cp->size;
                return *cp;
              });
}

Result<InclusionProof> Service::ProveInclusion(const Caller& caller, std::uint64_t seq,
                                               std::uint64_t size) {
  SLUICE_ASSIGN_OR_RETURN(auditlog::AuditLog * log, RequireAuditLog());
  return Door(caller, actions::kReadAudit, {"AuditLog", platform_.name},
              [&](nlohmann::json& details) -> Result<InclusionProof> {
                InclusionProof p;
                p.seq = seq;
                auto cp = log->LatestCheckpoint();
                if (size == 0) {
                  if (!cp) return Unavailable("no checkpoint yet; try again in a second");
                  size = cp->size;
                }
                p.size = size;
                if (seq >= size) {
                  return InvalidArgument("event " + std::to_string(seq) +
                                         " is not in a tree of size " + std::to_string(size));
                }
                Status read = Status::Ok();
                SLUICE_RETURN_IF_ERROR(log->ReadEvents(seq, 1, [&](const auditlog::StoredEvent& e) {
                  auto line = auditlog::CanonicalEvent(e.event, e.seq, e.prev);
                  if (line.ok())
                    p.event = std::move(*line);
                  else
                    read = line.status();
                  return false;
                }));
                SLUICE_RETURN_IF_ERROR(read);
                SLUICE_ASSIGN_OR_RETURN(p.path, log->InclusionProof(seq, size));
                SLUICE_ASSIGN_OR_RETURN(p.root, log->RootAt(size));
                if (cp && cp->size == size) p.checkpoint = cp->text;
                details["seq"] = seq;
                details["size"] = size;
                return p;
              });
}

Result<std::vector<auditlog::Hash>> Service::ProveConsistency(const Caller& caller,
                                                              std::uint64_t old_size,
                                                              std::uint64_t new_size) {
  SLUICE_ASSIGN_OR_RETURN(auditlog::AuditLog * log, RequireAuditLog());
  return Door(caller, actions::kReadAudit, {"AuditLog", platform_.name},
              [&](nlohmann::json& details) -> Result<std::vector<auditlog::Hash>> {
                details["old_size"] = old_size;
                details["new_size"] = new_size;
                return log->ConsistencyProof(old_size, new_size);
              });
}

Result<std::string> Service::AuditPublicKey(const Caller& caller) {
  SLUICE_ASSIGN_OR_RETURN(auditlog::AuditLog * log, RequireAuditLog());
  return Door(caller, actions::kReadAudit, {"AuditLog", platform_.name},
              [&](nlohmann::json&) -> Result<std::string> { return log->verifying_key().Pem(); });
}

Result<auditlog::VerifyReport> Service::VerifyAudit(const Caller& caller) {
  SLUICE_ASSIGN_OR_RETURN(auditlog::AuditLog * log, RequireAuditLog());
  return Door(caller, actions::kReadAudit, {"AuditLog", platform_.name},
              [&](nlohmann::json& details) -> Result<auditlog::VerifyReport> {
                auditlog::VerifyOptions options;
                options.dir = log->dir();
                options.external_checkpoint_dir = log->external_checkpoint_dir();
                options.origin = log->origin();
                SLUICE_ASSIGN_OR_RETURN(auto report,
                                        auditlog::VerifyAuditDir(options, log->verifying_key()));
                details["check"] = "verify";
                details["ok"] = report.ok();
                details["events"] = report.events;
                details["problems"] = report.problems.size();
                return report;
              });
}

}  // namespace sluice::service
