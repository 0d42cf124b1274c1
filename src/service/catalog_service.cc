// The data catalog's use cases, each through the one door (door.h). The
// event of each records what moved: bytes and chunks written or read,
// versions made, copied or purged.
#include "catalog/ref.h"
#include "common/clock.h"
#include "service/actions.h"
#include "service/door.h"

namespace sluice::service {
namespace {

authz::Resource AssetResource(const catalog::AssetAddress& a) {
  return {"Asset", a.ToString()};
}

authz::Facts WithClassification(authz::Facts facts, std::vector<std::string> classification) {
  facts.classification = std::move(classification);
  return facts;
}

// The classification of what `ref` names, for the authorizer. Resolved
// before the door: a ref that does not resolve has none, and the use case
// then fails as not found after the decision (recorded either way).
std::vector<std::string> ClassificationOf(catalog::Catalog& c, const catalog::Ref& ref) {
  Result<store::VersionRecord> v = c.Resolve(ref);
  return v.ok() ? c.EffectiveClassification(*v) : std::vector<std::string>();
}

// The facts of data: what the version is classified as (declared,
// inherited and detected) and, when its bytes are read, whether its scan is
// still running (its metadata stays readable meanwhile).
enum class Reads { kMetadata, kBytes };
authz::Facts WithData(authz::Facts facts, catalog::Catalog& c, const store::VersionRecord& v,
                      Reads reads) {
  facts.classification = c.EffectiveClassification(v);
  if (reads == Reads::kBytes) facts.scan_pending = c.ScanPending(v.id);
  return facts;
}

nlohmann::json NodeIds(const std::vector<store::LineageNode>& nodes) {
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& n : nodes) ids.push_back(n.id);
  return ids;
}

}  // namespace

Result<catalog::Catalog*> Service::RequireCatalog() const {
  if (catalog_ == nullptr) return FailedPrecondition("this server has no data catalog");
  return catalog_;
}

authz::Facts Service::EnvironmentFacts(std::string_view name) {
  authz::Facts facts;
  facts.environment = std::string(name);
  return facts;
}

Result<store::ProjectRecord> Service::CreateProject(const Caller& caller, std::string_view path,
                                                    std::uint64_t quota_bytes) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(auto parts, catalog::ParseProjectPath(path));
  return Door(
      caller, actions::kCreateProject, {"Project", std::string(path)},
      [&](nlohmann::json& details) {
        details["quota_bytes"] = quota_bytes;
        return c->CreateProject(parts.first, parts.second, caller.principal.name, quota_bytes,
                                NowMillis());
      },
      EnvironmentFacts(parts.first));
}

Result<std::vector<store::ProjectRecord>> Service::ListProjects(const Caller& caller,
                                                                std::string_view environment) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  return Door(
      caller, actions::kListProjects, {"Environment", std::string(environment)},
      [&](nlohmann::json&) { return c->ListProjects(environment); }, EnvironmentFacts(environment));
}

Status Service::SetQuota(const Caller& caller, std::string_view path, std::uint64_t quota_bytes) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(auto parts, catalog::ParseProjectPath(path));
  return Door(
      caller, actions::kSetQuota, {"Project", std::string(path)},
      [&](nlohmann::json& details) {
        details["quota_bytes"] = quota_bytes;
        return c->SetQuota(parts.first, parts.second, quota_bytes);
      },
      EnvironmentFacts(parts.first));
}

Result<std::vector<store::ProjectUsage>> Service::ListQuotas(const Caller& caller,
                                                             std::string_view environment) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  return Door(
      caller, actions::kReadQuota, {"Environment", std::string(environment)},
      [&](nlohmann::json&) { return c->Usage(environment); }, EnvironmentFacts(environment));
}

Result<std::vector<store::AssetRecord>> Service::ListAssets(const Caller& caller,
                                                            std::string_view environment,
                                                            std::string_view project) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  return Door(
      caller, actions::kListAssets, {"Environment", std::string(environment)},
      [&](nlohmann::json&) { return c->ListAssets(environment, project); },
      EnvironmentFacts(environment));
}

Result<std::vector<std::string>> Service::MissingChunks(const Caller& caller,
                                                        std::string_view address,
                                                        const std::vector<std::string>& ids) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(catalog::AssetAddress a, catalog::ParseAddress(address));
  return Door(
      caller, actions::kWriteAsset, AssetResource(a),
      [&](nlohmann::json& details) -> Result<std::vector<std::string>> {
        SLUICE_ASSIGN_OR_RETURN(auto missing, c->MissingChunks(a.environment, ids));
        details["step"] = "missing-chunks";
        details["chunks_asked"] = ids.size();
        details["chunks_missing"] = missing.size();
        return missing;
      },
      EnvironmentFacts(a.environment));
}

