#include "store/sqlite_promotion_store.h"

#include <nlohmann/json.hpp>

#include "store/migrations.h"
#include "store/sqlite_statement.h"

namespace sluice::store {
namespace {

using Stmt = SqliteStatement;

std::string EncodeIds(const std::vector<std::string>& ids) {
  return nlohmann::json(ids).dump();
}

Result<std::vector<std::string>> DecodeIds(const std::string& text) {
  nlohmann::json a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return DataLoss("a stored promotion's version list is not a JSON array");
  std::vector<std::string> ids;
  for (const auto& id : a) {
    if (!id.is_string()) return DataLoss("a stored promotion's version id is not a string");
    ids.push_back(id.get<std::string>());
  }
  return ids;
}

}  // namespace

Result<std::unique_ptr<SqlitePromotionStore>> SqlitePromotionStore::Open(const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(SqliteDb db, SqliteDb::OpenDurable(path, "promotion"));
  SLUICE_RETURN_IF_ERROR(ApplyMigrations(db.get()));
  return std::unique_ptr<SqlitePromotionStore>(new SqlitePromotionStore(std::move(db)));
}

Status SqlitePromotionStore::CreatePromotion(const PromotionRecord& p) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "INSERT INTO promotions (id, from_env, to_env, versions, content_hash, "
                            "justification, requester, state, created_ms, updated_ms, kind, "
                            "release, aliases, rollback, gates, message) VALUES "
                            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13, ?14, "
                            "?15)"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, p.id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, p.from));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, p.to));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, EncodeIds(p.versions)));
  SLUICE_RETURN_IF_ERROR(q.BindText(5, p.content_hash));
  SLUICE_RETURN_IF_ERROR(q.BindText(6, p.justification));
  SLUICE_RETURN_IF_ERROR(q.BindText(7, p.requester));
  SLUICE_RETURN_IF_ERROR(q.BindText(8, p.state));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(9, p.created_ms));
  SLUICE_RETURN_IF_ERROR(q.BindText(10, p.kind));
  SLUICE_RETURN_IF_ERROR(q.BindText(11, p.release));
  SLUICE_RETURN_IF_ERROR(q.BindText(12, EncodeIds(p.aliases)));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(13, p.rollback ? 1 : 0));
  SLUICE_RETURN_IF_ERROR(q.BindText(14, p.gates));
  SLUICE_RETURN_IF_ERROR(q.BindText(15, p.message));
  return q.Run();
}

Result<PromotionRecord> SqlitePromotionStore::Read(std::string_view id) {
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "SELECT id, from_env, to_env, versions, content_hash, justification, "
                            "requester, state, created_ms, updated_ms, promoted, message, kind, "
                            "release, aliases, rollback, gates, runner, attestation FROM "
                            "promotions WHERE id = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFound("promotion " + std::string(id) + " does not exist");
  PromotionRecord p;
  p.id = q.ColumnText(0);
  p.from = q.ColumnText(1);
  p.to = q.ColumnText(2);
  SLUICE_ASSIGN_OR_RETURN(p.versions, DecodeIds(q.ColumnText(3)));
  p.content_hash = q.ColumnText(4);
  p.justification = q.ColumnText(5);
  p.requester = q.ColumnText(6);
  p.state = q.ColumnText(7);
  p.created_ms = q.ColumnInt64(8);
  p.updated_ms = q.ColumnInt64(9);
  SLUICE_ASSIGN_OR_RETURN(p.promoted, DecodeIds(q.ColumnText(10)));
  p.message = q.ColumnText(11);
  p.kind = q.ColumnText(12);
  p.release = q.ColumnText(13);
  SLUICE_ASSIGN_OR_RETURN(p.aliases, DecodeIds(q.ColumnText(14)));
  p.rollback = q.ColumnInt64(15) != 0;
  p.gates = q.ColumnText(16);
  p.runner = q.ColumnText(17);
  p.attestation = q.ColumnText(18);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt d, Stmt::Prepare(db_.get(),
                            "SELECT approver, content_hash, approve, comment, decided_ms FROM "
                            "promotion_approvals WHERE promotion_id = ?1 ORDER BY decided_ms, "
                            "approver"));
  SLUICE_RETURN_IF_ERROR(d.BindText(1, id));
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool more, d.Step());
    if (!more) break;
    p.decisions.push_back({d.ColumnText(0), d.ColumnText(1), d.ColumnInt64(2) != 0, d.ColumnText(3),
                           d.ColumnInt64(4)});
  }
  return p;
}

