// Promotion up the ladder under /api/v1/promotions and /api/v1/rollbacks
// (docs/promotion.md).
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

nlohmann::json PromotionToJson(const service::Service& service, const store::PromotionRecord& p) {
  nlohmann::json decisions = nlohmann::json::array();
  int current = 0;
  for (const auto& d : p.decisions) {
    const bool is_current = d.content_hash == p.content_hash;
    current += d.approve && is_current;
    decisions.push_back({{"approver", d.approver},
                         {"decision", d.approve ? "approve" : "reject"},
                         {"content_hash", d.content_hash},
                         {"current", is_current},
                         {"comment", d.comment},
                         {"time", FormatRfc3339Millis(d.decided_ms)}});
  }
  nlohmann::json gates = nlohmann::json::parse(p.gates, nullptr, false);
  if (!gates.is_array()) gates = nlohmann::json::array();
  nlohmann::json j = {
      {"id", p.id},
      {"kind", p.kind},
      {"state", p.state},
      {"from", p.from},
      {"to", p.to},
      {"versions", p.versions},
      {"aliases", p.aliases},
      {"rollback", p.rollback},
      {"content_hash", p.content_hash},
      {"justification", p.justification},
      {"requester", p.requester},
      {"created", FormatRfc3339Millis(p.created_ms)},
      {"updated", FormatRfc3339Millis(p.updated_ms)},
      {"gates", gates},
      {"approvals", {{"current", current}, {"needed", service.ApprovalsNeeded(p.to)}}},
      {"promoted", p.promoted},
      {"runner", p.runner},
      {"attested", !p.attestation.empty()},
      {"message", p.message},
      {"decisions", decisions}};
  if (!p.release.empty()) j["release"] = p.release;
  return j;
}

// The reply formatter for one promotion.
auto OnePromotion(ApiContext& ctx) {
  return [&ctx](const store::PromotionRecord& p) { return PromotionToJson(ctx.service, p); };
}

Response RequestPromotion(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
  if (!body.contains("to") || !body["to"].is_string() || !body.contains("why") ||
      !body["why"].is_string()) {
    return Error(ctx, InvalidArgument("a promotion needs \"refs\" (strings), \"to\" and \"why\""));
  }
  service::PromotionAsk ask;
  SLUICE_ASSIGN_OR_REPLY(refs, StringList(body, "refs", true));
  SLUICE_ASSIGN_OR_REPLY(aliases, StringList(body, "aliases", false));
  ask.refs = std::move(refs);
  ask.aliases = std::move(aliases);
  ask.to = body["to"].get<std::string>();
  ask.justification = body["why"].get<std::string>();
  return Reply(ctx, ctx.service.RequestPromotion(ctx.caller, ask), 201, OnePromotion(ctx));
}

Response Amend(ApiContext& ctx, const Request& req, const PathParams& params) {
  SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
  SLUICE_ASSIGN_OR_REPLY(refs, StringList(body, "refs", true));
  return Reply(ctx, ctx.service.AmendPromotion(ctx.caller, params.at("id"), refs), 200,
               OnePromotion(ctx));
}

Response Rollback(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
  if (!body.contains("asset") || !body["asset"].is_string() || !body.contains("why") ||
      !body["why"].is_string()) {
    return Error(ctx,
                 InvalidArgument("a rollback needs \"asset\" (ENV/PROJECT/ASSET) and \"why\""));
  }
  return Reply(
      ctx,
      ctx.service.RequestRollback(ctx.caller, body["asset"].get<std::string>(),
                                  OptionalString(body, "alias"), body["why"].get<std::string>()),
      201, OnePromotion(ctx));
}

Response Attestation(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.GetAttestation(ctx.caller, params.at("id")), 200,
               [](const std::string& envelope) {
                 nlohmann::json j = nlohmann::json::parse(envelope, nullptr, false);
                 return j.is_discarded() ? nlohmann::json{{"envelope", envelope}} : j;
               });
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
               OnePromotion(ctx));
}

Response Approve(ApiContext& ctx, const Request& req, const PathParams& params) {
  return Decide(ctx, req, params, true);
}

Response Reject(ApiContext& ctx, const Request& req, const PathParams& params) {
  return Decide(ctx, req, params, false);
}

Response Run(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.RunPromotion(ctx.caller, params.at("id")), 200, OnePromotion(ctx));
}

Response Cancel(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.CancelPromotion(ctx.caller, params.at("id")), 200,
               OnePromotion(ctx));
}

Response Show(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.GetPromotion(ctx.caller, params.at("id")), 200, OnePromotion(ctx));
}

Response List(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.ListPromotions(ctx.caller), 200,
               [&ctx](const std::vector<store::PromotionRecord>& list) {
                 nlohmann::json a = nlohmann::json::array();
                 for (const auto& p : list) a.push_back(PromotionToJson(ctx.service, p));
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
  r.Add({"POST", "/api/v1/promotions/{id}/amend", kAuth, Amend});
  r.Add({"GET", "/api/v1/promotions/{id}/attestation", kAuth, Attestation});
  r.Add({"POST", "/api/v1/rollbacks", kAuth, Rollback});
}

}  // namespace sluice::server
