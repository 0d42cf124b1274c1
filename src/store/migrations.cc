#include "store/migrations.h"

#include <array>
#include <string>

#include "store/sqlite_db.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"

namespace sluice::store {
namespace {

// Roles and attributes are normalized tables rather than JSON text: the
// database itself then enforces the invariants (a role listed once, a set
// element once, a value that matches its type) with keys and CHECKs, the
// cascade from principals reaches them, and "who holds role X / clearance
// PII" is an indexed query for audits and alert rules, not a scan that
// parses every row. The price is a few more statements per principal read,
// which are cached and cheap.
//
// Tables are WITHOUT ROWID: every lookup is by the text primary key, which
// then is the clustered key.
constexpr const char* kV1 = R"sql(
CREATE TABLE principals (
  name       TEXT    NOT NULL PRIMARY KEY,
  kind       TEXT    NOT NULL CHECK (kind IN ('user', 'service')),
  created_ms INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE principal_roles (
  principal TEXT NOT NULL REFERENCES principals (name) ON DELETE CASCADE,
  role      TEXT NOT NULL,
  PRIMARY KEY (principal, role)
) WITHOUT ROWID;
CREATE INDEX principal_roles_by_role ON principal_roles (role);

-- One row per attribute; its value sits in the column for its type. A set
-- keeps its elements in principal_attribute_elements (an empty set has none).
CREATE TABLE principal_attributes (
  principal    TEXT NOT NULL REFERENCES principals (name) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  type         TEXT NOT NULL CHECK (type IN ('string', 'bool', 'set')),
  string_value TEXT,
  bool_value   INTEGER,
  PRIMARY KEY (principal, name),
  CHECK ((type = 'string' AND string_value IS NOT NULL AND bool_value IS NULL)
      OR (type = 'bool' AND string_value IS NULL AND bool_value IN (0, 1))
      OR (type = 'set' AND string_value IS NULL AND bool_value IS NULL))
) WITHOUT ROWID;

CREATE TABLE principal_attribute_elements (
  principal TEXT NOT NULL,
  name      TEXT NOT NULL,
  element   TEXT NOT NULL,
  PRIMARY KEY (principal, name, element),
  FOREIGN KEY (principal, name)
    REFERENCES principal_attributes (principal, name) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE tokens (
  id          TEXT    NOT NULL PRIMARY KEY,
  principal   TEXT    NOT NULL REFERENCES principals (name) ON DELETE CASCADE,
  secret_hash TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL,
  expires_ms  INTEGER,
  revoked_ms  INTEGER
) WITHOUT ROWID;
CREATE INDEX tokens_by_principal ON tokens (principal, created_ms);

CREATE TABLE settings (
  key   TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// The data catalog (issue 4). Versions are immutable; `seq` orders them.
// Lineage inputs reference versions without cascade, so an input cannot
// disappear under its dependents (purge deletes both in one transaction with
// deferred foreign keys). A copy within one storage domain lists no chunks
// of its own: `chunks_of` names the version whose version_chunks rows it
// shares, which makes a copy constant-time whatever the data size.
constexpr const char* kV2 = R"sql(
CREATE TABLE projects (
  environment TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  created_by  TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL,
  quota_bytes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (environment, name)
) WITHOUT ROWID;

CREATE TABLE assets (
  environment TEXT    NOT NULL,
  project     TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL,
  PRIMARY KEY (environment, project, name),
  FOREIGN KEY (environment, project) REFERENCES projects (environment, name)
) WITHOUT ROWID;

CREATE TABLE versions (
  seq         INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  environment TEXT    NOT NULL,
  project     TEXT    NOT NULL,
  asset       TEXT    NOT NULL,
  domain      TEXT    NOT NULL,
  manifest    TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  copy_of     TEXT,
  chunks_of   TEXT    REFERENCES versions (id),
  author      TEXT    NOT NULL,
  created_ms  INTEGER NOT NULL,
  expires_ms  INTEGER,
  bytes       INTEGER NOT NULL,
  FOREIGN KEY (environment, project, asset) REFERENCES assets (environment, project, name)
);
CREATE INDEX versions_by_asset ON versions (environment, project, asset, seq);
CREATE INDEX versions_by_domain ON versions (domain);
CREATE INDEX versions_by_expiry ON versions (expires_ms) WHERE expires_ms IS NOT NULL;
CREATE INDEX versions_by_chunks_of ON versions (chunks_of) WHERE chunks_of IS NOT NULL;

CREATE TABLE version_inputs (
  version TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
  input   TEXT NOT NULL REFERENCES versions (id),
  PRIMARY KEY (version, input)
) WITHOUT ROWID;
CREATE INDEX version_inputs_by_input ON version_inputs (input, version);

CREATE TABLE version_chunks (
  version TEXT    NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
  chunk   TEXT    NOT NULL,
  size    INTEGER NOT NULL,
  PRIMARY KEY (version, chunk)
) WITHOUT ROWID;
CREATE INDEX version_chunks_by_chunk ON version_chunks (chunk);

CREATE TABLE aliases (
  environment TEXT NOT NULL,
  project     TEXT NOT NULL,
  asset       TEXT NOT NULL,
  name        TEXT NOT NULL,
  version     TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
  PRIMARY KEY (environment, project, asset, name)
) WITHOUT ROWID;
)sql";

// V3: controls (issue 6): versioned policy sets and just-in-time sessions.
constexpr const char* kV3 = R"sql(
CREATE TABLE policy_versions (
  version    INTEGER PRIMARY KEY,
  files      TEXT NOT NULL,          -- JSON array of {"name", "text"}
  author     TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  comment    TEXT NOT NULL
);
CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  principal   TEXT NOT NULL,
  environment TEXT NOT NULL,
  purpose     TEXT NOT NULL,
  created_ms  INTEGER NOT NULL,
  expires_ms  INTEGER NOT NULL,
  closed_ms   INTEGER,
  break_glass INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_principal ON sessions (principal, created_ms);
)sql";

// V4: break-glass requests into automation-only environments, and their
// approvals (one per approver: the primary key refuses a second).
constexpr const char* kV4 = R"sql(
CREATE TABLE breakglass_requests (
  id          TEXT PRIMARY KEY,
  requester   TEXT NOT NULL,
  environment TEXT NOT NULL,
  reason      TEXT NOT NULL,
  ttl_s       INTEGER NOT NULL,
  created_ms  INTEGER NOT NULL,
  session_id  TEXT
);
CREATE TABLE breakglass_approvals (
  request_id  TEXT NOT NULL REFERENCES breakglass_requests (id),
  approver    TEXT NOT NULL,
  approved_ms INTEGER NOT NULL,
  comment     TEXT NOT NULL,
  PRIMARY KEY (request_id, approver)
) WITHOUT ROWID;
)sql";

// V5: promotion requests up the ladder (issue 7) and their approvals, each
// bound to the content hash of the bundle it approved.
constexpr const char* kV5 = R"sql(
CREATE TABLE promotions (
  id            TEXT PRIMARY KEY,
  from_env      TEXT NOT NULL,
  to_env        TEXT NOT NULL,
  versions      TEXT NOT NULL,   -- JSON array of source version ids
  content_hash  TEXT NOT NULL,
  justification TEXT NOT NULL,
  requester     TEXT NOT NULL,
  state         TEXT NOT NULL,
  created_ms    INTEGER NOT NULL,
  updated_ms    INTEGER NOT NULL,
  promoted      TEXT NOT NULL DEFAULT '[]',  -- JSON array of target version ids
  message       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX promotions_by_time ON promotions (created_ms);
CREATE TABLE promotion_approvals (
  promotion_id TEXT NOT NULL REFERENCES promotions (id),
  approver     TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  approve      INTEGER NOT NULL,
  comment      TEXT NOT NULL,
  decided_ms   INTEGER NOT NULL,
  PRIMARY KEY (promotion_id, approver, content_hash)
) WITHOUT ROWID;
)sql";

// V6: promotion gates, aliases, rollbacks, runners and attestations; infra
// releases and their rolls (issue 7).
constexpr const char* kV6 = R"sql(
ALTER TABLE promotions ADD COLUMN kind TEXT NOT NULL DEFAULT 'data';
ALTER TABLE promotions ADD COLUMN release TEXT NOT NULL DEFAULT '';
ALTER TABLE promotions ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
ALTER TABLE promotions ADD COLUMN rollback INTEGER NOT NULL DEFAULT 0;
ALTER TABLE promotions ADD COLUMN gates TEXT NOT NULL DEFAULT '[]';
ALTER TABLE promotions ADD COLUMN runner TEXT NOT NULL DEFAULT '';
ALTER TABLE promotions ADD COLUMN attestation TEXT NOT NULL DEFAULT '';
CREATE TABLE releases (
  name          TEXT PRIMARY KEY,
  components    TEXT NOT NULL,   -- JSON array of version ids
  creator       TEXT NOT NULL,
  justification TEXT NOT NULL,
  created_ms    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE release_rolls (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  release    TEXT NOT NULL REFERENCES releases (name),
  runner     TEXT NOT NULL,
  rolled_ms  INTEGER NOT NULL,
  rollback   INTEGER NOT NULL,
  placed     TEXT NOT NULL       -- JSON object: environment -> version ids
);
)sql";

// V7: what the scanner found in each version (issue 8).
constexpr const char* kV7 = R"sql(
CREATE TABLE version_scans (
  version        TEXT PRIMARY KEY REFERENCES versions (id) ON DELETE CASCADE,
  state          TEXT NOT NULL,  -- scanning, done, failed
  classification TEXT NOT NULL,  -- JSON array of detected labels
  report         TEXT NOT NULL,  -- JSON
  updated_ms     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX version_scans_pending ON version_scans (state, updated_ms);
)sql";

// V8: removing labels from a version's classification, with approvals
// (issue 8).
constexpr const char* kV8 = R"sql(
CREATE TABLE declassifications (
  id            TEXT PRIMARY KEY,
  version       TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
  environment   TEXT NOT NULL,
  labels        TEXT NOT NULL,  -- JSON array
  justification TEXT NOT NULL,
  requester     TEXT NOT NULL,
  state         TEXT NOT NULL,  -- awaiting-approval, approved, rejected
  decisions     TEXT NOT NULL,  -- JSON array of {approver, approve, comment, time_ms}
  created_ms    INTEGER NOT NULL,
  updated_ms    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX declassifications_version ON declassifications (version, state);
)sql";

constexpr std::array kMigrations = {
    Migration{1, kV1},
    Migration{2, kV2},
    Migration{3, kV3},
    Migration{4, kV4},
    Migration{5, kV5},
    Migration{6, kV6},
    Migration{7, kV7},
    Migration{8, kV8},
};

}  // namespace

std::span<const Migration> SchemaMigrations() {
  return kMigrations;
}

int LatestSchemaVersion() {
  return kMigrations.back().version;
}

Result<int> ReadSchemaVersion(sqlite3* db) {
  SLUICE_ASSIGN_OR_RETURN(SqliteStatement stmt,
                          SqliteStatement::Prepare(db, "PRAGMA user_version"));
  SLUICE_ASSIGN_OR_RETURN(const bool row, stmt.Step());
  if (!row) return Internal("PRAGMA user_version returned no row");
  return static_cast<int>(stmt.ColumnInt64(0));
}

Status ApplyMigrations(sqlite3* db) {
  return ApplyMigrations(db, SchemaMigrations());
}

Status ApplyMigrations(sqlite3* db, std::span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Internal("schema migrations are not numbered 1, 2, 3, ...");
    }
  }
  const int latest = static_cast<int>(migrations.size());

  // Read the version inside the write transaction, so two processes opening
  // a new database at once cannot both apply migration 1.
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction txn, SqliteTransaction::Begin(db));
  SLUICE_ASSIGN_OR_RETURN(const int current, ReadSchemaVersion(db));
  if (current > latest) {
    return FailedPrecondition("metadata database has schema version " + std::to_string(current) +
                              " but this sluice binary knows only up to " + std::to_string(latest) +
                              "; upgrade sluice");
  }
  if (current < 0) {
    return DataLoss("metadata database has negative schema version " + std::to_string(current));
  }
  if (current == latest) return Status::Ok();  // nothing to do; txn rolls back

  for (int v = current + 1; v <= latest; ++v) {
    const int rc = sqlite3_exec(db, migrations[static_cast<std::size_t>(v - 1)].sql, nullptr,
                                nullptr, nullptr);
    if (rc != SQLITE_OK) {
      return SqliteError(db, rc, "schema migration " + std::to_string(v) + " failed");
    }
  }
  // PRAGMA takes no bound parameters. The number comes from the compiled
  // migration table, never from input, so formatting it in is safe.
  const std::string bump = "PRAGMA user_version = " + std::to_string(latest);
  const int rc = sqlite3_exec(db, bump.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, rc, "cannot record schema version");
  return txn.Commit();
}

}  // namespace sluice::store
