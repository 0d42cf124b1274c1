// The routes of /api/v1. Each handler only translates: parse the request,
// call one service function, render the result. No handler touches a store.
#include "common/version.h"
#include "http/problem.h"
#include "metrics/exposition.h"
#include "server/api.h"
#include "server/json_codec.h"
#include "server/reply.h"

namespace sluice::server {
namespace {

using http::Access;
using http::PathParams;
using http::Request;
using http::Response;

Response Health(ApiContext&, const Request&, const PathParams&) {
  return Json(200, {{"status", "ok"}, {"version", kVersion}});
}

Response WhoAmI(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.WhoAmI(ctx.caller), 200, PrincipalToJson);
}

Response ListEnvironments(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.ListEnvironments(ctx.caller), 200, [](const auto& envs) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : envs) list.push_back(EnvironmentToJson(e));
    return nlohmann::json{{"environments", list}};
  });
}

Response CreatePrincipal(ApiContext& ctx, const Request& req, const PathParams&) {
  Result<nlohmann::json> body = ParseJsonObject(req.body);
  if (!body.ok()) return Error(ctx, body.status());
  Result<service::NewPrincipal> request = ParseNewPrincipal(*body);
  if (!request.ok()) return Error(ctx, request.status());
  return Reply(ctx, ctx.service.CreatePrincipal(ctx.caller, std::move(request).value()), 201,
               PrincipalToJson);
}

Response ListPrincipals(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.ListPrincipals(ctx.caller), 200, [](const auto& principals) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : principals) list.push_back(PrincipalToJson(p));
    return nlohmann::json{{"principals", list}};
  });
}

Response GetPrincipal(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.GetPrincipal(ctx.caller, params.at("name")), 200, PrincipalToJson);
}

Response DeletePrincipal(ApiContext& ctx, const Request&, const PathParams& params) {
  Status status = ctx.service.DeletePrincipal(ctx.caller, params.at("name"));
  return status.ok() ? NoContent() : Error(ctx, status);
}

Response CreateToken(ApiContext& ctx, const Request& req, const PathParams& params) {
  std::optional<std::chrono::seconds> ttl;
  if (!req.body.empty()) {
    Result<nlohmann::json> body = ParseJsonObject(req.body);
    if (!body.ok()) return Error(ctx, body.status());
    Result<std::optional<std::chrono::seconds>> parsed = ParseTokenRequest(*body);
    if (!parsed.ok()) return Error(ctx, parsed.status());
    ttl = *parsed;
  }
  return Reply(ctx, ctx.service.CreateToken(ctx.caller, params.at("name"), ttl), 201,
               IssuedTokenToJson);
}

Response RevokeToken(ApiContext& ctx, const Request&, const PathParams& params) {
  Status status = ctx.service.RevokeToken(ctx.caller, params.at("id"));
  return status.ok() ? NoContent() : Error(ctx, status);
}

// Prometheus scrapes /metrics (its default path) with a service token that
// holds the monitoring role; the scrape is authorized and recorded.
Response Metrics(ApiContext& ctx, const Request&, const PathParams&) {
  Result<std::string> text = ctx.service.ReadMetrics(ctx.caller);
  if (!text.ok()) return Error(ctx, text.status());
  Response r;
  r.status = 200;
  r.content_type = metrics::kContentType;
  r.body = std::move(*text);
  return r;
}

}  // namespace

ApiRouter MakeApiRouter() {
  ApiRouter r;
  r.Add({"GET", "/api/v1/health", Access::kPublic, Health});
  r.Add({"GET", "/api/v1/whoami", Access::kAuthenticated, WhoAmI});
  r.Add({"GET", "/metrics", Access::kAuthenticated, Metrics});
  r.Add({"GET", "/api/v1/environments", Access::kAuthenticated, ListEnvironments});
  r.Add({"POST", "/api/v1/principals", Access::kAuthenticated, CreatePrincipal});
  r.Add({"GET", "/api/v1/principals", Access::kAuthenticated, ListPrincipals});
  r.Add({"GET", "/api/v1/principals/{name}", Access::kAuthenticated, GetPrincipal});
  r.Add({"DELETE", "/api/v1/principals/{name}", Access::kAuthenticated, DeletePrincipal});
  r.Add({"POST", "/api/v1/principals/{name}/tokens", Access::kAuthenticated, CreateToken});
  r.Add({"DELETE", "/api/v1/tokens/{id}", Access::kAuthenticated, RevokeToken});
  AddCatalogRoutes(r);
  AddAuditRoutes(r);
  AddControlRoutes(r);
  AddPromotionRoutes(r);
  AddDeclassificationRoutes(r);
  AddReleaseRoutes(r);
  return r;
}

}  // namespace sluice::server
