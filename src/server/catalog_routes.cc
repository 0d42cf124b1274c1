// The data catalog's routes under /api/v1. Each handler parses, calls one
// service function, renders. Chunk bodies are raw bytes
// (application/octet-stream); everything else is JSON. docs/api.md lists
// them with their bodies.
#include <charconv>
#include <map>

#include "common/clock.h"
#include "common/duration.h"
#include "server/api.h"
#include "server/json_codec.h"
#include "server/reply.h"

namespace sluice::server {
namespace {

using http::Access;
using http::PathParams;
using http::Request;
using http::Response;

std::map<std::string, std::string> Query(const Request& req) {
  std::map<std::string, std::string> q;
  http::ParseQuery(req.query, q);
  return q;
}

std::string Get(const std::map<std::string, std::string>& q, const std::string& key) {
  auto it = q.find(key);
  return it == q.end() ? std::string() : it->second;
}

std::string AddressOf(const PathParams& p) {
  return p.at("env") + "/" + p.at("project") + "/" + p.at("asset");
}

nlohmann::json ParseStoredJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

// The version document. "classification" is what the version is classified
// as now (declared, inherited, detected, less what was declassified);
// "declared" is what its push and its inputs said.
nlohmann::json VersionToJson(ApiContext& ctx, const store::VersionRecord& v) {
  nlohmann::json meta = ParseStoredJson(v.metadata);
  nlohmann::json manifest = ParseStoredJson(v.manifest);
  nlohmann::json j = {{"id", v.id},
                      {"ref", v.environment + "/" + v.project + "/" + v.asset + "@" + v.id},
                      {"environment", v.environment},
                      {"project", v.project},
                      {"asset", v.asset},
                      {"kind", v.kind},
                      {"domain", v.domain},
                      {"files", manifest.value("files", nlohmann::json::array())},
                      {"bytes", v.bytes},
                      {"tags", meta.value("tags", nlohmann::json::object())},
                      {"classification", ctx.service.CurrentClassification(v)},
                      {"declared", meta.value("classification", nlohmann::json::array())},
                      {"metrics", meta.value("metrics", nlohmann::json::object())},
                      {"params", meta.value("params", nlohmann::json::object())},
                      {"schema", meta.value("schema", nlohmann::json::object())},
                      {"inputs", v.inputs},
                      {"author", v.author},
                      {"created_ms", v.created_ms}};
  j["copy_of"] = v.copy_of.empty() ? nlohmann::json() : nlohmann::json(v.copy_of);
  j["expires_ms"] = v.expires_ms ? nlohmann::json(*v.expires_ms) : nlohmann::json();
  return j;
}

auto OneVersion(ApiContext& ctx) {
  return [&ctx](const store::VersionRecord& v) { return VersionToJson(ctx, v); };
}

nlohmann::json NodeToJson(const store::LineageNode& n) {
  return {{"id", n.id},
          {"ref", n.environment + "/" + n.project + "/" + n.asset + "@" + n.id},
          {"environment", n.environment},
          {"kind", n.kind},
          {"depth", n.depth},
          {"copy_of", n.copy_of.empty() ? nlohmann::json() : nlohmann::json(n.copy_of)}};
}

nlohmann::json PurgeToJson(const catalog::PurgeResult& r) {
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& n : r.versions) versions.push_back(NodeToJson(n));
  return {{"versions", versions},
          {"chunks_removed", r.chunks_removed},
          {"bytes_removed", r.bytes_removed}};
}

Result<std::uint64_t> OptionalCount(const nlohmann::json& body, const char* key) {
  if (!body.contains(key)) return std::uint64_t{0};
  if (!body[key].is_number_unsigned()) {
    return InvalidArgument(std::string("\"") + key + "\" must be a non-negative integer");
  }
  return body[key].get<std::uint64_t>();
}

Result<bool> OptionalBool(const nlohmann::json& body, const char* key) {
  if (!body.contains(key)) return false;
  if (!body[key].is_boolean())
    return InvalidArgument(std::string("\"") + key + "\" must be a boolean");
  return body[key].get<bool>();
}

Response CreateProject(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_BODY(body, req, "path", "quota_bytes");
  SLUICE_ASSIGN_OR_REPLY(path, RequiredString(body, "path"));
  SLUICE_ASSIGN_OR_REPLY(quota, OptionalCount(body, "quota_bytes"));
  return Reply(ctx, ctx.service.CreateProject(ctx.caller, path, quota), 201,
               [](const store::ProjectRecord& p) {
                 return nlohmann::json{{"environment", p.environment},
                                       {"name", p.name},
                                       {"created_by", p.created_by},
                                       {"created_ms", p.created_ms},
                                       {"quota_bytes", p.quota_bytes}};
               });
}

Response ListProjects(ApiContext& ctx, const Request& req, const PathParams&) {
  return Reply(ctx, ctx.service.ListProjects(ctx.caller, Get(Query(req), "environment")), 200,
               [](const auto& projects) {
                 nlohmann::json list = nlohmann::json::array();
                 for (const auto& p : projects) {
                   list.push_back({{"environment", p.environment},
                                   {"name", p.name},
                                   {"created_by", p.created_by},
                                   {"quota_bytes", p.quota_bytes}});
                 }
                 return nlohmann::json{{"projects", list}};
               });
}

Response SetQuota(ApiContext& ctx, const Request& req, const PathParams& p) {
  SLUICE_BODY(body, req, "quota_bytes");
  SLUICE_ASSIGN_OR_REPLY(quota, OptionalCount(body, "quota_bytes"));
  Status s = ctx.service.SetQuota(ctx.caller, p.at("env") + "/" + p.at("project"), quota);
  return s.ok() ? NoContent() : Error(ctx, s);
}

Response ListQuotas(ApiContext& ctx, const Request& req, const PathParams&) {
  return Reply(ctx, ctx.service.ListQuotas(ctx.caller, Get(Query(req), "environment")), 200,
               [](const auto& usage) {
                 nlohmann::json list = nlohmann::json::array();
                 for (const auto& u : usage) {
                   list.push_back({{"environment", u.environment},
                                   {"project", u.project},
                                   {"used_bytes", u.used_bytes},
                                   {"quota_bytes", u.quota_bytes}});
                 }
                 return nlohmann::json{{"quotas", list}};
               });
}

Response ListAssets(ApiContext& ctx, const Request& req, const PathParams&) {
  auto q = Query(req);
  return Reply(ctx, ctx.service.ListAssets(ctx.caller, Get(q, "environment"), Get(q, "project")),
               200, [](const auto& assets) {
                 nlohmann::json list = nlohmann::json::array();
                 for (const auto& a : assets) {
                   list.push_back({{"ref", a.environment + "/" + a.project + "/" + a.name},
                                   {"environment", a.environment},
                                   {"project", a.project},
                                   {"asset", a.name},
                                   {"kind", a.kind},
                                   {"latest", a.latest},
                                   {"versions", a.version_count}});
                 }
                 return nlohmann::json{{"assets", list}};
               });
}

Response MissingChunks(ApiContext& ctx, const Request& req, const PathParams& p) {
  SLUICE_BODY(body, req, "chunks");
  if (!body.contains("chunks") || !body["chunks"].is_array()) {
    return Error(ctx, InvalidArgument("\"chunks\" must be an array of chunk ids"));
  }
  std::vector<std::string> ids;
  for (const auto& id : body["chunks"]) {
    if (!id.is_string()) return Error(ctx, InvalidArgument("chunk ids must be strings"));
    ids.push_back(id.get<std::string>());
  }
  return Reply(ctx, ctx.service.MissingChunks(ctx.caller, AddressOf(p), ids), 200,
               [](const auto& missing) {
                 return nlohmann::json{{"missing", missing}};
               });
}

Response PutChunk(ApiContext& ctx, const Request& req, const PathParams& p) {
  Status s = ctx.service.PutChunk(ctx.caller, AddressOf(p), p.at("chunk"), req.body);
  return s.ok() ? NoContent() : Error(ctx, s);
}

Response CommitVersion(ApiContext& ctx, const Request& req, const PathParams& p) {
  SLUICE_BODY(body, req, "kind", "files", "tags", "metrics", "params", "inputs");
  catalog::PushRequest push;
  SLUICE_ASSIGN_OR_REPLY(address, catalog::ParseAddress(AddressOf(p)));
  push.address = address;
  if (body.contains("kind")) {
    SLUICE_ASSIGN_OR_REPLY(kind, RequiredString(body, "kind"));
    push.kind = kind;
  }
  SLUICE_ASSIGN_OR_REPLY(
      files,
      catalog::ManifestFromJson(nlohmann::json{{"files", body.value("files", nlohmann::json())}}));
  push.files = std::move(files);
  if (body.contains("tags")) {
    if (!body["tags"].is_object()) return Error(ctx, InvalidArgument("\"tags\" must be an object"));
    for (const auto& [k, v] : body["tags"].items()) {
      if (!v.is_string() || k.empty()) {
        return Error(ctx, InvalidArgument("tag \"" + k + "\" must have a string value"));
      }
      push.tags[k] = v.get<std::string>();
    }
  }
  if (body.contains("metrics")) push.metrics = body["metrics"];
  if (body.contains("params")) push.params = body["params"];
  if (body.contains("inputs")) {
    if (!body["inputs"].is_array())
      return Error(ctx, InvalidArgument("\"inputs\" must be an array"));
    for (const auto& in : body["inputs"]) {
      if (!in.is_string()) return Error(ctx, InvalidArgument("inputs must be refs (strings)"));
      push.inputs.push_back(in.get<std::string>());
    }
  }
  return Reply(ctx, ctx.service.CommitVersion(ctx.caller, push), 201, OneVersion(ctx));
}

Response Resolve(ApiContext& ctx, const Request& req, const PathParams&) {
  return Reply(ctx, ctx.service.ResolveRef(ctx.caller, Get(Query(req), "ref")), 200,
               OneVersion(ctx));
}

Response GetScan(ApiContext& ctx, const Request&, const PathParams& p) {
  return Reply(
      ctx, ctx.service.GetScan(ctx.caller, p.at("id")), 200, [](const store::ScanRecord& scan) {
        nlohmann::json report = nlohmann::json::parse(scan.report, nullptr, false);
        return nlohmann::json{{"version", scan.version},
                              {"state", scan.state},
                              {"classification", scan.classification},
                              {"report", report.is_discarded() ? nlohmann::json() : report},
                              {"updated", FormatRfc3339Millis(scan.updated_ms)}};
      });
}

Response GetVersion(ApiContext& ctx, const Request&, const PathParams& p) {
  return Reply(ctx, ctx.service.GetVersion(ctx.caller, p.at("id")), 200, OneVersion(ctx));
}

Response ReadChunk(ApiContext& ctx, const Request&, const PathParams& p) {
  Result<std::string> bytes = ctx.service.ReadChunk(ctx.caller, p.at("id"), p.at("chunk"));
  if (!bytes.ok()) return Error(ctx, bytes.status());
  Response r;
  r.status = 200;
  r.content_type = "application/octet-stream";
  r.body = std::move(bytes).value();
  return r;
}

nlohmann::json MaskedColumnsJson(const std::vector<service::MaskedColumn>& columns) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : columns) {
    out.push_back({{"file", m.file},
                   {"column", m.column},
                   {"labels", m.labels},
                   {"detector", m.detector},
                   {"method", platform::ToString(m.method)}});
  }
  return out;
}

