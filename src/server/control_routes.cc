// Controls under /api/v1: just-in-time sessions and versioned policies
// (docs/api.md, docs/policies.md).
#include "common/clock.h"
#include "common/duration.h"
#include "server/api.h"
#include "server/json_codec.h"
#include "server/query_params.h"
#include "server/reply.h"

namespace sluice::server {
namespace {

using http::Access;
using http::PathParams;
using http::Request;
using http::Response;

nlohmann::json SessionToJson(const store::SessionRecord& s) {
  nlohmann::json j = {{"id", s.id},
                      {"principal", s.principal},
                      {"environment", s.environment},
                      {"purpose", s.purpose},
                      {"created", FormatRfc3339Millis(s.created_ms)},
                      {"expires", FormatRfc3339Millis(s.expires_ms)},
                      {"break_glass", s.break_glass},
                      {"open", s.open_at(NowMillis())}};
  if (s.closed_ms) j["closed"] = FormatRfc3339Millis(*s.closed_ms);
  return j;
}

nlohmann::json PolicyVersionToJson(const store::PolicyVersion& v, bool with_text) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : v.files) {
    nlohmann::json file = {{"name", f.name}, {"bytes", f.text.size()}};
    if (with_text) file["text"] = f.text;
    files.push_back(std::move(file));
  }
  return {{"version", v.version},
          {"author", v.author},
          {"created", FormatRfc3339Millis(v.created_ms)},
          {"comment", v.comment},
          {"files", files}};
}

Response OpenSession(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
  if (!body.contains("environment") || !body["environment"].is_string() ||
      !body.contains("purpose") || !body["purpose"].is_string()) {
    return Error(ctx, InvalidArgument("a session needs \"environment\" and \"purpose\" strings"));
  }
  std::optional<std::chrono::seconds> ttl;
  if (body.contains("ttl")) {
    if (!body["ttl"].is_string()) return Error(ctx, InvalidArgument("\"ttl\" is a duration: 4h"));
    ttl = ParseDuration(body["ttl"].get<std::string>());
    if (!ttl) return Error(ctx, InvalidArgument("\"ttl\" is a duration such as 30m or 4h"));
  }
  return Reply(ctx,
               ctx.service.OpenSession(ctx.caller, body["environment"].get<std::string>(),
                                       body["purpose"].get<std::string>(), ttl),
               201, [](const service::OpenedSession& s) {
                 nlohmann::json j = SessionToJson(s.record);
                 j["token"] = s.token;
                 return j;
               });
}

Response ListSessions(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(q, Query(req));
  return Reply(ctx,
               ctx.service.ListSessions(ctx.caller, Text(q, "all") == "true",
                                        Text(q, "ended") == "true"),
               200, [](const std::vector<store::SessionRecord>& sessions) {
                 nlohmann::json a = nlohmann::json::array();
                 for (const auto& s : sessions) a.push_back(SessionToJson(s));
                 return nlohmann::json{{"sessions", a}};
               });
}

Response CloseSession(ApiContext& ctx, const Request&, const PathParams& params) {
  Status status = ctx.service.CloseSession(ctx.caller, params.at("id"));
  return status.ok() ? NoContent() : Error(ctx, status);
}

Response PushPolicies(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
  if (!body.contains("files") || !body["files"].is_array()) {
    return Error(ctx, InvalidArgument("a push needs \"files\": [{\"name\", \"text\"}, ...]"));
  }
  std::vector<store::PolicyFile> files;
  for (const auto& f : body["files"]) {
    if (!f.is_object() || !f.contains("name") || !f["name"].is_string() || !f.contains("text") ||
        !f["text"].is_string()) {
      return Error(ctx, InvalidArgument("each file is {\"name\": string, \"text\": string}"));
    }
    files.push_back({f["name"].get<std::string>(), f["text"].get<std::string>()});
  }
  const std::string comment =
      body.contains("comment") && body["comment"].is_string() ? body["comment"].get<std::string>()
                                                              : "";
  return Reply(ctx, ctx.service.PushPolicies(ctx.caller, std::move(files), comment), 201,
               [](const store::PolicyVersion& v) { return PolicyVersionToJson(v, false); });
}

Response RollbackPolicies(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
  if (!body.contains("version") || !body["version"].is_number_integer()) {
    return Error(ctx, InvalidArgument("a rollback needs \"version\": the version to return to"));
  }
  return Reply(ctx, ctx.service.RollbackPolicies(ctx.caller, body["version"].get<std::int64_t>()),
               201, [](const store::PolicyVersion& v) { return PolicyVersionToJson(v, false); });
}

Response GetPolicies(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(q, Query(req));
  SLUICE_ASSIGN_OR_REPLY(version, Number(q, "version", 0));
  return Reply(ctx, ctx.service.GetPolicies(ctx.caller, version), 200,
               [](const store::PolicyVersion& v) { return PolicyVersionToJson(v, true); });
}

Response PolicyHistory(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.PolicyHistory(ctx.caller), 200,
               [](const std::vector<store::PolicyVersion>& versions) {
                 nlohmann::json a = nlohmann::json::array();
                 for (const auto& v : versions) a.push_back(PolicyVersionToJson(v, false));
                 return nlohmann::json{{"versions", a}};
               });
}

Response DiffPolicies(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(q, Query(req));
  SLUICE_ASSIGN_OR_REPLY(from, Number(q, "from", 0));
  SLUICE_ASSIGN_OR_REPLY(to, Number(q, "to", 0));
  return Reply(ctx, ctx.service.DiffPolicies(ctx.caller, from, to), 200,
               [](const service::PolicyDiff& d) {
                 return nlohmann::json{{"from", d.from}, {"to", d.to}, {"diff", d.text}};
               });
}

}  // namespace

void AddControlRoutes(ApiRouter& r) {
  constexpr auto kAuth = Access::kAuthenticated;
  r.Add({"POST", "/api/v1/sessions", kAuth, OpenSession});
  r.Add({"GET", "/api/v1/sessions", kAuth, ListSessions});
  r.Add({"DELETE", "/api/v1/sessions/{id}", kAuth, CloseSession});
  r.Add({"GET", "/api/v1/policies", kAuth, GetPolicies});
  r.Add({"POST", "/api/v1/policies", kAuth, PushPolicies});
  r.Add({"GET", "/api/v1/policies/history", kAuth, PolicyHistory});
  r.Add({"GET", "/api/v1/policies/diff", kAuth, DiffPolicies});
  r.Add({"POST", "/api/v1/policies/rollback", kAuth, RollbackPolicies});
}

}  // namespace sluice::server
