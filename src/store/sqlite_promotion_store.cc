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
                            "justification, requester, state, created_ms, updated_ms) VALUES "
                            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, p.id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, p.from));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, p.to));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, EncodeIds(p.versions)));
  SLUICE_RETURN_IF_ERROR(q.BindText(5, p.content_hash));
  SLUICE_RETURN_IF_ERROR(q.BindText(6, p.justification));
  SLUICE_RETURN_IF_ERROR(q.BindText(7, p.requester));
  SLUICE_RETURN_IF_ERROR(q.BindText(8, p.state));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(9, p.created_ms));
  return q.Run();
}

Result<PromotionRecord> SqlitePromotionStore::Read(std::string_view id) {
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "SELECT id, from_env, to_env, versions, content_hash, justification, "
                            "requester, state, created_ms, updated_ms, promoted, message FROM "
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

Status SqlitePromotionStore::SetPromotionState(std::string_view id, std::string_view expected_state,
                                               std::string_view state,
                                               const std::vector<std::string>& promoted,
                                               std::string_view message, std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "UPDATE promotions SET state = ?3, promoted = ?4, message = ?5, "
                            "updated_ms = ?6 WHERE id = ?1 AND state = ?2 RETURNING id"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, expected_state));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, state));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, EncodeIds(promoted)));
  SLUICE_RETURN_IF_ERROR(q.BindText(5, message));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(6, now_ms));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (row) {
    SLUICE_ASSIGN_OR_RETURN(bool more, q.Step());
    (void)more;
    return Status::Ok();
  }
  SLUICE_ASSIGN_OR_RETURN(PromotionRecord current, Read(id));
  return FailedPrecondition("promotion " + std::string(id) + " is " + current.state + ", not " +
                            std::string(expected_state));
}

}  // namespace sluice::store