Response PlanRead(ApiContext& ctx, const Request& req, const PathParams&) {
  return Reply(
      ctx, ctx.service.PlanRead(ctx.caller, Get(Query(req), "ref")), 200,
      [](const service::ReadPlan& plan) {
        nlohmann::json j = {{"mode", plan.mode},
                            {"reason", plan.reason},
                            {"masked", MaskedColumnsJson(plan.masked)},
                            {"version", nullptr}};
        if (plan.version) {
          const auto& v = *plan.version;
          j["version"] = {
              {"id", v.id},
              {"ref", v.environment + "/" + v.project + "/" + v.asset + "@" + v.id},
              {"files", ParseStoredJson(v.manifest).value("files", nlohmann::json::array())}};
        }
        return j;
      });
}

// One page of a masked file: the page's text, and in headers where the next
// page starts (absent at the end) and how many rows it holds.
Response ReadMasked(ApiContext& ctx, const Request& req, const PathParams& p) {
  const auto q = Query(req);
  const std::string file = Get(q, "file");
  if (file.empty()) {
    return Error(ctx, InvalidArgument("query parameter \"file\" is required (a path in the "
                                      "version)"));
  }
  Result<service::MaskedRead> read =
      ctx.service.ReadMasked(ctx.caller, p.at("id"), file, Get(q, "page"));
  if (!read.ok()) return Error(ctx, read.status());
  Response r;
  r.status = 200;
  r.content_type = file.ends_with(".jsonl") || file.ends_with(".ndjson")
                       ? "application/x-ndjson"
                       : "text/csv; charset=utf-8";
  // Column names are not echoed in headers (they are arbitrary file
  // content); the read plan lists them.
  r.headers.Set("Sluice-Rows", std::to_string(read->rows));
  r.headers.Set("Sluice-Bad-Rows", std::to_string(read->bad_rows));
  if (!read->next_page.empty()) r.headers.Set("Sluice-Next-Page", read->next_page);
  r.body = std::move(read->text);
  return r;
}

