// Numbered schema migrations for the SQLite metadata database.
//
// The schema version lives in the database header (PRAGMA user_version):
// 0 for a new file, N once migrations 1..N are applied. Migrations are
// append-only: never edit or reorder a released one; add a new version.
// A database whose version is above the binary's latest was written by a
// newer Sluice, and opening it is refused (an older binary could corrupt
// what it does not understand).
//
// Thread-safety: ApplyMigrations needs exclusive use of the connection.
#pragma once

#include <sqlite3.h>

#include <span>

#include "common/status.h"

namespace sluice::store {

struct Migration {
  int version;      // 1, 2, 3, ... with no gaps
  const char* sql;  // one or more statements; fixed text, no parameters
};

// Sluice's migrations, in order.
std::span<const Migration> SchemaMigrations();
// Version of the last of SchemaMigrations().
int LatestSchemaVersion();

// Brings `db` to the last version of `migrations` (SchemaMigrations() by
// default): all pending ones and the version bump in one IMMEDIATE
// transaction, so a failure leaves the database as it was. Idempotent.
// kFailedPrecondition if the database is newer than `migrations`;
// kInternal if `migrations` is not numbered 1, 2, 3, ...
Status ApplyMigrations(sqlite3* db);
Status ApplyMigrations(sqlite3* db, std::span<const Migration> migrations);

// The database's PRAGMA user_version.
Result<int> ReadSchemaVersion(sqlite3* db);

}  // namespace sluice::store
