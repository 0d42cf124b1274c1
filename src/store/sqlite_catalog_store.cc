#include "store/sqlite_catalog_store.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "store/migrations.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"

namespace sluice::store {
namespace {

using Stmt = SqliteStatement;

Result<Stmt> Prep(sqlite3* db, std::string_view sql) {
  return Stmt::Prepare(db, sql);
}

std::int64_t AsInt(std::uint64_t v) {
  return static_cast<std::int64_t>(v);
}
std::uint64_t AsUint(std::int64_t v) {
  return static_cast<std::uint64_t>(v);
}

#define SLUICE_VERSION_COLUMNS                                                         \
  "id, environment, project, asset, (SELECT kind FROM assets a WHERE a.environment = " \
  "v.environment AND a.project = v.project AND a.name = v.asset), domain, manifest, "  \
  "metadata, copy_of, author, created_ms, expires_ms, bytes, chunks_of "

VersionRecord DecodeVersion(const Stmt& q) {
  VersionRecord v;
  v.id = q.ColumnText(0);
  v.environment = q.ColumnText(1);
  v.project = q.ColumnText(2);
  v.asset = q.ColumnText(3);
  v.kind = q.ColumnText(4);
  v.domain = q.ColumnText(5);
  v.manifest = q.ColumnText(6);
  v.metadata = q.ColumnText(7);
  v.copy_of = q.ColumnText(8);
  v.author = q.ColumnText(9);
  v.created_ms = q.ColumnInt64(10);
  v.expires_ms = q.ColumnOptionalInt64(11);
  v.bytes = AsUint(q.ColumnInt64(12));
  v.chunks_of = q.ColumnText(13);
  return v;
}

Result<std::vector<std::string>> Strings(Stmt& q) {
  std::vector<std::string> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    out.push_back(q.ColumnText(0));
  }
}

ProjectRecord DecodeProject(const Stmt& q) {
  ProjectRecord p;
  p.environment = q.ColumnText(0);
  p.name = q.ColumnText(1);
  p.created_by = q.ColumnText(2);
  p.created_ms = q.ColumnInt64(3);
  p.quota_bytes = AsUint(q.ColumnInt64(4));
  return p;
}

// Points `latest` of an asset at its newest remaining version (or removes it).
Status RepairLatest(sqlite3* db, const std::string& env, const std::string& project,
                    const std::string& asset) {
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db,
                   "INSERT INTO aliases (environment, project, asset, name, version) "
                   "SELECT ?1, ?2, ?3, 'latest', id FROM versions WHERE environment = ?1 AND "
                   "project = ?2 AND asset = ?3 ORDER BY seq DESC LIMIT 1 "
                   "ON CONFLICT DO UPDATE SET version = excluded.version"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, env));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, project));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, asset));
  return q.Run();
}

}  // namespace

Result<std::unique_ptr<SqliteCatalogStore>> SqliteCatalogStore::Open(const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(SqliteDb db, SqliteDb::OpenDurable(path, "catalog"));
  SLUICE_RETURN_IF_ERROR(ApplyMigrations(db.get()));
  return std::unique_ptr<SqliteCatalogStore>(new SqliteCatalogStore(std::move(db)));
}

Status SqliteCatalogStore::CreateProject(const ProjectRecord& p) {
  if (p.environment.empty() || p.name.empty()) return InvalidArgument("empty project name");
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q, Prep(db_.get(),
                                       "INSERT INTO projects (environment, name, created_by, "
                                       "created_ms, quota_bytes) VALUES (?1, ?2, ?3, ?4, ?5)"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, p.environment));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, p.name));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, p.created_by));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(4, p.created_ms));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(5, AsInt(p.quota_bytes)));
  Status s = q.Run();
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("project " + p.environment + "/" + p.name + " already exists");
  }
  return s;
}

Result<ProjectRecord> SqliteCatalogStore::GetProject(std::string_view env, std::string_view name) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q, Prep(db_.get(),
                                       "SELECT environment, name, created_by, created_ms, "
                                       "quota_bytes FROM projects WHERE environment = ?1 AND "
                                       "name = ?2"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, env));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, name));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) {
    return NotFound("project " + std::string(env) + "/" + std::string(name) + " does not exist");
  }
  return DecodeProject(q);
}

