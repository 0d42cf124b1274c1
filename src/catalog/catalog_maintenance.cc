// Catalog use cases that move or remove data: copy, purge, retention sweep,
// garbage collection and fsck.
#include <algorithm>
#include <limits>
#include <set>

#include "catalog/catalog.h"
#include "common/crypto.h"

namespace sluice::catalog {
namespace {

store::LineageNode NodeOf(const store::VersionRecord& v, int depth) {
  return {v.id, v.environment, v.project, v.asset, v.kind, v.copy_of, depth};
}

}  // namespace

Result<CopyResult> Catalog::Copy(const Ref& source, const AssetAddress& target,
                                 std::optional<std::chrono::seconds> ttl, std::string_view author,
                                 std::int64_t now_ms, CopyPurpose purpose) {
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord src, Resolve(source));
  SLUICE_RETURN_IF_ERROR(ValidateName("asset", target.asset));
  SLUICE_ASSIGN_OR_RETURN(const platform::Environment* from, FindEnvironment(src.environment));
  SLUICE_ASSIGN_OR_RETURN(const platform::Environment* to, FindEnvironment(target.environment));
  // Not a policy: infra environments are built on the promise that they
  // hold no production data, so no policy may break it.
  if (from->data == platform::DataClass::kProduction && to->track == platform::Track::kInfra) {
    return FailedPrecondition("production data from " + from->name +
                              " may not be copied into the infra environment " + to->name);
  }
  std::optional<std::int64_t> expires_ms;
  if (ttl && *ttl <= std::chrono::seconds(0)) return InvalidArgument("--ttl must be positive");
  if (purpose == CopyPurpose::kPromotion) {
    if (ttl) return InvalidArgument("a promotion has no time to live");
  } else if (to->copy_retention) {
    if (ttl && *ttl > *to->copy_retention) {
      return InvalidArgument("copies in " + to->name + " may live at most " +
                             std::to_string(to->copy_retention->count() / 86400) + " days");
    }
    expires_ms = now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(
                              ttl ? *ttl : *to->copy_retention)
                              .count();
  } else if (ttl) {
    expires_ms = now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(*ttl).count();
  }
  SLUICE_ASSIGN_OR_RETURN(store::ProjectRecord project,
                          store_.GetProject(target.environment, target.project));

  CopyResult result;
  SLUICE_ASSIGN_OR_RETURN(std::string target_domain, DomainName(target.environment));
  const bool same_domain = target_domain == src.domain;
  // Within one domain a copy shares its source's chunk list and reads none
  // of it (constant time); the list is needed only to move bytes or to
  // check a quota.
  if (!same_domain || project.quota_bytes > 0) {
    SLUICE_ASSIGN_OR_RETURN(src, store_.GetVersion(src.id));
  }
  if (!same_domain) {
    // Across domains: only the chunks the target lacks, each verified on
    // the way out (Get) and on the way in (Put).
    storage::ChunkStore* in = domains_.at(src.domain).get();
    storage::ChunkStore* out = domains_.at(target_domain).get();
    for (const auto& c : src.chunks) {
      SLUICE_ASSIGN_OR_RETURN(storage::ChunkId id, storage::ChunkId::Parse(c.id));
      SLUICE_ASSIGN_OR_RETURN(bool present, out->Contains(id));
      if (present) continue;
      SLUICE_ASSIGN_OR_RETURN(std::string bytes, in->Get(id));
      SLUICE_RETURN_IF_ERROR(out->Put(id, bytes));
      result.bytes_copied += bytes.size();
      ++result.chunks_copied;
    }
  }
  if (project.quota_bytes > 0) {
    SLUICE_ASSIGN_OR_RETURN(std::uint64_t would_use,
                            store_.UsageWith(target.environment, target.project, src.chunks));
    if (would_use > project.quota_bytes) {
      return ResourceExhausted("project " + target.environment + "/" + target.project +
                               " would use " + std::to_string(would_use) +
                               " bytes, over its quota of " + std::to_string(project.quota_bytes));
    }
  }

  SLUICE_ASSIGN_OR_RETURN(auto manifest_json, [&]() -> Result<nlohmann::json> {
    auto j = nlohmann::json::parse(src.manifest, nullptr, false);
    if (j.is_discarded()) return DataLoss("manifest of " + src.id + " is not JSON");
    return j;
  }());
  auto metadata = nlohmann::json::parse(src.metadata, nullptr, false);
  if (metadata.is_discarded()) return DataLoss("metadata of " + src.id + " is not JSON");

