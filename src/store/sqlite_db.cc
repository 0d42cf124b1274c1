#include "store/sqlite_db.h"

#include <string>

namespace sluice::store {

Status SqliteError(sqlite3* db, int rc, std::string_view context) {
  std::string message(context);
  message += ": ";
  // sqlite3_errmsg describes the most recent failure on the connection,
  // which is `rc` when called right after the failing call.
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable(std::move(message));
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE) {
        return AlreadyExists(std::move(message));
      }
      return FailedPrecondition(std::move(message));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DataLoss(std::move(message));
    case SQLITE_FULL:
      return ResourceExhausted(std::move(message));
    default:
      return Internal(std::move(message));
  }
}

Result<SqliteDb> SqliteDb::OpenDurable(const std::string& path, std::string_view what) {
  constexpr int kBusyTimeoutMs = 5000;
  if (path.empty()) return InvalidArgument(std::string(what) + " database path must not be empty");
  SLUICE_ASSIGN_OR_RETURN(SqliteDb db, Open(path));
  const int rc = sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  if (rc != SQLITE_OK) return SqliteError(db.get(), rc, "cannot set busy timeout");
  SLUICE_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  SLUICE_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = WAL"));
  SLUICE_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = FULL"));
  return db;
}

Result<SqliteDb> SqliteDb::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  // sqlite3_open_v2 may hand back a handle even on failure; own it either way.
  SqliteDb db(raw);
  if (rc != SQLITE_OK) {
    return SqliteError(raw, rc, "cannot open SQLite database \"" + path + "\"");
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Status SqliteDb::Exec(const char* sql) {
  const int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_.get(), rc, "SQL failed");
  return Status::Ok();
}

}  // namespace sluice::store