Response SetAlias(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_BODY(body, req, "ref", "name");
  SLUICE_ASSIGN_OR_REPLY(ref, RequiredString(body, "ref"));
  SLUICE_ASSIGN_OR_REPLY(name, RequiredString(body, "name"));
  return Reply(ctx, ctx.service.SetAlias(ctx.caller, ref, name), 200, OneVersion(ctx));
}

Response Copy(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_BODY(body, req, "source", "target", "ttl");
  SLUICE_ASSIGN_OR_REPLY(source, RequiredString(body, "source"));
  SLUICE_ASSIGN_OR_REPLY(target, RequiredString(body, "target"));
  std::optional<std::chrono::seconds> ttl;
  if (body.contains("ttl")) {
    SLUICE_ASSIGN_OR_REPLY(text, RequiredString(body, "ttl"));
    ttl = ParseDuration(text);
    if (!ttl) return Error(ctx, InvalidArgument("ttl \"" + text + "\" is not a duration like 7d"));
  }
  return Reply(ctx, ctx.service.Copy(ctx.caller, source, target, ttl), 201,
               [&ctx](const catalog::CopyResult& r) {
                 nlohmann::json j = VersionToJson(ctx, r.version);
                 j["bytes_copied"] = r.bytes_copied;
                 j["chunks_copied"] = r.chunks_copied;
                 return j;
               });
}