  store::VersionRecord v;
  v.environment = target.environment;
  v.project = target.project;
  v.asset = target.asset;
  v.kind = src.kind;
  v.domain = target_domain;
  v.manifest = src.manifest;
  v.metadata = src.metadata;  // tags and classification travel with the data
  v.inputs = {src.id};
  v.copy_of = src.id;
  v.author = std::string(author);
  v.created_ms = now_ms;
  v.expires_ms = expires_ms;
  v.bytes = src.bytes;
  if (same_domain) {
    v.chunks_of = src.chunks_of.empty() ? src.id : src.chunks_of;
  } else {
    v.chunks = src.chunks;
  }
  // The identity includes the copy time, so copying the same source twice
  // makes two tracked copies rather than silently returning the first.
  metadata["copied_ms"] = now_ms;
  // Labels follow every copy, what scanning detected in the source included.
  metadata["classification"] = EffectiveClassification(src);
  v.metadata = CanonicalJson(metadata);
  v.id = Sha256Hex(VersionIdentity(target, v.kind, manifest_json, metadata, v.inputs));
  SLUICE_RETURN_IF_ERROR(CreateVersion(v));
  result.version = std::move(v);
  return result;
}

Result<std::vector<store::LineageNode>> Catalog::PurgeSet(const store::VersionRecord& root,
                                                          bool cascade) {
  std::vector<store::LineageNode> nodes =
      Walk(root.id, /*up=*/false, cascade ? std::numeric_limits<int>::max() : 1).nodes;
  if (!cascade && nodes.size() > 1) {
    return FailedPrecondition("version " + root.id + " has " + std::to_string(nodes.size() - 1) +
                              " derived version(s); purge them too with --cascade");
  }
  return nodes;
}

Status Catalog::RemoveUnreferenced(const std::vector<store::VersionRecord>& removed,
                                   PurgeResult* result) {
  std::set<std::pair<std::string, std::string>> candidates;  // (domain, chunk)
  std::map<std::string, std::uint64_t> sizes;
  for (const auto& v : removed) {
    for (const auto& c : v.chunks) {
      candidates.emplace(v.domain, c.id);
      sizes[c.id] = c.size;
    }
  }
  for (const auto& [domain, chunk] : candidates) {
    SLUICE_ASSIGN_OR_RETURN(auto users, store_.VersionsUsingChunk(chunk));
    bool used_in_domain = false;
    for (const auto& u : users) {
      auto v = store_.GetVersion(u);
      if (v.ok() && v->domain == domain) used_in_domain = true;
    }
    if (used_in_domain) continue;
    SLUICE_ASSIGN_OR_RETURN(storage::ChunkId id, storage::ChunkId::Parse(chunk));
    SLUICE_RETURN_IF_ERROR(domains_.at(domain)->Remove(id));
    ++result->chunks_removed;
    result->bytes_removed += sizes[chunk];
  }
  return Status::Ok();
}

Result<PurgeResult> Catalog::Purge(const Ref& ref, bool cascade, bool dry_run) {
  SLUICE_ASSIGN_OR_RETURN(store::VersionRecord root, Resolve(ref));
  PurgeResult result;
  SLUICE_ASSIGN_OR_RETURN(result.versions, PurgeSet(root, cascade));
  std::vector<store::VersionRecord> removed;
  std::vector<std::string> ids;
  for (const auto& n : result.versions) {
    SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, store_.GetVersion(n.id));
    ids.push_back(v.id);
    removed.push_back(std::move(v));
  }
  if (dry_run) return result;
  SLUICE_RETURN_IF_ERROR(DeleteVersions(ids));
  SLUICE_RETURN_IF_ERROR(RemoveUnreferenced(removed, &result));
  return result;
}

Result<std::vector<PurgeResult>> Catalog::SweepExpired(std::int64_t now_ms) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<std::string> expired, store_.ExpiredVersions(now_ms));
  std::vector<PurgeResult> out;
  for (const auto& id : expired) {
    auto v = store_.GetVersion(id);
    if (!v.ok()) continue;  // purged meanwhile
    const std::vector<store::LineageNode> nodes = Walk(id, /*up=*/false, 1).nodes;
    // A copy something was derived from stays until its dependents go: a
    // sweep must not delete work nobody asked to delete.
    if (nodes.size() > 1) continue;
    PurgeResult result;
    result.versions.push_back(NodeOf(*v, 0));
    SLUICE_RETURN_IF_ERROR(DeleteVersions({id}));
    SLUICE_RETURN_IF_ERROR(RemoveUnreferenced({*v}, &result));
    out.push_back(std::move(result));
  }
  return out;
}

