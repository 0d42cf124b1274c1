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
