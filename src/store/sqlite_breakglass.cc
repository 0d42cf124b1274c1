// SqliteControlStore, break-glass requests and their approvals (V4 tables).
#include "store/sqlite_control_store.h"
#include "store/sqlite_statement.h"

namespace sluice::store {

using Stmt = SqliteStatement;

Status SqliteControlStore::CreateBreakGlass(const BreakGlassRecord& r) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q,
      Stmt::Prepare(db_.get(),
                    "INSERT INTO breakglass_requests (id, requester, environment, reason, "
                    "ttl_s, created_ms, session_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, r.id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, r.requester));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, r.environment));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, r.reason));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(5, r.ttl_s));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(6, r.created_ms));
  return q.Run();
}

Result<BreakGlassRecord> SqliteControlStore::ReadBreakGlass(std::string_view id) {
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "SELECT id, requester, environment, reason, ttl_s, created_ms, "
                            "session_id FROM breakglass_requests WHERE id = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFound("break-glass request " + std::string(id) + " does not exist");
  BreakGlassRecord r;
  r.id = q.ColumnText(0);
  r.requester = q.ColumnText(1);
  r.environment = q.ColumnText(2);
  r.reason = q.ColumnText(3);
  r.ttl_s = q.ColumnInt64(4);
  r.created_ms = q.ColumnInt64(5);
  if (!q.ColumnIsNull(6)) r.session_id = q.ColumnText(6);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt a, Stmt::Prepare(db_.get(),
                            "SELECT approver, approved_ms, comment FROM breakglass_approvals "
                            "WHERE request_id = ?1 ORDER BY approved_ms, approver"));
  SLUICE_RETURN_IF_ERROR(a.BindText(1, id));
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool more, a.Step());
    if (!more) break;
    r.approvals.push_back({a.ColumnText(0), a.ColumnInt64(1), a.ColumnText(2)});
  }
  return r;
}

Result<BreakGlassRecord> SqliteControlStore::GetBreakGlass(std::string_view id) {
  std::lock_guard lock(mu_);
  return ReadBreakGlass(id);
}

Result<std::vector<BreakGlassRecord>> SqliteControlStore::ListBreakGlass() {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q,
                          Stmt::Prepare(db_.get(),
                                        "SELECT id FROM breakglass_requests ORDER BY created_ms "
                                        "DESC, id LIMIT 200"));
  std::vector<std::string> ids;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    ids.push_back(q.ColumnText(0));
  }
  std::vector<BreakGlassRecord> out;
  for (const auto& id : ids) {
    SLUICE_ASSIGN_OR_RETURN(BreakGlassRecord r, ReadBreakGlass(id));
    out.push_back(std::move(r));
  }
  return out;
}

Status SqliteControlStore::AddBreakGlassApproval(std::string_view id, const BreakGlassApproval& a) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      Stmt q, Stmt::Prepare(db_.get(),
                            "INSERT INTO breakglass_approvals (request_id, approver, approved_ms, "
                            "comment) VALUES (?1, ?2, ?3, ?4)"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, a.approver));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(3, a.approved_ms));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, a.comment));
  Status s = q.Run();
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists(a.approver + " has already approved break-glass request " +
                         std::string(id));
  }
  return s;
}

Status SqliteControlStore::MarkBreakGlassOpened(std::string_view id, std::string_view session_id) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(Stmt q,
                          Stmt::Prepare(db_.get(),
                                        "UPDATE breakglass_requests SET session_id = ?2 WHERE id = "
                                        "?1 AND session_id IS NULL RETURNING id"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, session_id));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) {
    return FailedPrecondition("break-glass request " + std::string(id) +
                              " does not exist or has already been used");
  }
  SLUICE_ASSIGN_OR_RETURN(bool more, q.Step());
  (void)more;
  return Status::Ok();
}

}  // namespace sluice::store
