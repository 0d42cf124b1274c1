// The audit log's routes under /api/v1/audit (action audit.read).
#include <charconv>
#include <map>

#include "audit/ocsf.h"
#include "auditlog/hash.h"
#include "common/version.h"
#include "server/api.h"
#include "server/audit_json.h"
#include "server/query_params.h"
#include "server/reply.h"

namespace sluice::server {
namespace {

using http::Access;
using http::PathParams;
using http::Request;
using http::Response;

Response Events(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(q, Query(req));
  service::AuditQuery query;
  SLUICE_ASSIGN_OR_REPLY(after, Number(q, "after", -1));
  SLUICE_ASSIGN_OR_REPLY(limit, Number(q, "limit", 100));
  query.after = q.contains("after") ? after : -1;
  query.limit = static_cast<std::uint64_t>(limit);
  query.principal = Text(q, "principal");
  query.action = Text(q, "action");
  query.environment = Text(q, "environment");
  query.decision = Text(q, "decision");
  if (q.contains("since")) {
    SLUICE_ASSIGN_OR_REPLY(since, Number(q, "since", 0));
    query.since_ms = since;
  }
  if (q.contains("until")) {
    SLUICE_ASSIGN_OR_REPLY(until, Number(q, "until", 0));
    query.until_ms = until;
  }
  const std::string format = Text(q, "format").empty() ? "sluice" : Text(q, "format");
  if (format != "sluice" && format != "ocsf") {
    return Error(ctx, InvalidArgument("format must be sluice or ocsf"));
  }
  return Reply(ctx, ctx.service.QueryAudit(ctx.caller, query), 200,
               [&](const service::AuditPage& page) {
                 nlohmann::json events = nlohmann::json::array();
                 for (const auto& e : page.events) {
                   events.push_back(format == "ocsf" ? audit::ToOcsf(e.event, e.seq, kVersion)
                                                     : StoredEventToJson(e));
                 }
                 return nlohmann::json{
                     {"events", events},
                     {"next", page.next < 0 ? nlohmann::json() : nlohmann::json(page.next)}};
               });
}

Response Checkpoint(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(
      ctx, ctx.service.LatestCheckpoint(ctx.caller), 200, [](const auditlog::SignedCheckpoint& cp) {
        return nlohmann::json{
            {"size", cp.size}, {"root", auditlog::HashHex(cp.root)}, {"checkpoint", cp.text}};
      });
}

Response Proof(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(q, Query(req));
  SLUICE_ASSIGN_OR_REPLY(seq, Number(q, "seq", -1));
  if (seq < 0) return Error(ctx, InvalidArgument("\"seq\" is required"));
  SLUICE_ASSIGN_OR_REPLY(size, Number(q, "size", 0));
  return Reply(ctx,
               ctx.service.ProveInclusion(ctx.caller, static_cast<std::uint64_t>(seq),
                                          static_cast<std::uint64_t>(size)),
               200, InclusionProofToJson);
}

Response Consistency(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(q, Query(req));
  SLUICE_ASSIGN_OR_REPLY(old_size, Number(q, "old", -1));
  SLUICE_ASSIGN_OR_REPLY(new_size, Number(q, "new", -1));
  if (old_size < 0 || new_size < 0) {
    return Error(ctx, InvalidArgument("\"old\" and \"new\" sizes are required"));
  }
  return Reply(ctx,
               ctx.service.ProveConsistency(ctx.caller, static_cast<std::uint64_t>(old_size),
                                            static_cast<std::uint64_t>(new_size)),
               200, [&](const std::vector<auditlog::Hash>& path) {
                 nlohmann::json hashes = nlohmann::json::array();
                 for (const auto& h : path) hashes.push_back(auditlog::HashHex(h));
                 return nlohmann::json{{"old", old_size}, {"new", new_size}, {"path", hashes}};
               });
}

Response PublicKey(ApiContext& ctx, const Request&, const PathParams&) {
  Result<std::string> pem = ctx.service.AuditPublicKey(ctx.caller);
  if (!pem.ok()) return Error(ctx, pem.status());
  Response r;
  r.status = 200;
  r.content_type = "application/x-pem-file";
  r.body = std::move(pem).value();
  return r;
}

Response Verify(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.VerifyAudit(ctx.caller), 200, VerifyReportToJson);
}

}  // namespace

void AddAuditRoutes(ApiRouter& r) {
  constexpr auto kAuth = Access::kAuthenticated;
  r.Add({"GET", "/api/v1/audit/events", kAuth, Events});
  r.Add({"GET", "/api/v1/audit/checkpoint", kAuth, Checkpoint});
  r.Add({"GET", "/api/v1/audit/proof", kAuth, Proof});
  r.Add({"GET", "/api/v1/audit/consistency", kAuth, Consistency});
  r.Add({"GET", "/api/v1/audit/public-key", kAuth, PublicKey});
  r.Add({"POST", "/api/v1/audit/verify", kAuth, Verify});
}

}  // namespace sluice::server
