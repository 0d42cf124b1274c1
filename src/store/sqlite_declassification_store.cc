// SqliteCatalogStore: declassification requests (migration V8).
#include <nlohmann/json.hpp>

#include "store/sqlite_catalog_store.h"
#include "store/sqlite_statement.h"

namespace sluice::store {
namespace {

constexpr const char* kColumns =
    "id, version, environment, labels, justification, requester, state, decisions, created_ms, "
    "updated_ms";

std::string DecisionsJson(const std::vector<DeclassificationDecision>& decisions) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : decisions) {
    out.push_back({{"approver", d.approver},
                   {"approve", d.approve},
                   {"comment", d.comment},
                   {"time_ms", d.time_ms}});
  }
  return out.dump();
}

Result<DeclassificationRecord> ReadRow(SqliteStatement& q) {
  DeclassificationRecord r;
  r.id = q.ColumnText(0);
  r.version = q.ColumnText(1);
  r.environment = q.ColumnText(2);
  nlohmann::json labels = nlohmann::json::parse(q.ColumnText(3), nullptr, false);
  nlohmann::json decisions = nlohmann::json::parse(q.ColumnText(7), nullptr, false);
  if (!labels.is_array() || !decisions.is_array()) {
    return DataLoss("declassification " + r.id + " has labels or decisions that are not JSON");
  }
  for (const auto& l : labels) {
    if (l.is_string()) r.labels.push_back(l.get<std::string>());
  }
  for (const auto& d : decisions) {
    if (!d.is_object()) continue;
    r.decisions.push_back({d.value("approver", ""), d.value("approve", false),
                           d.value("comment", ""), d.value("time_ms", std::int64_t{0})});
  }
  r.justification = q.ColumnText(4);
  r.requester = q.ColumnText(5);
  r.state = q.ColumnText(6);
  r.created_ms = q.ColumnInt64(8);
  r.updated_ms = q.ColumnInt64(9);
  return r;
}

}  // namespace

Status SqliteCatalogStore::CreateDeclassification(const DeclassificationRecord& r) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(SqliteStatement q,
                          SqliteStatement::Prepare(
                              db_.get(), std::string("INSERT INTO declassifications (") + kColumns +
                                             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                             "?8, ?9, ?10)"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, r.id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, r.version));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, r.environment));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, nlohmann::json(r.labels).dump()));
  SLUICE_RETURN_IF_ERROR(q.BindText(5, r.justification));
  SLUICE_RETURN_IF_ERROR(q.BindText(6, r.requester));
  SLUICE_RETURN_IF_ERROR(q.BindText(7, r.state));
  SLUICE_RETURN_IF_ERROR(q.BindText(8, DecisionsJson(r.decisions)));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(9, r.created_ms));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(10, r.updated_ms));
  Status s = q.Run();
  if (s.code() == StatusCode::kFailedPrecondition) {
    return NotFound("version " + r.version + " does not exist");
  }
  return s;
}

Result<DeclassificationRecord> SqliteCatalogStore::GetDeclassification(std::string_view id) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(
          db_.get(), std::string("SELECT ") + kColumns + " FROM declassifications WHERE id = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFound("no declassification " + std::string(id.substr(0, 64)));
  return ReadRow(q);
}

Result<std::vector<DeclassificationRecord>> SqliteCatalogStore::ListDeclassifications(
    std::string_view version) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(db_.get(), std::string("SELECT ") + kColumns +
                                              " FROM declassifications WHERE ?1 = '' OR "
                                              "version = ?1 ORDER BY created_ms DESC, id"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, version));
  std::vector<DeclassificationRecord> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    SLUICE_ASSIGN_OR_RETURN(DeclassificationRecord r, ReadRow(q));
    out.push_back(std::move(r));
  }
  return out;
}

Status SqliteCatalogStore::UpdateDeclassification(const DeclassificationRecord& r,
                                                  std::string_view expected_state) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(db_.get(),
                               "UPDATE declassifications SET state = ?2, decisions = ?3, "
                               "updated_ms = ?4 WHERE id = ?1 AND state = ?5 RETURNING id"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, r.id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, r.state));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, DecisionsJson(r.decisions)));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(4, r.updated_ms));
  SLUICE_RETURN_IF_ERROR(q.BindText(5, expected_state));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) {
    return FailedPrecondition("declassification " + r.id + " is no longer " +
                              std::string(expected_state) + " (decided meanwhile)");
  }
  SLUICE_ASSIGN_OR_RETURN(bool more, q.Step());
  (void)more;
  return Status::Ok();
}

Result<std::vector<std::string>> SqliteCatalogStore::DeclassifiedLabels(std::string_view version) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(db_.get(),
                               "SELECT DISTINCT j.value FROM declassifications, "
                               "json_each(declassifications.labels) AS j WHERE version = ?1 AND "
                               "state = 'approved' ORDER BY j.value"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, version));
  std::vector<std::string> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(q.ColumnText(0));
  }
  return out;
}

}  // namespace sluice::store
