// Infra release trains under /api/v1/releases and /api/v1/release-train
// (docs/promotion.md, "Infra release trains").
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

nlohmann::json ReleaseToJson(const store::ReleaseRecord& r) {
  return {{"name", r.name},
          {"components", r.components},
          {"creator", r.creator},
          {"justification", r.justification},
          {"created", FormatRfc3339Millis(r.created_ms)}};
}

nlohmann::json RollToJson(const store::ReleaseRoll& roll) {
  nlohmann::json placed = nlohmann::json::object();
  for (const auto& [env, ids] : roll.placed) placed[env] = ids;
  return {{"seq", roll.seq},           {"release", roll.release},
          {"runner", roll.runner},     {"rolled", FormatRfc3339Millis(roll.rolled_ms)},
          {"rollback", roll.rollback}, {"placed", placed}};
}

Response Create(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
  if (!body.contains("name") || !body["name"].is_string() || !body.contains("components") ||
      !body["components"].is_array() || !body.contains("why") || !body["why"].is_string()) {
    return Error(ctx,
                 InvalidArgument("a release needs \"name\", \"components\" (refs) and \"why\""));
  }
  std::vector<std::string> refs;
  for (const auto& r : body["components"]) {
    if (!r.is_string()) return Error(ctx, InvalidArgument("each component is a ref (a string)"));
    refs.push_back(r.get<std::string>());
  }
  return Reply(ctx,
               ctx.service.CreateRelease(ctx.caller, body["name"].get<std::string>(), refs,
                                         body["why"].get<std::string>()),
               201, ReleaseToJson);
}

Response List(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.ListReleases(ctx.caller), 200,
               [](const std::vector<store::ReleaseRecord>& list) {
                 nlohmann::json a = nlohmann::json::array();
                 for (const auto& r : list) a.push_back(ReleaseToJson(r));
                 return nlohmann::json{{"releases", a}};
               });
}

Response Promote(ApiContext& ctx, const Request& req, const PathParams& params) {
  std::string why;
  if (!req.body.empty()) {
    SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
    if (body.contains("why") && body["why"].is_string()) why = body["why"].get<std::string>();
  }
  Result<store::PromotionRecord> p = ctx.service.PromoteRelease(ctx.caller, params.at("name"), why);
  if (!p.ok()) return Error(ctx, p.status());
  // The promotion's own representation lives with the promotion routes.
  return Json(201, {{"id", p->id},
                    {"state", p->state},
                    {"from", p->from},
                    {"to", p->to},
                    {"release", p->release},
                    {"versions", p->versions},
                    {"message", p->message}});
}

Response Roll(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.RollRelease(ctx.caller, params.at("name"), false), 200, RollToJson);
}

Response RollBack(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.RollRelease(ctx.caller, "", true), 200, RollToJson);
}

Response TrainStatus(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(
      ctx, ctx.service.GetReleaseStatus(ctx.caller), 200, [](const service::ReleaseStatus& s) {
        nlohmann::json envs = nlohmann::json::array();
        for (const auto& e : s.environments) {
          nlohmann::json components = nlohmann::json::array();
          for (const auto& c : e.components) {
            components.push_back(
                {{"asset", c.asset}, {"version", c.version}, {"release", c.release}});
          }
          envs.push_back({{"name", e.name}, {"components", components}});
        }
        return nlohmann::json{
            {"latest_release", s.latest_release}, {"environments", envs}, {"drift", s.drift}};
      });
}

}  // namespace

void AddReleaseRoutes(ApiRouter& r) {
  constexpr auto kAuth = Access::kAuthenticated;
  r.Add({"POST", "/api/v1/releases", kAuth, Create});
  r.Add({"GET", "/api/v1/releases", kAuth, List});
  r.Add({"POST", "/api/v1/releases/{name}/promote", kAuth, Promote});
  r.Add({"POST", "/api/v1/releases/{name}/roll", kAuth, Roll});
  r.Add({"GET", "/api/v1/release-train", kAuth, TrainStatus});
  r.Add({"POST", "/api/v1/release-train/rollback", kAuth, RollBack});
}

}  // namespace sluice::server
