#include "store/sqlite_transaction.h"

#include <utility>

#include "store/sqlite_db.h"

namespace sluice::store {

Result<SqliteTransaction> SqliteTransaction::Start(sqlite3* db, const char* sql) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, rc, "cannot begin transaction");
  return SqliteTransaction(db);
}

Result<SqliteTransaction> SqliteTransaction::Begin(sqlite3* db) {
  return Start(db, "BEGIN IMMEDIATE");
}

Result<SqliteTransaction> SqliteTransaction::BeginRead(sqlite3* db) {
  return Start(db, "BEGIN DEFERRED");
}

SqliteTransaction::SqliteTransaction(SqliteTransaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)) {}

SqliteTransaction::~SqliteTransaction() {
  // After some errors (e.g. SQLITE_FULL) SQLite has already rolled back by
  // itself; the connection is then in autocommit mode and a ROLLBACK would
  // only fail.
  if (db_ != nullptr && sqlite3_get_autocommit(db_) == 0) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

Status SqliteTransaction::Commit() {
  if (db_ == nullptr) return Internal("commit of a finished transaction");
  const int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "cannot commit transaction");
  db_ = nullptr;
  return Status::Ok();
}

}  // namespace sluice::store