Response Lineage(ApiContext& ctx, const Request& req, const PathParams&) {
  auto q = Query(req);
  const std::string direction = Get(q, "direction").empty() ? "down" : Get(q, "direction");
  if (direction != "up" && direction != "down") {
    return Error(ctx, InvalidArgument("direction must be \"up\" or \"down\""));
  }
  int depth = 1 << 20;
  if (const std::string d = Get(q, "depth"); !d.empty()) {
    auto [end, ec] = std::from_chars(d.data(), d.data() + d.size(), depth);
    if (ec != std::errc() || end != d.data() + d.size() || depth < 0) {
      return Error(ctx, InvalidArgument("depth must be a non-negative integer"));
    }
  }
  return Reply(
      ctx, ctx.service.GetLineage(ctx.caller, Get(q, "ref"), direction == "up", depth), 200,
      [&](const catalog::Lineage& l) {
        nlohmann::json nodes = nlohmann::json::array();
        for (const auto& n : l.nodes) nodes.push_back(NodeToJson(n));
        nlohmann::json edges = nlohmann::json::array();
        for (const auto& e : l.edges) {
          edges.push_back({{"input", e.input}, {"version", e.version}});
        }
        return nlohmann::json{{"direction", direction}, {"versions", nodes}, {"edges", edges}};
      });
}

