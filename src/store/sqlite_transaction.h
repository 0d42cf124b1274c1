// SqliteTransaction: an RAII transaction on one SQLite connection. It
// begins on creation (Begin: BEGIN IMMEDIATE; BeginRead: BEGIN DEFERRED),
// and rolls back on destruction unless Commit() succeeded, so every early
// error return undoes the partial work.
//
// Why IMMEDIATE for writes: it takes the write lock up front, so a busy
// database fails (after busy_timeout) at Begin, before any work, instead of
// failing a read-to-write lock upgrade halfway through, which SQLite cannot
// retry with busy_timeout.
//
// Ownership: borrows the connection, which must outlive the transaction.
// Thread-safety: none; the connection's owner serializes use. Transactions
// do not nest (SQLite refuses a BEGIN inside one).
#pragma once

#include <sqlite3.h>

#include "common/status.h"

namespace sluice::store {

class SqliteTransaction {
 public:
  // BEGIN IMMEDIATE: for transactions that write.
  static Result<SqliteTransaction> Begin(sqlite3* db);
  // BEGIN DEFERRED: a consistent snapshot for several reads.
  static Result<SqliteTransaction> BeginRead(sqlite3* db);

  SqliteTransaction(SqliteTransaction&& other) noexcept;
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  ~SqliteTransaction();

  // On failure the transaction is still open and the destructor rolls it
  // back.
  Status Commit();

 private:
  explicit SqliteTransaction(sqlite3* db) : db_(db) {}
  static Result<SqliteTransaction> Start(sqlite3* db, const char* sql);

  sqlite3* db_;  // not owned; null once committed or moved from
};

}  // namespace sluice::store
