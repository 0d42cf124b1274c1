// Controls under /api/v1: just-in-time sessions and versioned policies
// (docs/api.md, docs/policies.md).
#include <algorithm>

#include "alert/alert.h"
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
  return Reply(
      ctx,
      ctx.service.ListSessions(ctx.caller, Text(q, "all") == "true", Text(q, "ended") == "true"),
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
  const std::string comment = body.contains("comment") && body["comment"].is_string()
                                  ? body["comment"].get<std::string>()
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

nlohmann::json BreakGlassToJson(const store::BreakGlassRecord& r) {
  nlohmann::json approvals = nlohmann::json::array();
  for (const auto& a : r.approvals) {
    approvals.push_back({{"approver", a.approver},
                         {"approved", FormatRfc3339Millis(a.approved_ms)},
                         {"comment", a.comment}});
  }
  return {{"id", r.id},
          {"requester", r.requester},
          {"environment", r.environment},
          {"reason", r.reason},
          {"ttl_s", r.ttl_s},
          {"created", FormatRfc3339Millis(r.created_ms)},
          {"approvals", approvals},
          {"state", !r.session_id.empty()     ? "opened"
                    : r.approvals.size() >= 2 ? "approved"
                                              : "pending"}};
}

Response RequestBreakGlass(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
  if (!body.contains("environment") || !body["environment"].is_string() ||
      !body.contains("reason") || !body["reason"].is_string()) {
    return Error(ctx, InvalidArgument("break-glass needs \"environment\" and \"reason\" strings"));
  }
  std::optional<std::chrono::seconds> ttl;
  if (body.contains("ttl")) {
    if (!body["ttl"].is_string()) return Error(ctx, InvalidArgument("\"ttl\" is a duration: 1h"));
    ttl = ParseDuration(body["ttl"].get<std::string>());
    if (!ttl) return Error(ctx, InvalidArgument("\"ttl\" is a duration such as 30m or 1h"));
  }
  return Reply(ctx,
               ctx.service.RequestBreakGlass(ctx.caller, body["environment"].get<std::string>(),
                                             body["reason"].get<std::string>(), ttl),
               201, BreakGlassToJson);
}

Response ApproveBreakGlass(ApiContext& ctx, const Request& req, const PathParams& params) {
  std::string comment;
  if (!req.body.empty()) {
    SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
    if (body.contains("comment") && body["comment"].is_string()) {
      comment = body["comment"].get<std::string>();
    }
  }
  return Reply(ctx, ctx.service.ApproveBreakGlass(ctx.caller, params.at("id"), comment), 200,
               BreakGlassToJson);
}

Response OpenBreakGlass(ApiContext& ctx, const Request&, const PathParams& params) {
  return Reply(ctx, ctx.service.OpenBreakGlass(ctx.caller, params.at("id")), 201,
               [](const service::OpenedSession& s) {
                 nlohmann::json j = SessionToJson(s.record);
                 j["token"] = s.token;
                 return j;
               });
}

Response ListBreakGlass(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.ListBreakGlass(ctx.caller), 200,
               [](const std::vector<store::BreakGlassRecord>& list) {
                 nlohmann::json a = nlohmann::json::array();
                 for (const auto& r : list) a.push_back(BreakGlassToJson(r));
                 return nlohmann::json{{"requests", a}};
               });
}

Response ListAlerts(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_ASSIGN_OR_REPLY(q, Query(req));
  SLUICE_ASSIGN_OR_REPLY(limit, Number(q, "limit", 100));
  return Reply(ctx,
               ctx.service.ListAlerts(ctx.caller, Text(q, "state"),
                                      static_cast<int>(std::min<std::int64_t>(limit, 100000))),
               200, [](const std::vector<alert::Alert>& alerts) {
                 nlohmann::json a = nlohmann::json::array();
                 for (const auto& al : alerts) a.push_back(alert::AlertToJson(al));
                 return nlohmann::json{{"alerts", a}};
               });
}

Response AcknowledgeAlert(ApiContext& ctx, const Request& req, const PathParams& params) {
  std::string comment;
  if (!req.body.empty()) {
    SLUICE_ASSIGN_OR_REPLY(body, ParseJsonObject(req.body));
    if (body.contains("comment") && body["comment"].is_string()) {
      comment = body["comment"].get<std::string>();
    }
  }
  return Reply(ctx, ctx.service.AcknowledgeAlert(ctx.caller, params.at("id"), comment), 200,
               alert::AlertToJson);
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
  r.Add({"GET", "/api/v1/alerts", kAuth, ListAlerts});
  r.Add({"POST", "/api/v1/breakglass", kAuth, RequestBreakGlass});
  r.Add({"GET", "/api/v1/breakglass", kAuth, ListBreakGlass});
  r.Add({"POST", "/api/v1/breakglass/{id}/approve", kAuth, ApproveBreakGlass});
  r.Add({"POST", "/api/v1/breakglass/{id}/open", kAuth, OpenBreakGlass});
  r.Add({"POST", "/api/v1/alerts/{id}/ack", kAuth, AcknowledgeAlert});
}

}  // namespace sluice::server
