// SqliteCatalogStore: CatalogStore on the embedded SQLite database (the same
// file as SqliteStore, through a connection of its own).
//
// Open() applies pending migrations and configures the connection (WAL,
// foreign keys, busy timeout). Unlike the principals connection it runs with
// synchronous=FULL: a version is the only record of which chunks make up a
// dataset, so it must survive a power loss once its push was answered.
//
// Concurrency: one connection guarded by one mutex; SQLite's file locking
// serializes it against the other connections to the file.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/catalog_store.h"
#include "store/sqlite_db.h"

namespace sluice::store {

class SqliteCatalogStore final : public CatalogStore {
 public:
  static Result<std::unique_ptr<SqliteCatalogStore>> Open(const std::string& path);

  Status CreateProject(const ProjectRecord& project) override;
  Result<ProjectRecord> GetProject(std::string_view environment, std::string_view name) override;
  Result<std::vector<ProjectRecord>> ListProjects(std::string_view environment) override;
  Status SetProjectQuota(std::string_view environment, std::string_view name,
                         std::uint64_t quota_bytes) override;

  Status CreateVersion(const VersionRecord& version) override;
  Result<VersionRecord> GetVersion(std::string_view id) override;
  Result<VersionRecord> GetVersionWithoutChunks(std::string_view id) override;
  Result<std::vector<std::string>> FindVersions(std::string_view environment,
                                                std::string_view project, std::string_view asset,
                                                std::string_view prefix, int limit) override;
  Result<std::optional<std::string>> GetAlias(std::string_view environment,
                                              std::string_view project, std::string_view asset,
                                              std::string_view alias) override;
  Status SetAlias(std::string_view environment, std::string_view project, std::string_view asset,
                  std::string_view alias, std::string_view version_id) override;
  Result<std::vector<AssetRecord>> ListAssets(std::string_view environment,
                                              std::string_view project) override;
  Result<std::vector<VersionRecord>> ListVersions(std::string_view environment,
                                                  std::string_view project,
                                                  std::string_view asset) override;
  Status DeleteVersions(std::span<const std::string> ids) override;
  Result<std::vector<std::string>> ExpiredVersions(std::int64_t now_ms) override;

  Status ForEachVersionLineage(
      const std::function<Status(const LineageNode&, const std::vector<std::string>& inputs)>& fn)
      override;

  Status ForEachReferencedChunk(std::string_view domain,
                                const std::function<Status(const ChunkUse&)>& fn) override;
  Result<std::vector<std::string>> VersionsUsingChunk(std::string_view chunk_id) override;
  Result<std::vector<ProjectUsage>> Usage(std::string_view environment) override;
  Result<std::vector<ClassifiedBytes>> BytesByClassification() override;
  // sqlite_scan_store.cc
  Status PutScan(const ScanRecord& scan) override;
  Result<ScanRecord> GetScan(std::string_view version) override;
  Result<std::vector<std::string>> PendingScans(int limit) override;
  // sqlite_declassification_store.cc
  Status CreateDeclassification(const DeclassificationRecord& record) override;
  Result<DeclassificationRecord> GetDeclassification(std::string_view id) override;
  Result<std::vector<DeclassificationRecord>> ListDeclassifications(
      std::string_view version) override;
  Status UpdateDeclassification(const DeclassificationRecord& record,
                                std::string_view expected_state) override;
  Result<std::vector<std::string>> DeclassifiedLabels(std::string_view version) override;
  Result<std::vector<CopyCount>> CopiesByEnvironment(std::int64_t expiring_before_ms) override;
  Result<std::uint64_t> UsageWith(std::string_view environment, std::string_view project,
                                  std::span<const ChunkUse> extra) override;

 private:
  explicit SqliteCatalogStore(SqliteDb db) : db_(std::move(db)) {}
  Result<VersionRecord> ReadVersion(std::string_view id, bool with_chunks);

  std::mutex mu_;
  SqliteDb db_;  // GUARDED_BY(mu_)
};

}  // namespace sluice::store