Result<PromotionRecord> SqlitePromotionStore::GetPromotion(std::string_view id) {
  std::lock_guard lock(mu_);
  return Read(id);
}

Result<std::vector<PromotionRecord>> SqlitePromotionStore::ListPromotions(int limit) {
  if (limit < 1 || limit > 1000) return InvalidArgument("limit must be 1..1000");
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q,
                          Stmt::Prepare(db_.get(),
                                        "SELECT id FROM promotions ORDER BY created_ms DESC, id "
                                        "LIMIT ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(1, limit));
  std::vector<std::string> ids;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ids.push_back(q.ColumnText(0));
  }
  std::vector<PromotionRecord> out;
  for (const auto& id : ids) {
    SLUICE_ASSIGN_OR_RETURN(PromotionRecord p, Read(id));
    out.push_back(std::move(p));
  }
  return out;
}

Status SqlitePromotionStore::AddPromotionDecision(std::string_view id, const PromotionDecision& d) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q,
      Stmt::Prepare(db_.get(),
                    "INSERT INTO promotion_approvals (promotion_id, approver, content_hash, "
                    "approve, comment, decided_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, d.approver));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, d.content_hash));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(4, d.approve ? 1 : 0));
  SLUICE_RETURN_IF_ERROR(q.BindText(5, d.comment));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(6, d.decided_ms));
  Status s = q.Run();
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists(d.approver + " has already decided on promotion " + std::string(id));
  }
  return s;
}

Status SqlitePromotionStore::UpdatePromotion(const PromotionRecord& next,
                                             std::string_view expected_state) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "UPDATE promotions SET state = ?3, versions = ?4, content_hash = ?5, "
                            "aliases = ?6, rollback = ?7, gates = ?8, promoted = ?9, runner = ?10, "
                            "attestation = ?11, message = ?12, updated_ms = ?13, justification = "
                            "?14 WHERE id = ?1 AND state = ?2 RETURNING id"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, next.id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, expected_state));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, next.state));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, EncodeIds(next.versions)));
  SLUICE_RETURN_IF_ERROR(q.BindText(5, next.content_hash));
  SLUICE_RETURN_IF_ERROR(q.BindText(6, EncodeIds(next.aliases)));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(7, next.rollback ? 1 : 0));
  SLUICE_RETURN_IF_ERROR(q.BindText(8, next.gates));
  SLUICE_RETURN_IF_ERROR(q.BindText(9, EncodeIds(next.promoted)));
  SLUICE_RETURN_IF_ERROR(q.BindText(10, next.runner));
  SLUICE_RETURN_IF_ERROR(q.BindText(11, next.attestation));
  SLUICE_RETURN_IF_ERROR(q.BindText(12, next.message));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(13, next.updated_ms));
  SLUICE_RETURN_IF_ERROR(q.BindText(14, next.justification));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (row) {
    SLUICE_ASSIGN_OR_RETURN(bool more, q.Step());
    (void)more;
    return Status::Ok();
  }
  SLUICE_ASSIGN_OR_RETURN(PromotionRecord current, Read(next.id));
  return FailedPrecondition("promotion " + next.id + " is " + current.state + ", not " +
                            std::string(expected_state));
}