Result<std::vector<ProjectRecord>> SqliteCatalogStore::ListProjects(std::string_view env) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q, Prep(db_.get(),
                                       "SELECT environment, name, created_by, created_ms, "
                                       "quota_bytes FROM projects WHERE ?1 = '' OR environment = "
                                       "?1 ORDER BY environment, name"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, env));
  std::vector<ProjectRecord> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    out.push_back(DecodeProject(q));
  }
}

Status SqliteCatalogStore::SetProjectQuota(std::string_view env, std::string_view name,
                                           std::uint64_t quota_bytes) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q,
      Prep(db_.get(), "UPDATE projects SET quota_bytes = ?3 WHERE environment = ?1 AND name = ?2"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, env));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, name));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(3, AsInt(quota_bytes)));
  SLUICE_RETURN_IF_ERROR(q.Run());
  if (q.Changes() == 0) {
    return NotFound("project " + std::string(env) + "/" + std::string(name) + " does not exist");
  }
  return Status::Ok();
}

Status SqliteCatalogStore::CreateVersion(const VersionRecord& v) {
  if (v.id.empty() || v.asset.empty() || v.kind.empty()) {
    return InvalidArgument("version needs an id, an asset and a kind");
  }
  std::lock_guard lock(mu_);
  sqlite3* db = db_.get();
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(db));
  {
    SLUICE_ASSIGN_OR_RETURN(
        Stmt q, Prep(db, "SELECT 1 FROM projects WHERE environment = ?1 AND name = ?2"));
    SLUICE_RETURN_IF_ERROR(q.BindText(1, v.environment));
    SLUICE_RETURN_IF_ERROR(q.BindText(2, v.project));
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return NotFound("project " + v.environment + "/" + v.project + " does not exist");
  }
  {
    SLUICE_ASSIGN_OR_RETURN(Stmt q, Prep(db,
                                         "SELECT kind FROM assets WHERE environment = ?1 AND "
                                         "project = ?2 AND name = ?3"));
    SLUICE_RETURN_IF_ERROR(q.BindText(1, v.environment));
    SLUICE_RETURN_IF_ERROR(q.BindText(2, v.project));
    SLUICE_RETURN_IF_ERROR(q.BindText(3, v.asset));
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (row && q.ColumnText(0) != v.kind) {
      return FailedPrecondition("asset " + v.environment + "/" + v.project + "/" + v.asset +
                                " is a " + q.ColumnText(0) + ", not a " + v.kind);
    }
    if (!row) {
      SLUICE_ASSIGN_OR_RETURN(Stmt ins, Prep(db,
                                             "INSERT INTO assets (environment, project, name, "
                                             "kind, created_ms) VALUES (?1, ?2, ?3, ?4, ?5)"));
      SLUICE_RETURN_IF_ERROR(ins.BindText(1, v.environment));
      SLUICE_RETURN_IF_ERROR(ins.BindText(2, v.project));
      SLUICE_RETURN_IF_ERROR(ins.BindText(3, v.asset));
      SLUICE_RETURN_IF_ERROR(ins.BindText(4, v.kind));
      SLUICE_RETURN_IF_ERROR(ins.BindInt64(5, v.created_ms));
      SLUICE_RETURN_IF_ERROR(ins.Run());
    }
  }
  {
    SLUICE_ASSIGN_OR_RETURN(
        Stmt q, Prep(db,
                     "INSERT INTO versions (id, environment, project, asset, domain, manifest, "
                     "metadata, copy_of, author, created_ms, expires_ms, bytes, chunks_of) VALUES "
                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, NULLIF(?8, ''), ?9, ?10, ?11, ?12, "
                     "NULLIF(?13, ''))"));
    SLUICE_RETURN_IF_ERROR(q.BindText(1, v.id));
    SLUICE_RETURN_IF_ERROR(q.BindText(2, v.environment));
    SLUICE_RETURN_IF_ERROR(q.BindText(3, v.project));
    SLUICE_RETURN_IF_ERROR(q.BindText(4, v.asset));
    SLUICE_RETURN_IF_ERROR(q.BindText(5, v.domain));
    SLUICE_RETURN_IF_ERROR(q.BindText(6, v.manifest));
    SLUICE_RETURN_IF_ERROR(q.BindText(7, v.metadata));
    SLUICE_RETURN_IF_ERROR(q.BindText(8, v.copy_of));
    SLUICE_RETURN_IF_ERROR(q.BindText(9, v.author));
    SLUICE_RETURN_IF_ERROR(q.BindInt64(10, v.created_ms));
    SLUICE_RETURN_IF_ERROR(q.BindOptionalInt64(11, v.expires_ms));
    SLUICE_RETURN_IF_ERROR(q.BindInt64(12, AsInt(v.bytes)));
    SLUICE_RETURN_IF_ERROR(q.BindText(13, v.chunks_of));
    Status s = q.Run();
    if (s.code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("version " + v.id + " already exists");
    }
    SLUICE_RETURN_IF_ERROR(s);
  }
  {
    SLUICE_ASSIGN_OR_RETURN(
        Stmt q, Prep(db, "INSERT OR IGNORE INTO version_inputs (version, input) VALUES (?1, ?2)"));
    for (const auto& input : v.inputs) {
      q.Reset();
      SLUICE_RETURN_IF_ERROR(q.BindText(1, v.id));
      SLUICE_RETURN_IF_ERROR(q.BindText(2, input));
      Status s = q.Run();
      if (s.code() == StatusCode::kFailedPrecondition) {
        return FailedPrecondition("input version " + input + " does not exist");
      }
      SLUICE_RETURN_IF_ERROR(s);
    }
  }
  {
    SLUICE_ASSIGN_OR_RETURN(
        Stmt q, Prep(db,
                     "INSERT OR IGNORE INTO version_chunks (version, chunk, size) VALUES (?1, ?2, "
                     "?3)"));
    // A version sharing another's chunk list (chunks_of) adds no rows.
    const std::size_t own = v.chunks_of.empty() ? v.chunks.size() : 0;
    for (std::size_t i = 0; i < own; ++i) {
      q.Reset();
      SLUICE_RETURN_IF_ERROR(q.BindText(1, v.id));
      SLUICE_RETURN_IF_ERROR(q.BindText(2, v.chunks[i].id));
      SLUICE_RETURN_IF_ERROR(q.BindInt64(3, AsInt(v.chunks[i].size)));
      SLUICE_RETURN_IF_ERROR(q.Run());
    }
  }
  SLUICE_RETURN_IF_ERROR(RepairLatest(db, v.environment, v.project, v.asset));
  return tx.Commit();
}

