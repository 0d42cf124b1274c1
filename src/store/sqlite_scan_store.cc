// SqliteCatalogStore: the scans of versions (migration V7).
#include <nlohmann/json.hpp>

#include "store/sqlite_catalog_store.h"
#include "store/sqlite_statement.h"

namespace sluice::store {

Status SqliteCatalogStore::PutScan(const ScanRecord& scan) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(
          db_.get(),
          "INSERT INTO version_scans (version, state, classification, report, updated_ms) "
          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (version) DO UPDATE SET state = ?2, "
          "classification = ?3, report = ?4, updated_ms = ?5"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, scan.version));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, scan.state));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, nlohmann::json(scan.classification).dump()));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, scan.report));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(5, scan.updated_ms));
  Status s = q.Run();
  if (s.code() == StatusCode::kFailedPrecondition || s.code() == StatusCode::kAlreadyExists) {
    return NotFound("version " + scan.version + " does not exist");
  }
  return s;
}

Result<ScanRecord> SqliteCatalogStore::GetScan(std::string_view version) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(db_.get(),
                               "SELECT state, classification, report, updated_ms FROM "
                               "version_scans WHERE version = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, version));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFound("version " + std::string(version) + " has not been scanned");
  ScanRecord scan;
  scan.version = std::string(version);
  scan.state = q.ColumnText(0);
  nlohmann::json labels = nlohmann::json::parse(q.ColumnText(1), nullptr, false);
  if (!labels.is_array()) return DataLoss("a stored scan's classification is not a JSON array");
  for (const auto& l : labels) {
    if (l.is_string()) scan.classification.push_back(l.get<std::string>());
  }
  scan.report = q.ColumnText(2);
  scan.updated_ms = q.ColumnInt64(3);
  return scan;
}

Result<std::vector<std::string>> SqliteCatalogStore::PendingScans(int limit) {
  if (limit < 1 || limit > 10000) return InvalidArgument("limit must be 1..10000");
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(db_.get(),
                               "SELECT version FROM version_scans WHERE state = 'scanning' "
                               "ORDER BY updated_ms, version LIMIT ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(1, limit));
  std::vector<std::string> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(q.ColumnText(0));
  }
  return out;
}

}  // namespace sluice::store
