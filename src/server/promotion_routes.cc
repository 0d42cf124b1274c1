// Promotion up the ladder under /api/v1/promotions (docs/promotion.md).
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

nlohmann::json PromotionToJson(const store::PromotionRecord& p) {
  nlohmann::json decisions = nlohmann::json::array();
  for (const auto& d : p.decisions) {
    decisions.push_back({{"approver", d.approver},
                         {"decision", d.approve ? "approve" : "reject"},
                         {"content_hash", d.content_hash},
                         {"current", d.content_hash == p.content_hash},
                         {"comment", d.comment},
                         {"time", FormatRfc3339Millis(d.decided_ms)}});
  }
  return {{"id", p.id},
          {"state", p.state},
          {"from", p.from},
          {"to", p.to},
          {"versions", p.versions},
          {"content_hash", p.content_hash},
          {"justification", p.justification},
          {"requester", p.requester},
          {"created", FormatRfc3339Millis(p.created_ms)},
          {"updated", FormatRfc3339Millis(p.updated_ms)},
          {"promoted", p.promoted},
          {"message", p.message},
          {"decisions", decisions}};
}

Response RequestPromotion(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
  if (!body.contains("refs") || !body["refs"].is_array() || !body.contains("to") ||
      !body["to"].is_string() || !body.contains("why") || !body["why"].is_string()) {
    return Error(ctx, InvalidArgument("a promotion needs \"refs\" (strings), \"to\" and \"why\""));
  }
  std::vector<std::string> refs;
  for (const auto& r : body["refs"]) {
    if (!r.is_string()) return Error(ctx, InvalidArgument("each ref is a string"));
    refs.push_back(r.get<std::string>());
  }
  return Reply(ctx,
               ctx.service.RequestPromotion(ctx.caller, refs, body["to"].get<std::string>(),
                                            body["why"].get<std::string>()),
               201, PromotionToJson);
}

Response Decide(ApiContext& ctx, const Request& req, const PathParams& params, bool approve) {
  std::string comment;
  if (!req.body.empty()) {
    SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
    if (body.contains("comment") && body["comment"].is_string()) {
      comment = body["comment"].get<std::string>();
    }
  }
  return Reply(ctx, ctx.service.DecidePromotion(ctx.caller, params.at("id"), approve, comment), 200,
               PromotionToJson);
}

Response Approve(ApiContext& ctx, const Request& req, const PathParams& params) {
  return Decide(ctx, req, params, true);
}

Response Reject(ApiContext& ctx, const Request& req, const PathParams& params) {
  return Decide(ctx, req, params, false);
}

Response Run(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.RunPromotion(ctx.caller, params.at("id")), 200, PromotionToJson);
}

Response Cancel(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.CancelPromotion(ctx.caller, params.at("id")), 200, PromotionToJson);
}

Response Show(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.GetPromotion(ctx.caller, params.at("id")), 200, PromotionToJson);
}

Response List(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.ListPromotions(ctx.caller), 200,
               [](const std::vector<store::PromotionRecord>& list) {
                 nlohmann::json a = nlohmann::json::array();
                 for (const auto& p : list) a.push_back(PromotionToJson(p));
                 return nlohmann::json{{"promotions", a}};
               });
}

}  // namespace

void AddPromotionRoutes(ApiRouter& r) {
  constexpr auto kAuth = Access::kAuthenticated;
  r.Add({"POST", "/api/v1/promotions", kAuth, RequestPromotion});
  r.Add({"GET", "/api/v1/promotions", kAuth, List});
  r.Add({"GET", "/api/v1/promotions/{id}", kAuth, Show});
  r.Add({"POST", "/api/v1/promotions/{id}/approve", kAuth, Approve});
  r.Add({"POST", "/api/v1/promotions/{id}/reject", kAuth, Reject});
  r.Add({"POST", "/api/v1/promotions/{id}/run", kAuth, Run});
  r.Add({"POST", "/api/v1/promotions/{id}/cancel", kAuth, Cancel});
}

}  // namespace sluice::server