Result<VersionRecord> SqliteCatalogStore::GetVersion(std::string_view id) {
  return ReadVersion(id, /*with_chunks=*/true);
}

Result<VersionRecord> SqliteCatalogStore::GetVersionWithoutChunks(std::string_view id) {
  return ReadVersion(id, /*with_chunks=*/false);
}

Result<VersionRecord> SqliteCatalogStore::ReadVersion(std::string_view id, bool with_chunks) {
  std::lock_guard lock(mu_);
  sqlite3* db = db_.get();
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::BeginRead(db));
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db, "SELECT " SLUICE_VERSION_COLUMNS "FROM versions v WHERE id = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFound("version " + std::string(id) + " does not exist");
  VersionRecord v = DecodeVersion(q);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt in, Prep(db, "SELECT input FROM version_inputs WHERE version = ?1 ORDER BY input"));
  SLUICE_RETURN_IF_ERROR(in.BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(v.inputs, Strings(in));
  if (!with_chunks) return v;
  SLUICE_ASSIGN_OR_RETURN(
      Stmt ch,
      Prep(db, "SELECT chunk, size FROM version_chunks WHERE version = ?1 ORDER BY chunk"));
  SLUICE_RETURN_IF_ERROR(ch.BindText(1, v.chunks_of.empty() ? v.id : v.chunks_of));
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool more, ch.Step());
    if (!more) break;
    v.chunks.push_back({ch.ColumnText(0), AsUint(ch.ColumnInt64(1))});
  }
  SLUICE_RETURN_IF_ERROR(tx.Commit());
  return v;
}

