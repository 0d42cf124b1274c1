// SqliteStatement: an RAII prepared statement with bound parameters, and
// StatementScope, which resets a (cached) statement when it goes out of
// scope.
//
// Ownership: a statement borrows its connection (which must outlive it) and
// owns the sqlite3_stmt, finalized on destruction.
//
// Why StatementScope matters: a stepped but un-reset SELECT keeps its read
// snapshot open, which in WAL mode stops checkpoints from completing and
// makes the WAL grow. Every use of a cached statement goes through a scope,
// so an early error return cannot leave one pending or carry bindings into
// the next use.
//
// Thread-safety: none; the owner of the connection serializes use.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::store {

class SqliteStatement {
 public:
  // Compiles one SQL statement. `persistent` hints that it will be reused
  // many times (SQLITE_PREPARE_PERSISTENT).
  static Result<SqliteStatement> Prepare(sqlite3* db, std::string_view sql,
                                         bool persistent = false);

  // An empty statement, only to be assigned a prepared one (lets a struct
  // of cached statements be filled in one by one).
  SqliteStatement() = default;
  SqliteStatement(SqliteStatement&&) noexcept = default;
  SqliteStatement& operator=(SqliteStatement&&) noexcept = default;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement() = default;

  // Parameters are 1-based, as in SQLite. Values are copied.
  Status BindText(int index, std::string_view value);
  Status BindInt64(int index, std::int64_t value);
  Status BindNull(int index);
  Status BindOptionalInt64(int index, std::optional<std::int64_t> value);

  // Advances: true when a row is available, false when done.
  Result<bool> Step();
  // Steps a statement that returns no rows (INSERT/UPDATE/DELETE) to done.
  Status Run();
  // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  std::int64_t Changes() const;
  // Back to the start, with all bindings cleared.
  void Reset();

  // Columns are 0-based; valid after Step() returned true.
  bool ColumnIsNull(int col) const;
  std::string ColumnText(int col) const;
  std::int64_t ColumnInt64(int col) const;
  std::optional<std::int64_t> ColumnOptionalInt64(int col) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
  };

  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Status BindResult(int rc, int index);

  sqlite3* db_ = nullptr;  // not owned
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

// Resets `stmt` on destruction. Use for every execution of a cached
// statement: `StatementScope q(stmt); q->BindText(1, id); q->Step(); ...`.
class StatementScope {
 public:
  explicit StatementScope(SqliteStatement& stmt) : stmt_(stmt) {}
  StatementScope(const StatementScope&) = delete;
  StatementScope& operator=(const StatementScope&) = delete;
  ~StatementScope() { stmt_.Reset(); }

  SqliteStatement* operator->() { return &stmt_; }
  SqliteStatement& operator*() { return stmt_; }

 private:
  SqliteStatement& stmt_;
};

}  // namespace sluice::store