Result<GcResult> Catalog::CollectGarbage(bool dry_run, std::int64_t now_ms) {
  GcResult result;
  const std::int64_t cutoff =
      now_ms - std::chrono::duration_cast<std::chrono::milliseconds>(kGcGrace).count();
  for (const auto& [domain, chunks] : domains_) {
    // Mark: read the references first. A chunk put after this point is
    // recent, so the grace period spares it in the sweep below.
    std::set<std::string> referenced;
    SLUICE_RETURN_IF_ERROR(store_.ForEachReferencedChunk(domain, [&](const store::ChunkUse& c) {
      referenced.insert(c.id);
      return Status::Ok();
    }));
    std::vector<storage::ChunkInfo> doomed;
    SLUICE_RETURN_IF_ERROR(chunks->ForEach([&](const storage::ChunkInfo& info) {
      ++result.chunks_scanned;
      if (referenced.contains(info.id.hex())) return Status::Ok();
      if (info.modified_ms > cutoff) {
        ++result.chunks_spared_recent;
      } else {
        doomed.push_back(info);
      }
      return Status::Ok();
    }));
    for (const auto& info : doomed) {
      if (!dry_run) SLUICE_RETURN_IF_ERROR(chunks->Remove(info.id));
      ++result.chunks_removed;
      result.bytes_removed += info.size;
    }
  }
  return result;
}

Result<FsckReport> Catalog::Fsck() {
  FsckReport report;
  for (const auto& [domain, chunks] : domains_) {
    std::vector<store::ChunkUse> referenced;
    SLUICE_RETURN_IF_ERROR(store_.ForEachReferencedChunk(domain, [&](const store::ChunkUse& c) {
      referenced.push_back(c);
      return Status::Ok();
    }));
    for (const auto& c : referenced) {
      ++report.chunks_checked;
      auto id = storage::ChunkId::Parse(c.id);
      Result<std::uint64_t> size =
          id.ok() ? chunks->Verify(*id) : Result<std::uint64_t>(id.status());
      std::string problem;
      if (!size.ok()) {
        problem = size.status().message();
      } else if (*size != c.size) {
        problem = "chunk " + c.id + " has " + std::to_string(*size) + " bytes, the manifest says " +
                  std::to_string(c.size);
      } else {
        report.bytes_checked += *size;
        continue;
      }
      FsckProblem p{domain, c.id, {}, problem};
      if (auto users = store_.VersionsUsingChunk(c.id); users.ok()) p.versions = *users;
      report.problems.push_back(std::move(p));
    }
  }
  // Every version's manifest must parse and agree with its chunk list.
  SLUICE_ASSIGN_OR_RETURN(auto assets, store_.ListAssets("", ""));
  for (const auto& a : assets) {
    SLUICE_ASSIGN_OR_RETURN(auto versions, store_.ListVersions(a.environment, a.project, a.name));
    for (const auto& listed : versions) {
      ++report.versions_checked;
      SLUICE_ASSIGN_OR_RETURN(store::VersionRecord v, store_.GetVersion(listed.id));
      auto json = nlohmann::json::parse(v.manifest, nullptr, false);
      Result<std::vector<FileEntry>> files =
          json.is_discarded() ? Result<std::vector<FileEntry>>(DataLoss("manifest is not JSON"))
                              : ManifestFromJson(json);
      std::string problem;
      if (!files.ok()) {
        problem = "manifest: " + files.status().message();
      } else {
        auto from_manifest = DistinctChunks(*files);
        auto by_id = [](const store::ChunkUse& x, const store::ChunkUse& y) { return x.id < y.id; };
        std::sort(from_manifest.begin(), from_manifest.end(), by_id);
        std::vector<store::ChunkUse> recorded = v.chunks;
        std::sort(recorded.begin(), recorded.end(), by_id);
        if (from_manifest != recorded) problem = "manifest and chunk references disagree";
        if (TotalBytes(*files) != v.bytes) problem = "manifest size disagrees with the version";
      }
      if (!problem.empty()) report.problems.push_back({v.domain, "", {v.id}, problem});
    }
  }
  return report;
}

}  // namespace sluice::catalog