Status Service::PutChunk(const Caller& caller, std::string_view address, std::string_view chunk_id,
                         std::string_view bytes) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(catalog::AssetAddress a, catalog::ParseAddress(address));
  return Door(
      caller, actions::kWriteAsset, AssetResource(a),
      [&](nlohmann::json& details) {
        details["step"] = "chunk";
        details["chunk"] = chunk_id;
        details["bytes_written"] = bytes.size();
        return c->PutChunk(a.environment, chunk_id, bytes);
      },
      EnvironmentFacts(a.environment));
}

Result<store::VersionRecord> Service::CommitVersion(const Caller& caller,
                                                    const catalog::PushRequest& request) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  // The classification the push declares; what it inherits from its inputs
  // is added by the catalog.
  const std::set<std::string> tags = catalog::DeclaredClassification(request.tags);
  std::vector<std::string> declared(tags.begin(), tags.end());
  return Door(
      caller, actions::kWriteAsset, AssetResource(request.address),
      [&](nlohmann::json& details) -> Result<store::VersionRecord> {
        SLUICE_ASSIGN_OR_RETURN(auto v, c->Commit(request, caller.principal.name, NowMillis()));
        details["step"] = "commit";
        details["version"] = v.id;
        details["bytes"] = v.bytes;
        details["files"] = request.files.size();
        details["inputs"] = v.inputs;
        details["scan"] = ScanAfterCommit(v);
        return v;
      },
      WithClassification(EnvironmentFacts(request.address.environment), std::move(declared)));
}

Result<store::VersionRecord> Service::ResolveRef(const Caller& caller, std::string_view ref_text) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(catalog::Ref ref, catalog::ParseRef(ref_text));
  // Resolved once, before the door: the decision needs its classification
  // and the answer is the version itself. A ref that does not resolve is
  // still decided (and recorded) before its error is returned.
  Result<store::VersionRecord> resolved = c->Resolve(ref);
  authz::Facts facts = EnvironmentFacts(ref.address.environment);
  if (resolved.ok()) facts = WithData(std::move(facts), *c, *resolved, Reads::kMetadata);
  return Door(
      caller, actions::kReadAsset, AssetResource(ref.address),
      [&](nlohmann::json& details) -> Result<store::VersionRecord> {
        if (resolved.ok()) details["version"] = resolved->id;
        return resolved;
      },
      std::move(facts));
}

// Versions by id are authorized against their asset, which only the store
// knows, so the version is looked up before the door; an unknown id is
// answered as not found (ids are 256-bit hashes: nothing to enumerate).
Result<store::VersionRecord> Service::GetVersion(const Caller& caller, std::string_view id) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->GetVersion(id));
  return Door(
      caller, actions::kReadAsset, {"Asset", v.environment + "/" + v.project + "/" + v.asset},
      [&](nlohmann::json& details) -> Result<store::VersionRecord> {
        details["version"] = v.id;
        return v;
      },
      WithData(EnvironmentFacts(v.environment), *c, v, Reads::kMetadata));
}

Result<std::string> Service::ReadChunk(const Caller& caller, std::string_view version_id,
                                       std::string_view chunk_id) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, c->GetVersion(version_id));
  return Door(
      caller, actions::kReadAsset, {"Asset", v.environment + "/" + v.project + "/" + v.asset},
      [&](nlohmann::json& details) -> Result<std::string> {
        bool part_of_version = false;
        for (const auto& chunk : v.chunks) part_of_version |= chunk.id == chunk_id;
        if (!part_of_version) {
          return NotFound("chunk " + std::string(chunk_id.substr(0, 64)) +
                          " is not part of version " + v.id);
        }
        SLUICE_ASSIGN_OR_RETURN(std::string bytes, c->ReadChunk(v.environment, chunk_id));
        details["version"] = v.id;
        details["chunk"] = chunk_id;
        details["bytes_read"] = bytes.size();
        return bytes;
      },
      WithData(EnvironmentFacts(v.environment), *c, v, Reads::kBytes));
}

Result<store::VersionRecord> Service::SetAlias(const Caller& caller, std::string_view ref_text,
                                               std::string_view alias) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(catalog::Ref ref, catalog::ParseRef(ref_text));
  return Door(
      caller, actions::kAliasAsset, AssetResource(ref.address),
      [&](nlohmann::json& details) -> Result<store::VersionRecord> {
        // Whatever the policies say: in Final Production an alias (champion,
        // ...) names what customers get, so only a promotion moves it.
        if (platform_.IsFinal(ref.address.environment)) {
          return PermissionDenied("in " + ref.address.environment +
                                  " aliases move only by promotion (sluice promote request ... "
                                  "--alias " +
                                  std::string(alias) + ")");
        }
        SLUICE_RETURN_IF_ERROR(c->SetAlias(ref, alias));
        SLUICE_ASSIGN_OR_RETURN(auto v, c->Resolve(ref));
        details["alias"] = alias;
        details["version"] = v.id;
        return v;
      },
      WithClassification(EnvironmentFacts(ref.address.environment), ClassificationOf(*c, ref)));
}

