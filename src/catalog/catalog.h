// Catalog: the data plane's use cases over the catalog metadata
// (store::CatalogStore) and one chunk store per storage domain: projects,
// pushes (chunk by chunk, deduplicated), versions and refs, aliases, copies,
// lineage, purge, garbage collection, fsck, retention and quotas.
//
// It knows nothing of callers or policies: the service layer authorizes and
// records each call and then asks the Catalog to act. Rules that protect the
// data whatever the policies say are enforced here too: a version's chunks
// must all be present and verified before it becomes visible; production data
// is never copied into an infra-track environment; quotas hold.
//
// Ownership: borrows the CatalogStore and the Platform (which must outlive
// it); owns the chunk stores. Thread-safety: all methods may be called
// concurrently.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "catalog/lineage_index.h"
#include "catalog/manifest.h"
#include "catalog/ref.h"
#include "common/status.h"
#include "platform/model.h"
#include "scan/scanner.h"
#include "storage/chunk_store.h"
#include "store/catalog_store.h"
#include "tabular/byte_source.h"

namespace sluice::catalog {

struct PushRequest {
  AssetAddress address;
  std::string kind = "dataset";
  std::vector<FileEntry> files;
  std::map<std::string, std::string> tags;
  nlohmann::json metrics = nlohmann::json::object();
  nlohmann::json params = nlohmann::json::object();
  std::vector<std::string> inputs;  // refs, resolved at commit
};

struct CopyResult {
  store::VersionRecord version;
  std::uint64_t bytes_copied = 0;  // 0 within one storage domain
  std::uint64_t chunks_copied = 0;
};

struct Lineage {
  std::vector<store::LineageNode> nodes;
  std::vector<store::LineageEdge> edges;
};

struct PurgeResult {
  std::vector<store::LineageNode> versions;  // removed (or, dry run, to remove)
  std::uint64_t chunks_removed = 0;
  std::uint64_t bytes_removed = 0;
};

struct GcResult {
  std::uint64_t chunks_scanned = 0;
  std::uint64_t chunks_removed = 0;
  std::uint64_t bytes_removed = 0;
  std::uint64_t chunks_spared_recent = 0;  // unreferenced but within the grace period
};

struct FsckProblem {
  std::string domain;
  std::string chunk;                  // empty for a version-level problem
  std::vector<std::string> versions;  // versions affected
  std::string message;
};

struct FsckReport {
  std::uint64_t versions_checked = 0;
  std::uint64_t chunks_checked = 0;
  std::uint64_t bytes_checked = 0;
  std::vector<FsckProblem> problems;
};

// The classification labels a push declares: its `classification` tag,
// comma-separated ("PII,PHI").
std::set<std::string> DeclaredClassification(const std::map<std::string, std::string>& tags);
// A stored version's classification (sorted, unique; empty when none).
std::vector<std::string> VersionClassification(const store::VersionRecord& version);

class Catalog {
 public:
  // Unreferenced chunks younger than this are never collected: they may
  // belong to a push in progress (Put refreshes a chunk's time).
  static constexpr std::chrono::hours kGcGrace{24};
  // Tabular files larger than this get their schema from this many bytes
  // (documented in docs/catalog.md).
  static constexpr std::uint64_t kSchemaSampleBytes = 64ull << 20;

  // One LocalChunkStore per storage domain, under `storage_root/<domain>`.
  static Result<std::unique_ptr<Catalog>> Open(store::CatalogStore& store,
                                               const platform::Platform& platform,
                                               const std::string& storage_root);
  // With given chunk stores (one per domain the platform names): for tests.
  static Result<std::unique_ptr<Catalog>> Make(
      store::CatalogStore& store, const platform::Platform& platform,
      std::map<std::string, std::unique_ptr<storage::ChunkStore>> domains);

  // kNotFound for an environment the platform does not have.
  Result<const platform::Environment*> FindEnvironment(std::string_view name) const;

  Result<store::ProjectRecord> CreateProject(std::string_view environment, std::string_view name,
                                             std::string_view author, std::uint64_t quota_bytes,
                                             std::int64_t now_ms);
  Result<std::vector<store::ProjectRecord>> ListProjects(std::string_view environment);
  Status SetQuota(std::string_view environment, std::string_view project, std::uint64_t bytes);
  Result<std::vector<store::ProjectUsage>> Usage(std::string_view environment);

  // The ids in `ids` that the environment's storage domain lacks.
  Result<std::vector<std::string>> MissingChunks(std::string_view environment,
                                                 std::span<const std::string> ids);
  // Stores one chunk (verified against its id).
  Status PutChunk(std::string_view environment, std::string_view id, std::string_view bytes);
  // One chunk's bytes, verified; a missing or corrupt chunk's error names the
  // versions that use it.
  Result<std::string> ReadChunk(std::string_view environment, std::string_view id);

  // Makes the version visible once every chunk is present. Idempotent: the
  // same content pushed again to the same asset returns the existing version.
  Result<store::VersionRecord> Commit(const PushRequest& request, std::string_view author,
                                      std::int64_t now_ms);

  // The version a ref names, without its chunk list (constant cost).
  Result<store::VersionRecord> Resolve(const Ref& ref);
  Result<store::VersionRecord> GetVersion(std::string_view id) { return store_.GetVersion(id); }
  Result<std::vector<store::AssetRecord>> ListAssets(std::string_view environment,
                                                     std::string_view project);
  Result<std::vector<store::VersionRecord>> ListVersions(const AssetAddress& address);
  Status SetAlias(const Ref& ref, std::string_view alias);