Result<std::vector<std::string>> SqliteCatalogStore::FindVersions(std::string_view env,
                                                                  std::string_view project,
                                                                  std::string_view asset,
                                                                  std::string_view prefix,
                                                                  int limit) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db_.get(),
                   "SELECT id FROM versions WHERE environment = ?1 AND project = ?2 AND asset = "
                   "?3 AND id >= ?4 AND id < ?4 || 'g' ORDER BY id LIMIT ?5"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, env));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, project));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, asset));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, prefix));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(5, limit));
  return Strings(q);
}

Result<std::optional<std::string>> SqliteCatalogStore::GetAlias(std::string_view env,
                                                                std::string_view project,
                                                                std::string_view asset,
                                                                std::string_view alias) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q, Prep(db_.get(),
                                       "SELECT version FROM aliases WHERE environment = ?1 AND "
                                       "project = ?2 AND asset = ?3 AND name = ?4"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, env));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, project));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, asset));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, alias));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(q.ColumnText(0));
}

Status SqliteCatalogStore::SetAlias(std::string_view env, std::string_view project,
                                    std::string_view asset, std::string_view alias,
                                    std::string_view version_id) {
  std::lock_guard lock(mu_);
  sqlite3* db = db_.get();
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(db));
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db, "SELECT environment, project, asset FROM versions WHERE id = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, version_id));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFound("version " + std::string(version_id) + " does not exist");
  if (q.ColumnText(0) != env || q.ColumnText(1) != project || q.ColumnText(2) != asset) {
    return InvalidArgument("version " + std::string(version_id) + " belongs to " + q.ColumnText(0) +
                           "/" + q.ColumnText(1) + "/" + q.ColumnText(2));
  }
  SLUICE_ASSIGN_OR_RETURN(
      Stmt up, Prep(db,
                    "INSERT INTO aliases (environment, project, asset, name, version) VALUES "
                    "(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET version = excluded.version"));
  SLUICE_RETURN_IF_ERROR(up.BindText(1, env));
  SLUICE_RETURN_IF_ERROR(up.BindText(2, project));
  SLUICE_RETURN_IF_ERROR(up.BindText(3, asset));
  SLUICE_RETURN_IF_ERROR(up.BindText(4, alias));
  SLUICE_RETURN_IF_ERROR(up.BindText(5, version_id));
  SLUICE_RETURN_IF_ERROR(up.Run());
  return tx.Commit();
}

Result<std::vector<AssetRecord>> SqliteCatalogStore::ListAssets(std::string_view env,
                                                                std::string_view project) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db_.get(),
                   "SELECT a.environment, a.project, a.name, a.kind, a.created_ms, "
                   "(SELECT version FROM aliases l WHERE l.environment = a.environment AND "
                   "l.project = a.project AND l.asset = a.name AND l.name = 'latest'), "
                   "(SELECT count(*) FROM versions v WHERE v.environment = a.environment AND "
                   "v.project = a.project AND v.asset = a.name) FROM assets a "
                   "WHERE (?1 = '' OR a.environment = ?1) AND (?2 = '' OR a.project = ?2) "
                   "ORDER BY a.environment, a.project, a.name"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, env));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, project));
  std::vector<AssetRecord> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    AssetRecord a;
    a.environment = q.ColumnText(0);
    a.project = q.ColumnText(1);
    a.name = q.ColumnText(2);
    a.kind = q.ColumnText(3);
    a.created_ms = q.ColumnInt64(4);
    a.latest = q.ColumnText(5);
    a.version_count = q.ColumnInt64(6);
    if (a.version_count > 0) out.push_back(std::move(a));
  }
}

Result<std::vector<VersionRecord>> SqliteCatalogStore::ListVersions(std::string_view env,
                                                                    std::string_view project,
                                                                    std::string_view asset) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q, Prep(db_.get(), "SELECT " SLUICE_VERSION_COLUMNS
                                                  "FROM versions v WHERE environment = ?1 AND "
                                                  "project = ?2 AND asset = ?3 ORDER BY seq DESC"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, env));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, project));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, asset));
  std::vector<VersionRecord> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    out.push_back(DecodeVersion(q));
  }
}