Result<catalog::CopyResult> Service::Copy(const Caller& caller, std::string_view source_ref,
                                          std::string_view target_address,
                                          std::optional<std::chrono::seconds> ttl) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(catalog::Ref source, catalog::ParseRef(source_ref));
  SLUICE_ASSIGN_OR_RETURN(catalog::AssetAddress target, catalog::ParseAddress(target_address));
  authz::Facts facts = EnvironmentFacts(target.environment);
  facts.source_environment = source.address.environment;
  facts.classification = ClassificationOf(*c, source);
  // A copy of a version still being scanned would carry labels nobody
  // knows yet.
  if (Result<store::VersionRecord> v = c->Resolve(source); v.ok()) {
    facts.scan_pending = c->ScanPending(v->id);
  }
  return Door(
      caller, actions::kCopyAsset, AssetResource(target),
      [&](nlohmann::json& details) -> Result<catalog::CopyResult> {
        details["source"] = source.ToString();
        SLUICE_ASSIGN_OR_RETURN(auto r,
                                c->Copy(source, target, ttl, caller.principal.name, NowMillis()));
        details["source_version"] = r.version.copy_of;
        details["version"] = r.version.id;
        details["bytes_copied"] = r.bytes_copied;
        return r;
      },
      std::move(facts));
}

Result<catalog::Lineage> Service::GetLineage(const Caller& caller, std::string_view ref_text,
                                             bool up, int max_depth) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(catalog::Ref ref, catalog::ParseRef(ref_text));
  return Door(
      caller, actions::kReadAsset, AssetResource(ref.address),
      [&](nlohmann::json& details) -> Result<catalog::Lineage> {
        SLUICE_ASSIGN_OR_RETURN(auto l, c->GetLineage(ref, up, max_depth));
        details["lineage"] = up ? "up" : "down";
        details["versions"] = l.nodes.size();
        return l;
      },
      WithClassification(EnvironmentFacts(ref.address.environment), ClassificationOf(*c, ref)));
}

Result<catalog::PurgeResult> Service::Purge(const Caller& caller, std::string_view ref_text,
                                            bool cascade, bool dry_run) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  SLUICE_ASSIGN_OR_RETURN(catalog::Ref ref, catalog::ParseRef(ref_text));
  return Door(
      caller, actions::kPurgeAsset, AssetResource(ref.address),
      [&](nlohmann::json& details) -> Result<catalog::PurgeResult> {
        SLUICE_ASSIGN_OR_RETURN(auto r, c->Purge(ref, cascade, dry_run));
        details["cascade"] = cascade;
        details["dry_run"] = dry_run;
        details["versions"] = NodeIds(r.versions);
        details["chunks_removed"] = r.chunks_removed;
        details["bytes_removed"] = r.bytes_removed;
        return r;
      },
      WithClassification(EnvironmentFacts(ref.address.environment), ClassificationOf(*c, ref)));
}

Result<catalog::GcResult> Service::CollectGarbage(const Caller& caller, bool dry_run) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  return Door(caller, actions::kCollectGarbage, {"Storage", platform_.name},
              [&](nlohmann::json& details) -> Result<catalog::GcResult> {
                SLUICE_ASSIGN_OR_RETURN(auto r, c->CollectGarbage(dry_run, NowMillis()));
                details["dry_run"] = dry_run;
                details["chunks_removed"] = r.chunks_removed;
                details["bytes_removed"] = r.bytes_removed;
                return r;
              });
}

Result<catalog::FsckReport> Service::Fsck(const Caller& caller) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  return Door(caller, actions::kCheckStorage, {"Storage", platform_.name},
              [&](nlohmann::json& details) -> Result<catalog::FsckReport> {
                SLUICE_ASSIGN_OR_RETURN(auto r, c->Fsck());
                details["chunks_checked"] = r.chunks_checked;
                details["problems"] = r.problems.size();
                return r;
              });
}

Result<std::vector<catalog::PurgeResult>> Service::SweepExpired(const Caller& caller) {
  SLUICE_ASSIGN_OR_RETURN(catalog::Catalog * c, RequireCatalog());
  return Door(caller, actions::kSweepCopies, {"Storage", platform_.name},
              [&](nlohmann::json& details) -> Result<std::vector<catalog::PurgeResult>> {
                SLUICE_ASSIGN_OR_RETURN(auto swept, c->SweepExpired(NowMillis()));
                nlohmann::json ids = nlohmann::json::array();
                for (const auto& r : swept) ids.push_back(r.versions.at(0).id);
                details["versions"] = std::move(ids);
                return swept;
              });
}

}  // namespace sluice::service