Status SqlitePromotionStore::CreateRelease(const ReleaseRecord& r) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "INSERT INTO releases (name, components, creator, justification, "
                            "created_ms) VALUES (?1, ?2, ?3, ?4, ?5)"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, r.name));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, EncodeIds(r.components)));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, r.creator));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, r.justification));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(5, r.created_ms));
  Status s = q.Run();
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("release " + r.name + " already exists");
  }
  return s;
}

Result<std::vector<ReleaseRecord>> SqlitePromotionStore::ReadReleases(std::string_view name,
                                                                      int limit) {
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q,
      Stmt::Prepare(db_.get(), name.empty()
                                   ? "SELECT name, components, creator, justification, created_ms "
                                     "FROM releases ORDER BY created_ms DESC, name LIMIT ?2"
                                   : "SELECT name, components, creator, justification, created_ms "
                                     "FROM releases WHERE name = ?1 LIMIT ?2"));
  if (!name.empty()) SLUICE_RETURN_IF_ERROR(q.BindText(1, name));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(2, limit));
  std::vector<ReleaseRecord> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ReleaseRecord r;
    r.name = q.ColumnText(0);
    SLUICE_ASSIGN_OR_RETURN(r.components, DecodeIds(q.ColumnText(1)));
    r.creator = q.ColumnText(2);
    r.justification = q.ColumnText(3);
    r.created_ms = q.ColumnInt64(4);
    out.push_back(std::move(r));
  }
  return out;
}

Result<ReleaseRecord> SqlitePromotionStore::GetRelease(std::string_view name) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(std::vector<ReleaseRecord> found, ReadReleases(name, 1));
  if (found.empty()) return NotFound("release " + std::string(name) + " does not exist");
  return std::move(found.front());
}

Result<std::vector<ReleaseRecord>> SqlitePromotionStore::ListReleases(int limit) {
  if (limit < 1 || limit > 1000) return InvalidArgument("limit must be 1..1000");
  std::lock_guard lock(mu_);
  return ReadReleases("", limit);
}

Result<std::int64_t> SqlitePromotionStore::AddReleaseRoll(const ReleaseRoll& roll) {
  nlohmann::json placed = nlohmann::json::object();
  for (const auto& [env, ids] : roll.placed) placed[env] = ids;
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "INSERT INTO release_rolls (release, runner, rolled_ms, rollback, "
                            "placed) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING seq"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, roll.release));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, roll.runner));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(3, roll.rolled_ms));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(4, roll.rollback ? 1 : 0));
  SLUICE_RETURN_IF_ERROR(q.BindText(5, placed.dump()));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return Internal("inserting a release roll returned no sequence number");
  const std::int64_t seq = q.ColumnInt64(0);
  SLUICE_ASSIGN_OR_RETURN(bool more, q.Step());
  (void)more;
  return seq;
}

Result<std::vector<ReleaseRoll>> SqlitePromotionStore::ListReleaseRolls(int limit) {
  if (limit < 1 || limit > 1000) return InvalidArgument("limit must be 1..1000");
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "SELECT seq, release, runner, rolled_ms, rollback, placed FROM "
                            "release_rolls ORDER BY seq DESC LIMIT ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(1, limit));
  std::vector<ReleaseRoll> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ReleaseRoll r;
    r.seq = q.ColumnInt64(0);
    r.release = q.ColumnText(1);
    r.runner = q.ColumnText(2);
    r.rolled_ms = q.ColumnInt64(3);
    r.rollback = q.ColumnInt64(4) != 0;
    nlohmann::json placed = nlohmann::json::parse(q.ColumnText(5), nullptr, false);
    if (!placed.is_object()) return DataLoss("a stored release roll's placement is not an object");
    for (const auto& [env, ids] : placed.items()) {
      SLUICE_ASSIGN_OR_RETURN(std::vector<std::string> list, DecodeIds(ids.dump()));
      r.placed.emplace_back(env, std::move(list));
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace sluice::store