Response Purge(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_BODY(body, req, "ref", "cascade", "dry_run");
  SLUICE_ASSIGN_OR_REPLY(ref, RequiredString(body, "ref"));
  SLUICE_ASSIGN_OR_REPLY(cascade, OptionalBool(body, "cascade"));
  SLUICE_ASSIGN_OR_REPLY(dry_run, OptionalBool(body, "dry_run"));
  return Reply(ctx, ctx.service.Purge(ctx.caller, ref, cascade, dry_run), 200,
               [&](const catalog::PurgeResult& r) {
                 nlohmann::json j = PurgeToJson(r);
                 j["dry_run"] = dry_run;
                 return j;
               });
}

Response CollectGarbage(ApiContext& ctx, const Request& req, const PathParams&) {
  SLUICE_BODY(body, req, "dry_run");
  SLUICE_ASSIGN_OR_REPLY(dry_run, OptionalBool(body, "dry_run"));
  return Reply(ctx, ctx.service.CollectGarbage(ctx.caller, dry_run), 200,
               [&](const catalog::GcResult& r) {
                 return nlohmann::json{{"dry_run", dry_run},
                                       {"chunks_scanned", r.chunks_scanned},
                                       {"chunks_removed", r.chunks_removed},
                                       {"bytes_removed", r.bytes_removed},
                                       {"chunks_spared_recent", r.chunks_spared_recent}};
               });
}

Response Fsck(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.Fsck(ctx.caller), 200, [](const catalog::FsckReport& r) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : r.problems) {
      problems.push_back({{"domain", p.domain},
                          {"chunk", p.chunk.empty() ? nlohmann::json() : nlohmann::json(p.chunk)},
                          {"versions", p.versions},
                          {"message", p.message}});
    }
    return nlohmann::json{{"versions_checked", r.versions_checked},
                          {"chunks_checked", r.chunks_checked},
                          {"bytes_checked", r.bytes_checked},
                          {"problems", problems}};
  });
}

Response Sweep(ApiContext& ctx, const Request&, const PathParams&) {
  return Reply(ctx, ctx.service.SweepExpired(ctx.caller), 200, [](const auto& swept) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : swept) list.push_back(PurgeToJson(r));
    return nlohmann::json{{"swept", list}};
  });
}

}  // namespace

void AddCatalogRoutes(ApiRouter& r) {
  constexpr auto kAuth = Access::kAuthenticated;
  r.Add({"POST", "/api/v1/projects", kAuth, CreateProject});
  r.Add({"GET", "/api/v1/projects", kAuth, ListProjects});
  r.Add({"PUT", "/api/v1/projects/{env}/{project}/quota", kAuth, SetQuota});
  r.Add({"GET", "/api/v1/quotas", kAuth, ListQuotas});
  r.Add({"GET", "/api/v1/assets", kAuth, ListAssets});
  r.Add({"POST", "/api/v1/assets/{env}/{project}/{asset}/missing-chunks", kAuth, MissingChunks});
  r.Add({"PUT", "/api/v1/assets/{env}/{project}/{asset}/chunks/{chunk}", kAuth, PutChunk});
  r.Add({"POST", "/api/v1/assets/{env}/{project}/{asset}/versions", kAuth, CommitVersion});
  r.Add({"GET", "/api/v1/resolve", kAuth, Resolve});
  r.Add({"GET", "/api/v1/versions/{id}", kAuth, GetVersion});
  r.Add({"GET", "/api/v1/versions/{id}/chunks/{chunk}", kAuth, ReadChunk});
  r.Add({"GET", "/api/v1/versions/{id}/scan", kAuth, GetScan});
  r.Add({"GET", "/api/v1/read-plan", kAuth, PlanRead});
  r.Add({"GET", "/api/v1/versions/{id}/masked", kAuth, ReadMasked});
  r.Add({"POST", "/api/v1/aliases", kAuth, SetAlias});
  r.Add({"POST", "/api/v1/copies", kAuth, Copy});
  r.Add({"GET", "/api/v1/lineage", kAuth, Lineage});
  r.Add({"POST", "/api/v1/purges", kAuth, Purge});
  r.Add({"POST", "/api/v1/gc", kAuth, CollectGarbage});
  r.Add({"POST", "/api/v1/fsck", kAuth, Fsck});
  r.Add({"POST", "/api/v1/sweeps", kAuth, Sweep});
}

}  // namespace sluice::server
