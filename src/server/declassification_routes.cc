// Declassification under /api/v1/declassifications (docs/declassification.md).
#include "common/clock.h"
#include "server/api.h"
#include "server/json_codec.h"
#include "server/reply.h"

namespace sluice::server {
namespace {

using http::Access;
using http::PathParams;
using http::Request;
using http::Response;

nlohmann::json ToJson(const service::Service& service, const store::DeclassificationRecord& r) {
  nlohmann::json decisions = nlohmann::json::array();
  int approvals = 0;
  for (const auto& d : r.decisions) {
    approvals += d.approve;
    decisions.push_back({{"approver", d.approver},
                         {"decision", d.approve ? "approve" : "reject"},
                         {"comment", d.comment},
                         {"time", FormatRfc3339Millis(d.time_ms)}});
  }
  return {
      {"id", r.id},
      {"version", r.version},
      {"environment", r.environment},
      {"labels", r.labels},
      {"justification", r.justification},
      {"requester", r.requester},
      {"state", r.state},
      {"approvals", {{"current", approvals}, {"needed", service.ApprovalsNeeded(r.environment)}}},
      {"decisions", std::move(decisions)},
      {"created", FormatRfc3339Millis(r.created_ms)},
      {"updated", FormatRfc3339Millis(r.updated_ms)}};
}

auto One(ApiContext& ctx) {
  return [&ctx](const store::DeclassificationRecord& r) { return ToJson(ctx.service, r); };
}

Response RequestDeclassification(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_BODY(body, req, "ref", "labels", "why");
  SLUICE_ASSIGN_OR_REPLY(ref, RequiredString(body, "ref"));
  SLUICE_ASSIGN_OR_REPLY(why, RequiredString(body, "why"));
  SLUICE_ASSIGN_OR_REPLY(labels, StringList(body, "labels", true));
  return Reply(ctx, ctx.service.RequestDeclassification(ctx.caller, ref, labels, why), 201,
               One(ctx));
}

Response Decide(ApiContext& ctx, const Request& req, const PathParams& params, bool approve) {
  std::string comment;
  if (!req.body.empty()) {
    SLUICE_BODY(body, req, "comment");
    comment = OptionalString(body, "comment");
  }
  return Reply(ctx,
               ctx.service.DecideDeclassification(ctx.caller, params.at("id"), approve, comment),
               200, One(ctx));
}

Response Approve(ApiContext& ctx, const Request& req, const PathParams& params) {
  return Decide(ctx, req, params, true);
}

Response Reject(ApiContext& ctx, const Request& req, const PathParams& params) {
  return Decide(ctx, req, params, false);
}

Response Show(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.GetDeclassification(ctx.caller, params.at("id")), 200, One(ctx));
}

Response List(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.ListDeclassifications(ctx.caller), 200,
               [&ctx](const std::vector<store::DeclassificationRecord>& list) {
                 nlohmann::json a = nlohmann::json::array();
                 for (const auto& r : list) a.push_back(ToJson(ctx.service, r));
                 return nlohmann::json{{"declassifications", a}};
               });
}

}  // namespace

void AddDeclassificationRoutes(ApiRouter& r) {
  constexpr auto kAuth = Access::kAuthenticated;
  r.Add({"POST", "/api/v1/declassifications", kAuth, RequestDeclassification});
  r.Add({"GET", "/api/v1/declassifications", kAuth, List});
  r.Add({"GET", "/api/v1/declassifications/{id}", kAuth, Show});
  r.Add({"POST", "/api/v1/declassifications/{id}/approve", kAuth, Approve});
  r.Add({"POST", "/api/v1/declassifications/{id}/reject", kAuth, Reject});
}

}  // namespace sluice::server