  // Why a copy is made: a working copy is subject to the target
  // environment's copy retention (it expires); a promotion materialises a
  // version one rung up the ladder and is kept like a pushed version.
  enum class CopyPurpose { kWorkingCopy, kPromotion };

  // A new version at `target` whose only input is the source and whose
  // metadata (tags, classification, schema) is the source's. `ttl` must not
  // exceed the target environment's copy retention.
  Result<CopyResult> Copy(const Ref& source, const AssetAddress& target,
                          std::optional<std::chrono::seconds> ttl, std::string_view author,
                          std::int64_t now_ms, CopyPurpose purpose = CopyPurpose::kWorkingCopy);

  Result<Lineage> GetLineage(const Ref& ref, bool up, int max_depth);

  // Scans every CSV and JSON Lines file of the version (issue 8): the
  // record to store, "done" with the detected labels and a report per file
  // (a file the scanner cannot read is reported with its error). Does not
  // store it (catalog_scan.cc).
  Result<store::ScanRecord> ScanVersion(const store::VersionRecord& version,
                                        const scan::Scanner& scanner, std::int64_t now_ms);
  Status PutScan(const store::ScanRecord& scan) { return store_.PutScan(scan); }
  Result<store::ScanRecord> GetScan(std::string_view version) { return store_.GetScan(version); }
  // The scan that describes `version`'s columns: its own, or, for a copy
  // (same bytes), its source's, following copies back; kNotFound when
  // none was scanned.
  Result<store::ScanRecord> ColumnScan(const store::VersionRecord& version);
  // Declassification requests (docs/declassification.md), kept as the
  // store keeps them; the service decides who may make and approve them.
  Status CreateDeclassification(const store::DeclassificationRecord& r) {
    return store_.CreateDeclassification(r);
  }
  Result<store::DeclassificationRecord> GetDeclassification(std::string_view id) {
    return store_.GetDeclassification(id);
  }
  Result<std::vector<store::DeclassificationRecord>> ListDeclassifications(
      std::string_view version) {
    return store_.ListDeclassifications(version);
  }
  Status UpdateDeclassification(const store::DeclassificationRecord& r,
                                std::string_view expected_state) {
    return store_.UpdateDeclassification(r, expected_state);
  }
  Result<std::vector<std::string>> PendingScans(int limit) { return store_.PendingScans(limit); }
  // What a version is classified as: its stored labels (declared, and
  // inherited from its inputs at commit) and what scanning detected, less
  // the labels approved declassifications of it removed.
  std::vector<std::string> EffectiveClassification(const store::VersionRecord& version);
  // Whether the version's scan has not finished yet.
  bool ScanPending(std::string_view version);

  // The files of a version (its manifest, with their chunk lists).
  Result<std::vector<FileEntry>> Files(const store::VersionRecord& version);
  // One file of a version as a byte source that reads its chunks in turn,
  // each verified, holding one chunk in memory (catalog_files.cc).
  Result<std::unique_ptr<tabular::ByteSource>> OpenFile(const store::VersionRecord& version,
                                                        const FileEntry& file);
  // The bytes [begin, end) of the file (end clamped to its size), chunks
  // before `begin` skipped unread.
  Result<std::unique_ptr<tabular::ByteSource>> OpenFileRange(const store::VersionRecord& version,
                                                             const FileEntry& file,
                                                             std::uint64_t begin,
                                                             std::uint64_t end);

  // Removes the version (and with `cascade` every version derived from it,
  // in every environment), then the chunks nothing references any more.
  Result<PurgeResult> Purge(const Ref& ref, bool cascade, bool dry_run);
  // Purges expired copies that nothing derives from; returns what went.
  Result<std::vector<PurgeResult>> SweepExpired(std::int64_t now_ms);
  Result<GcResult> CollectGarbage(bool dry_run, std::int64_t now_ms);
  Result<FsckReport> Fsck();

 private:
  Catalog(store::CatalogStore& store, const platform::Platform& platform,
          std::map<std::string, std::unique_ptr<storage::ChunkStore>> domains)
      : store_(store), platform_(platform), domains_(std::move(domains)) {}

  Result<std::string> DomainName(std::string_view environment) const;
  Result<storage::ChunkStore*> DomainOf(std::string_view environment) const;
  Result<std::vector<store::LineageNode>> PurgeSet(const store::VersionRecord& root, bool cascade);
  Status RemoveUnreferenced(const std::vector<store::VersionRecord>& removed, PurgeResult* result);
  Result<nlohmann::json> InferSchemas(storage::ChunkStore& chunks,
                                      const std::vector<FileEntry>& files);
  // Creates the version in the store and adds it to the lineage index.
  Status CreateVersion(const store::VersionRecord& v);
  // Deletes the versions from the store and the lineage index.
  Status DeleteVersions(const std::vector<std::string>& ids);
  // The lineage walk of an existing version, from the index.
  Lineage Walk(const std::string& id, bool up, int max_depth) const;

  store::CatalogStore& store_;
  const platform::Platform& platform_;
  const std::map<std::string, std::unique_ptr<storage::ChunkStore>> domains_;
  LineageIndex lineage_;
};

// The canonical document a version id hashes (docs/catalog.md).
std::string VersionIdentity(const AssetAddress& address, std::string_view kind,
                            const nlohmann::json& manifest, const nlohmann::json& metadata,
                            const std::vector<std::string>& inputs);

}  // namespace sluice::catalog
