// CatalogStore: the interface to the data catalog's metadata (projects,
// assets, versions, aliases, lineage, chunk references). SqliteCatalogStore
// implements it on the embedded database; a PostgreSQL implementation will
// sit behind the same interface.
//
// Contract for every implementation:
// - Thread-safe; each method is atomic (all or nothing).
// - Versions are immutable: there is no update, only create and delete.
// - Referential integrity: a version's inputs must exist when it is created
//   (kFailedPrecondition otherwise), and a version that is the input of
//   another cannot be deleted unless that one is deleted in the same call.
// - Errors: kNotFound, kAlreadyExists, kFailedPrecondition as documented;
//   kUnavailable for contention (retry); kDataLoss for a corrupt database.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/catalog_records.h"

namespace sluice::store {

class CatalogStore {
 public:
  virtual ~CatalogStore() = default;

  // --- Projects ---
  // kAlreadyExists if the project exists in that environment.
  virtual Status CreateProject(const ProjectRecord& project) = 0;
  // kNotFound if absent.
  virtual Result<ProjectRecord> GetProject(std::string_view environment, std::string_view name) = 0;
  // Ordered by environment, name; `environment` empty lists all.
  virtual Result<std::vector<ProjectRecord>> ListProjects(std::string_view environment) = 0;
  // kNotFound if absent.
  virtual Status SetProjectQuota(std::string_view environment, std::string_view name,
                                 std::uint64_t quota_bytes) = 0;

  // --- Versions ---
  // Inserts the version, its asset when new, and moves the asset's `latest`
  // alias to it. kNotFound if the project does not exist; kAlreadyExists if
  // the id exists; kFailedPrecondition if the asset exists with another kind
  // or an input does not exist.
  virtual Status CreateVersion(const VersionRecord& version) = 0;
  // kNotFound if absent. `chunks` is filled in.
  virtual Result<VersionRecord> GetVersion(std::string_view id) = 0;
  // The same without `chunks`: constant cost whatever the version's size.
  virtual Result<VersionRecord> GetVersionWithoutChunks(std::string_view id) = 0;
  // Ids of the asset's versions that start with `prefix`, at most `limit`.
  virtual Result<std::vector<std::string>> FindVersions(std::string_view environment,
                                                        std::string_view project,
                                                        std::string_view asset,
                                                        std::string_view prefix, int limit) = 0;
  // The version an alias names; std::nullopt if the asset has no such alias.
  virtual Result<std::optional<std::string>> GetAlias(std::string_view environment,
                                                      std::string_view project,
                                                      std::string_view asset,
                                                      std::string_view alias) = 0;
  // kNotFound if the version is absent; kInvalidArgument if it is not a
  // version of that asset.
  virtual Status SetAlias(std::string_view environment, std::string_view project,
                          std::string_view asset, std::string_view alias,
                          std::string_view version_id) = 0;
  // Assets with their latest version and version count, ordered by
  // environment, project, name; empty filters match everything.
  virtual Result<std::vector<AssetRecord>> ListAssets(std::string_view environment,
                                                      std::string_view project) = 0;
  // The asset's versions, newest first (chunks not filled in).
  virtual Result<std::vector<VersionRecord>> ListVersions(std::string_view environment,
                                                          std::string_view project,
                                                          std::string_view asset) = 0;

  // Deletes the versions (aliases naming them go too; `latest` falls back to
  // the newest remaining version of each asset). kFailedPrecondition, and
  // nothing deleted, if a version outside `ids` has one of them as input.
  virtual Status DeleteVersions(std::span<const std::string> ids) = 0;
  // Versions whose expires_ms <= now_ms.
  virtual Result<std::vector<std::string>> ExpiredVersions(std::int64_t now_ms) = 0;

  // --- Lineage ---
  // Every version as a lineage node (depth 0) with its input ids, in
  // creation order, so inputs come before the versions made from them. The
  // catalog builds its in-memory lineage index from this at start.
  virtual Status ForEachVersionLineage(
      const std::function<Status(const LineageNode&, const std::vector<std::string>& inputs)>&
          fn) = 0;

  // --- Chunks ---
  // Calls `fn` for each distinct chunk referenced by a version in `domain`.
  virtual Status ForEachReferencedChunk(std::string_view domain,
                                        const std::function<Status(const ChunkUse&)>& fn) = 0;
  // Ids of the versions that reference a chunk (for error messages).
  virtual Result<std::vector<std::string>> VersionsUsingChunk(std::string_view chunk_id) = 0;
  // Bytes used per project (each chunk counted once per project).
  virtual Result<std::vector<ProjectUsage>> Usage(std::string_view environment) = 0;
  // For the metrics: bytes per (domain, classification), and copies per
  // environment with those expiring before `expiring_before_ms`.
  virtual Result<std::vector<ClassifiedBytes>> BytesByClassification() = 0;
  // A version's scan (one per version; deleted with it). kNotFound when the
  // version was never scanned.
  virtual Status PutScan(const ScanRecord& scan) = 0;
  virtual Result<ScanRecord> GetScan(std::string_view version) = 0;
  // Versions whose scan is still "scanning", oldest first, at most `limit`.
  virtual Result<std::vector<std::string>> PendingScans(int limit) = 0;
  // Declassification requests (deleted with their version). Update writes
  // state, decisions and updated_ms only if the stored state is still
  // `expected_state` (kFailedPrecondition otherwise: decided meanwhile).
  virtual Status CreateDeclassification(const DeclassificationRecord& record) = 0;
  virtual Result<DeclassificationRecord> GetDeclassification(std::string_view id) = 0;
  // Newest first; of one version when `version` is not empty.
  virtual Result<std::vector<DeclassificationRecord>> ListDeclassifications(
      std::string_view version) = 0;
  virtual Status UpdateDeclassification(const DeclassificationRecord& record,
                                        std::string_view expected_state) = 0;
  // The labels approved declassifications removed from `version` (sorted).
  virtual Result<std::vector<std::string>> DeclassifiedLabels(std::string_view version) = 0;
  virtual Result<std::vector<CopyCount>> CopiesByEnvironment(std::int64_t expiring_before_ms) = 0;
  // Bytes the project would use if `extra` chunks were added to it.
  virtual Result<std::uint64_t> UsageWith(std::string_view environment, std::string_view project,
                                          std::span<const ChunkUse> extra) = 0;
};

}  // namespace sluice::store
