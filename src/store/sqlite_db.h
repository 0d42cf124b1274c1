// SqliteDb: owns one sqlite3 connection (RAII), and SqliteError, which maps
// SQLite result codes to Status.
//
// Ownership: SqliteDb owns the handle and closes it on destruction with
// sqlite3_close_v2, so statements still alive then do not leak the
// connection; still, finalize statements first (declare them after the
// SqliteDb they use).
//
// Thread-safety: none. The connection is opened with SQLITE_OPEN_NOMUTEX;
// the owner serializes all use of it (SqliteStore holds a mutex).
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::store {

// Maps a SQLite result code (primary or extended) to a Status whose message
// is "<context>: <sqlite message>":
//   BUSY, LOCKED                        -> kUnavailable (transient; retry)
//   CONSTRAINT_PRIMARYKEY / _UNIQUE     -> kAlreadyExists
//   other CONSTRAINT (FK, CHECK, ...)   -> kFailedPrecondition
//   CORRUPT, NOTADB                     -> kDataLoss
//   FULL                                -> kResourceExhausted
//   anything else                       -> kInternal
// `db` may be null (then the generic text for `rc` is used).
Status SqliteError(sqlite3* db, int rc, std::string_view context);

class SqliteDb {
 public:
  // Opens (creating if needed) the database at `path` read-write, with
  // extended result codes on. ":memory:" opens a private in-memory database.
  static Result<SqliteDb> Open(const std::string& path);
  // Opens `path` as Sluice's stores use their connections: a 5 s busy
  // timeout, WAL journal, synchronous=FULL (a commit survives power loss),
  // foreign keys on. `what` names the database in errors ("catalog").
  static Result<SqliteDb> OpenDurable(const std::string& path, std::string_view what);

  SqliteDb(SqliteDb&&) noexcept = default;
  SqliteDb& operator=(SqliteDb&&) noexcept = default;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb() = default;

  sqlite3* get() const { return db_.get(); }

  // Runs fixed SQL text (one or more statements, no parameters). Only for
  // SQL written in our source: anything carrying a value goes through
  // SqliteStatement with bound parameters.
  Status Exec(const char* sql);

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };

  explicit SqliteDb(sqlite3* db) : db_(db) {}

  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace sluice::store