Status SqliteCatalogStore::DeleteVersions(std::span<const std::string> ids) {
  std::lock_guard lock(mu_);
  sqlite3* db = db_.get();
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(db));
  const std::unordered_set<std::string> doomed(ids.begin(), ids.end());
  SLUICE_ASSIGN_OR_RETURN(Stmt dependents,
                          Prep(db, "SELECT version FROM version_inputs WHERE input = ?1"));
  SLUICE_ASSIGN_OR_RETURN(
      Stmt where, Prep(db, "SELECT environment, project, asset FROM versions WHERE id = ?1"));
  std::set<std::tuple<std::string, std::string, std::string>> assets;
  for (const auto& id : doomed) {
    dependents.Reset();
    SLUICE_RETURN_IF_ERROR(dependents.BindText(1, id));
    SLUICE_ASSIGN_OR_RETURN(auto deps, Strings(dependents));
    for (const auto& d : deps) {
      if (!doomed.contains(d)) {
        return FailedPrecondition("version " + id + " is an input of version " + d +
                                  "; delete its dependents too (--cascade)");
      }
    }
    where.Reset();
    SLUICE_RETURN_IF_ERROR(where.BindText(1, id));
    SLUICE_ASSIGN_OR_RETURN(bool row, where.Step());
    if (!row) return NotFound("version " + id + " does not exist");
    assets.emplace(where.ColumnText(0), where.ColumnText(1), where.ColumnText(2));
  }
  // Inputs among the doomed are deleted in any order; check at commit.
  SLUICE_RETURN_IF_ERROR(db_.Exec("PRAGMA defer_foreign_keys = ON"));
  SLUICE_ASSIGN_OR_RETURN(Stmt del, Prep(db, "DELETE FROM versions WHERE id = ?1"));
  for (const auto& id : doomed) {
    del.Reset();
    SLUICE_RETURN_IF_ERROR(del.BindText(1, id));
    SLUICE_RETURN_IF_ERROR(del.Run());
  }
  for (const auto& [env, project, asset] : assets) {
    SLUICE_RETURN_IF_ERROR(RepairLatest(db, env, project, asset));
  }
  return tx.Commit();
}

Result<std::vector<std::string>> SqliteCatalogStore::ExpiredVersions(std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db_.get(),
                   "SELECT id FROM versions WHERE expires_ms IS NOT NULL AND expires_ms <= ?1 "
                   "ORDER BY expires_ms, id"));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(1, now_ms));
  return Strings(q);
}

Status SqliteCatalogStore::ForEachVersionLineage(
    const std::function<Status(const LineageNode&, const std::vector<std::string>& inputs)>& fn) {
  std::lock_guard lock(mu_);
  sqlite3* db = db_.get();
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::BeginRead(db));
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db,
                   "SELECT v.id, v.environment, v.project, v.asset, a.kind, v.copy_of, "
                   "(SELECT group_concat(input, ',') FROM version_inputs i WHERE i.version = v.id) "
                   "FROM versions v JOIN assets a ON a.environment = v.environment AND "
                   "a.project = v.project AND a.name = v.asset ORDER BY v.seq"));
  std::vector<std::string> inputs;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    LineageNode n{q.ColumnText(0),
                  q.ColumnText(1),
                  q.ColumnText(2),
                  q.ColumnText(3),
                  q.ColumnText(4),
                  q.ColumnText(5),
                  0};
    inputs.clear();
    const std::string list = q.ColumnText(6);
    for (std::size_t start = 0; start < list.size();) {
      std::size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      inputs.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
    SLUICE_RETURN_IF_ERROR(fn(n, inputs));
  }
  return tx.Commit();
}

Status SqliteCatalogStore::ForEachReferencedChunk(
    std::string_view domain, const std::function<Status(const ChunkUse&)>& fn) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db_.get(),
                   "SELECT DISTINCT c.chunk, c.size FROM version_chunks c JOIN versions v ON "
                   "v.id = c.version WHERE v.domain = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, domain));
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return Status::Ok();
    SLUICE_RETURN_IF_ERROR(fn(ChunkUse{q.ColumnText(0), AsUint(q.ColumnInt64(1))}));
  }
}

Result<std::vector<std::string>> SqliteCatalogStore::VersionsUsingChunk(std::string_view chunk_id) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db_.get(),
                   "SELECT version FROM version_chunks WHERE chunk = ?1 UNION "
                   "SELECT v.id FROM versions v JOIN version_chunks c ON c.version = v.chunks_of "
                   "WHERE c.chunk = ?1 ORDER BY 1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, chunk_id));
  return Strings(q);
}

