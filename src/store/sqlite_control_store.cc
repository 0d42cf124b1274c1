#include "store/sqlite_control_store.h"

#include <nlohmann/json.hpp>

#include "store/migrations.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"

namespace sluice::store {
namespace {

using Stmt = SqliteStatement;

std::string EncodeFiles(const std::vector<PolicyFile>& files) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& f : files) a.push_back({{"name", f.name}, {"text", f.text}});
  return a.dump();
}

Result<std::vector<PolicyFile>> DecodeFiles(const std::string& text) {
  nlohmann::json a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return DataLoss("a stored policy version is not a JSON array");
  std::vector<PolicyFile> files;
  for (const auto& f : a) {
    if (!f.is_object() || !f.value("name", nlohmann::json()).is_string() ||
        !f.value("text", nlohmann::json()).is_string()) {
      return DataLoss("a stored policy file is malformed");
    }
    files.push_back({f["name"].get<std::string>(), f["text"].get<std::string>()});
  }
  return files;
}

constexpr const char* kPolicyColumns =
    "SELECT version, files, author, created_ms, comment FROM "
    "policy_versions ";

Result<PolicyVersion> DecodePolicy(const Stmt& q) {
  PolicyVersion v;
  v.version = q.ColumnInt64(0);
  SLUICE_ASSIGN_OR_RETURN(v.files, DecodeFiles(q.ColumnText(1)));
  v.author = q.ColumnText(2);
  v.created_ms = q.ColumnInt64(3);
  v.comment = q.ColumnText(4);
  return v;
}

constexpr const char* kSessionColumns =
    "SELECT id, secret_hash, principal, environment, purpose, created_ms, expires_ms, closed_ms, "
    "break_glass FROM sessions ";

SessionRecord DecodeSession(const Stmt& q) {
  SessionRecord s;
  s.id = q.ColumnText(0);
  s.secret_hash = q.ColumnText(1);
  s.principal = q.ColumnText(2);
  s.environment = q.ColumnText(3);
  s.purpose = q.ColumnText(4);
  s.created_ms = q.ColumnInt64(5);
  s.expires_ms = q.ColumnInt64(6);
  if (!q.ColumnIsNull(7)) s.closed_ms = q.ColumnInt64(7);
  s.break_glass = q.ColumnInt64(8) != 0;
  return s;
}

}  // namespace

Result<std::unique_ptr<SqliteControlStore>> SqliteControlStore::Open(const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(SqliteDb db, SqliteDb::OpenDurable(path, "control"));
  SLUICE_RETURN_IF_ERROR(ApplyMigrations(db.get()));
  return std::unique_ptr<SqliteControlStore>(new SqliteControlStore(std::move(db)));
}

Result<std::int64_t> SqliteControlStore::AddPolicyVersion(const PolicyVersion& v) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "INSERT INTO policy_versions (version, files, author, created_ms, "
                            "comment) SELECT COALESCE(MAX(version), 0) + 1, ?1, ?2, ?3, ?4 FROM "
                            "policy_versions RETURNING version"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, EncodeFiles(v.files)));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, v.author));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(3, v.created_ms));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, v.comment));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return Internal("inserting a policy version returned no row");
  const std::int64_t version = q.ColumnInt64(0);
  SLUICE_ASSIGN_OR_RETURN(bool more, q.Step());
  (void)more;
  return version;
}

Result<PolicyVersion> SqliteControlStore::GetPolicyVersion(std::int64_t version) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(), std::string(kPolicyColumns) + "WHERE version = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(1, version));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFound("policy version " + std::to_string(version) + " does not exist");
  return DecodePolicy(q);
}

Result<std::optional<PolicyVersion>> SqliteControlStore::LatestPolicyVersion() {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q, Stmt::Prepare(db_.get(), std::string(kPolicyColumns) +
                                                               "ORDER BY version DESC LIMIT 1"));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return std::optional<PolicyVersion>();
  SLUICE_ASSIGN_OR_RETURN(PolicyVersion v, DecodePolicy(q));
  return std::optional<PolicyVersion>(std::move(v));
}

Result<std::vector<PolicyVersion>> SqliteControlStore::ListPolicyVersions() {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(), std::string(kPolicyColumns) + "ORDER BY version DESC"));
  std::vector<PolicyVersion> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    SLUICE_ASSIGN_OR_RETURN(PolicyVersion v, DecodePolicy(q));
    out.push_back(std::move(v));
  }
}

Status SqliteControlStore::CreateSession(const SessionRecord& s) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "INSERT INTO sessions (id, secret_hash, principal, environment, "
                            "purpose, created_ms, expires_ms, closed_ms, break_glass) VALUES (?1, "
                            "?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8)"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, s.id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, s.secret_hash));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, s.principal));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, s.environment));
  SLUICE_RETURN_IF_ERROR(q.BindText(5, s.purpose));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(6, s.created_ms));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(7, s.expires_ms));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(8, s.break_glass ? 1 : 0));
  return q.Run();
}

Result<SessionRecord> SqliteControlStore::GetSession(std::string_view id) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q,
                          Stmt::Prepare(db_.get(), std::string(kSessionColumns) + "WHERE id = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFound("session " + std::string(id) + " does not exist");
  return DecodeSession(q);
}

Result<std::vector<SessionRecord>> SqliteControlStore::ListSessions(std::string_view principal,
                                                                    bool include_ended,
                                                                    std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(), std::string(kSessionColumns) +
                                           "WHERE (?1 = '' OR principal = ?1) AND (?2 OR "
                                           "(closed_ms IS NULL AND expires_ms > ?3)) ORDER BY "
                                           "created_ms DESC, id LIMIT 1000"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, principal));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(2, include_ended ? 1 : 0));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(3, now_ms));
  std::vector<SessionRecord> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    out.push_back(DecodeSession(q));
  }
}

Status SqliteControlStore::CloseSession(std::string_view id, std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q,
                          Stmt::Prepare(db_.get(),
                                        "UPDATE sessions SET closed_ms = ?2 WHERE id = ?1 AND "
                                        "closed_ms IS NULL RETURNING id"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(2, now_ms));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (row) {
    SLUICE_ASSIGN_OR_RETURN(bool more, q.Step());
    (void)more;
    return Status::Ok();
  }
  SLUICE_ASSIGN_OR_RETURN(Stmt exists,
                          Stmt::Prepare(db_.get(), "SELECT 1 FROM sessions WHERE id = ?1"));
  SLUICE_RETURN_IF_ERROR(exists.BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(bool found, exists.Step());
  if (!found) return NotFound("session " + std::string(id) + " does not exist");
  return FailedPrecondition("session " + std::string(id) + " is already closed");
}

Result<std::int64_t> SqliteControlStore::CountOpenSessions(std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q,
                          Stmt::Prepare(db_.get(),
                                        "SELECT COUNT(*) FROM sessions WHERE closed_ms IS NULL "
                                        "AND expires_ms > ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(1, now_ms));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return Internal("COUNT returned no row");
  return q.ColumnInt64(0);
}

}  // namespace sluice::store