Result<std::vector<ProjectUsage>> SqliteCatalogStore::Usage(std::string_view env) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db_.get(),
                   "SELECT p.environment, p.name, p.quota_bytes, (SELECT coalesce(sum(size), 0) "
                   "FROM (SELECT DISTINCT c.chunk, c.size FROM versions v JOIN version_chunks c "
                   "ON c.version = coalesce(v.chunks_of, v.id) WHERE v.environment = "
                   "p.environment AND v.project = p.name)) FROM projects p WHERE ?1 = '' OR "
                   "p.environment = ?1 "
                   "ORDER BY p.environment, p.name"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, env));
  std::vector<ProjectUsage> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    out.push_back(
        {q.ColumnText(0), q.ColumnText(1), AsUint(q.ColumnInt64(3)), AsUint(q.ColumnInt64(2))});
  }
}

Result<std::uint64_t> SqliteCatalogStore::UsageWith(std::string_view env, std::string_view project,
                                                    std::span<const ChunkUse> extra) {
  std::lock_guard lock(mu_);
  sqlite3* db = db_.get();
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::BeginRead(db));
  SLUICE_ASSIGN_OR_RETURN(
      Stmt total, Prep(db,
                       "SELECT coalesce(sum(size), 0) FROM (SELECT DISTINCT c.chunk, c.size FROM "
                       "versions v JOIN version_chunks c ON c.version = coalesce(v.chunks_of, "
                       "v.id) WHERE v.environment = ?1 AND v.project = ?2)"));
  SLUICE_RETURN_IF_ERROR(total.BindText(1, env));
  SLUICE_RETURN_IF_ERROR(total.BindText(2, project));
  SLUICE_ASSIGN_OR_RETURN(bool row, total.Step());
  std::uint64_t used = row ? AsUint(total.ColumnInt64(0)) : 0;
  SLUICE_ASSIGN_OR_RETURN(
      Stmt has, Prep(db,
                     "SELECT 1 FROM version_chunks c JOIN versions v ON c.version = "
                     "coalesce(v.chunks_of, v.id) WHERE c.chunk = ?1 AND v.environment = ?2 AND "
                     "v.project = ?3 LIMIT 1"));
  std::unordered_set<std::string> seen;
  for (const auto& c : extra) {
    if (!seen.insert(c.id).second) continue;
    has.Reset();
    SLUICE_RETURN_IF_ERROR(has.BindText(1, c.id));
    SLUICE_RETURN_IF_ERROR(has.BindText(2, env));
    SLUICE_RETURN_IF_ERROR(has.BindText(3, project));
    SLUICE_ASSIGN_OR_RETURN(bool present, has.Step());
    if (!present) used += c.size;
  }
  SLUICE_RETURN_IF_ERROR(tx.Commit());
  return used;
}

#undef SLUICE_VERSION_COLUMNS

}  // namespace sluice::store

namespace sluice::store {

Result<std::vector<ClassifiedBytes>> SqliteCatalogStore::BytesByClassification() {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q,
      Prep(db_.get(),
           "SELECT domain, COALESCE(json_extract(metadata, '$.classification'), '[]') AS c, "
           "SUM(bytes) FROM versions GROUP BY domain, c ORDER BY domain, c"));
  std::vector<ClassifiedBytes> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    out.push_back({q.ColumnText(0), q.ColumnText(1), AsUint(q.ColumnInt64(2))});
  }
}

Result<std::vector<CopyCount>> SqliteCatalogStore::CopiesByEnvironment(
    std::int64_t expiring_before_ms) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Prep(db_.get(),
                   "SELECT environment, COUNT(*), SUM(expires_ms IS NOT NULL AND expires_ms < ?1) "
                   "FROM versions WHERE copy_of IS NOT NULL AND copy_of != '' GROUP BY "
                   "environment ORDER BY environment"));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(1, expiring_before_ms));
  std::vector<CopyCount> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    out.push_back({q.ColumnText(0), AsUint(q.ColumnInt64(1)), AsUint(q.ColumnInt64(2))});
  }
}

}  // namespace sluice::store
