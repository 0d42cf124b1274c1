#include "store/sqlite_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <system_error>
#include <utility>

#include "store/migrations.h"
#include "store/sqlite_transaction.h"

namespace sluice::store {

// Every statement the store runs, prepared once at Open. Parameters are
// always bound, never formatted into the SQL.
struct SqliteStore::Statements {
  SqliteStatement principal_exists;
  SqliteStatement insert_principal;
  SqliteStatement insert_role;
  SqliteStatement insert_attribute;
  SqliteStatement insert_element;
  SqliteStatement get_principal;
  SqliteStatement list_principals;
  SqliteStatement list_roles;
  SqliteStatement list_attributes;
  SqliteStatement delete_principal;
  SqliteStatement count_principals;
  SqliteStatement insert_token;
  SqliteStatement get_token;
  SqliteStatement list_tokens;
  SqliteStatement revoke_token;
  SqliteStatement get_setting;
  SqliteStatement put_setting;
};

namespace {

// Attribute rows, with their set elements joined in (one row per element; a
// NULL element for a non-set or an empty set). Columns 1..5: name, type,
// string_value, bool_value, element; column 0 is the principal here, and
// the part marker in get_principal, which reuses the layout.
#define SLUICE_ATTRIBUTE_SELECT                                                  \
  "SELECT a.principal, a.name, a.type, a.string_value, a.bool_value, e.element " \
  "FROM principal_attributes a LEFT JOIN principal_attribute_elements e "        \
  "ON e.principal = a.principal AND e.name = a.name "
#define SLUICE_TOKEN_SELECT \
  "SELECT id, principal, secret_hash, created_ms, expires_ms, revoked_ms FROM tokens "

std::vector<std::string> SortedUnique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

Status ValidatePrincipal(const Principal& p) {
  if (p.name.empty()) return InvalidArgument("principal name must not be empty");
  for (const std::string& role : p.roles) {
    if (role.empty()) return InvalidArgument("role names must not be empty");
  }
  for (const auto& [name, value] : p.attributes) {
    if (name.empty()) return InvalidArgument("attribute names must not be empty");
  }
  return Status::Ok();
}

Status ValidateToken(const TokenRecord& t) {
  if (t.id.empty()) return InvalidArgument("token id must not be empty");
  if (t.principal.empty()) return InvalidArgument("token principal must not be empty");
  if (t.secret_hash.empty()) return InvalidArgument("token secret hash must not be empty");
  return Status::Ok();
}

// Reads a principals row: name, kind, created_ms at columns 0..2.
Result<Principal> DecodePrincipalRow(const SqliteStatement& q) {
  Principal p;
  p.name = q.ColumnText(0);
  Result<PrincipalKind> kind = ParsePrincipalKind(q.ColumnText(1));
  if (!kind.ok()) return DataLoss("principal \"" + p.name + "\": " + kind.status().message());
  p.kind = *kind;
  p.created_ms = q.ColumnInt64(2);
  return p;
}

// Adds one SLUICE_ATTRIBUTE_SELECT row to `attributes`. Set elements are
// appended in row order; the caller sorts them unless the query did.
Status DecodeAttributeRow(const SqliteStatement& q,
                          std::map<std::string, AttributeValue>& attributes) {
  std::string name = q.ColumnText(1);
  const std::string type = q.ColumnText(2);
  if (type == "string") {
    attributes[std::move(name)] = q.ColumnText(3);
  } else if (type == "bool") {
    attributes[std::move(name)] = q.ColumnInt64(4) != 0;
  } else if (type == "set") {
    auto it = attributes.try_emplace(std::move(name), std::vector<std::string>{}).first;
    if (!q.ColumnIsNull(5)) {
      std::get<std::vector<std::string>>(it->second).push_back(q.ColumnText(5));
    }
  } else {
    return DataLoss("attribute \"" + name + "\" has unknown type \"" + type + "\"");
  }
  return Status::Ok();
}

TokenRecord DecodeTokenRow(const SqliteStatement& q) {
  TokenRecord t;
  t.id = q.ColumnText(0);
  t.principal = q.ColumnText(1);
  t.secret_hash = q.ColumnText(2);
  t.created_ms = q.ColumnInt64(3);
  t.expires_ms = q.ColumnOptionalInt64(4);
  t.revoked_ms = q.ColumnOptionalInt64(5);
  return t;
}

// Runs a one-row, one-column pragma query and returns its value as text.
Result<std::string> PragmaText(sqlite3* db, const char* sql) {
  SLUICE_ASSIGN_OR_RETURN(SqliteStatement q, SqliteStatement::Prepare(db, sql));
  SLUICE_ASSIGN_OR_RETURN(const bool row, q.Step());
  if (!row) return Internal(std::string("no result from ") + sql);
  return q.ColumnText(0);
}

// SQLite creates database files with 0644 (less umask); create it first
// with 0600 so the database, and its -wal and -shm files (SQLite gives them
// the database file's mode), are readable by the owner only.
Status CreatePrivateFile(const std::string& path) {
  if (path == ":memory:" || path.starts_with("file:")) return Status::Ok();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return FailedPrecondition("cannot open metadata database \"" + path +
                              "\": " + std::generic_category().message(errno));
  }
  ::close(fd);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SqliteStore::Statements>> SqliteStore::PrepareStatements(sqlite3* db) {
  auto s = std::make_unique<Statements>();
  const std::pair<SqliteStatement*, const char*> all[] = {
      {&s->principal_exists, "SELECT 1 FROM principals WHERE name = ?1"},
      {&s->insert_principal, "INSERT INTO principals (name, kind, created_ms) VALUES (?1, ?2, ?3)"},
      {&s->insert_role, "INSERT INTO principal_roles (principal, role) VALUES (?1, ?2)"},
      {&s->insert_attribute,
       "INSERT INTO principal_attributes (principal, name, type, string_value, bool_value) "
       "VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&s->insert_element,
       "INSERT INTO principal_attribute_elements (principal, name, element) VALUES (?1, ?2, ?3)"},
      // The principal, its roles and its attributes in one statement: one
      // statement reads one snapshot, so this needs no explicit transaction,
      // whose extra statements and file-lock round trips would triple the
      // cost of this per-request read. Column 0 says which part a row is;
      // attribute rows have the layout of SLUICE_ATTRIBUTE_SELECT. No ORDER
      // BY: the sorter would cost more than the whole query; the reader
      // sorts the few values itself.
      {&s->get_principal,
       "SELECT 0, kind, created_ms, NULL, NULL, NULL FROM principals WHERE name = ?1 "
       "UNION ALL SELECT 1, role, NULL, NULL, NULL, NULL FROM principal_roles "
       "WHERE principal = ?1 "
       "UNION ALL SELECT 2, a.name, a.type, a.string_value, a.bool_value, e.element "
       "FROM principal_attributes a LEFT JOIN principal_attribute_elements e "
       "ON e.principal = a.principal AND e.name = a.name WHERE a.principal = ?1"},
      {&s->list_principals, "SELECT name, kind, created_ms FROM principals ORDER BY name"},
      {&s->list_roles, "SELECT principal, role FROM principal_roles ORDER BY principal, role"},
      {&s->list_attributes, SLUICE_ATTRIBUTE_SELECT "ORDER BY a.principal, a.name, e.element"},
      {&s->delete_principal, "DELETE FROM principals WHERE name = ?1"},
      {&s->count_principals, "SELECT count(*) FROM principals"},
      {&s->insert_token,
       "INSERT INTO tokens (id, principal, secret_hash, created_ms, expires_ms, revoked_ms) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
      {&s->get_token, SLUICE_TOKEN_SELECT "WHERE id = ?1"},
      {&s->list_tokens, SLUICE_TOKEN_SELECT "WHERE principal = ?1 ORDER BY created_ms, id"},
      {&s->revoke_token, "UPDATE tokens SET revoked_ms = ?2 WHERE id = ?1 AND revoked_ms IS NULL"},
      {&s->get_setting, "SELECT value FROM settings WHERE key = ?1"},
      {&s->put_setting,
       "INSERT INTO settings (key, value) VALUES (?1, ?2) "
       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"},
  };
  for (const auto& [stmt, sql] : all) {
    SLUICE_ASSIGN_OR_RETURN(*stmt, SqliteStatement::Prepare(db, sql, /*persistent=*/true));
  }
  return s;
}

#undef SLUICE_ATTRIBUTE_SELECT
#undef SLUICE_TOKEN_SELECT

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  // SQLite would take "" as a private temporary file: surely a caller's bug.
  if (path.empty()) return InvalidArgument("metadata database path must not be empty");
  SLUICE_RETURN_IF_ERROR(CreatePrivateFile(path));
  SLUICE_ASSIGN_OR_RETURN(SqliteDb db, SqliteDb::Open(path));
  sqlite3* raw = db.get();

  const int rc = sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  if (rc != SQLITE_OK) return SqliteError(raw, rc, "cannot set busy timeout");

  // Foreign keys are off by default in SQLite, per connection; the token
  // and attribute cascades depend on them.
  SLUICE_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  SLUICE_ASSIGN_OR_RETURN(const std::string fk, PragmaText(raw, "PRAGMA foreign_keys"));
  if (fk != "1") return FailedPrecondition("this SQLite build cannot enforce foreign keys");

  // WAL: readers do not block the writer or each other, and a commit is one
  // append to the log rather than a rewrite of pages plus a journal.
  SLUICE_ASSIGN_OR_RETURN(const std::string mode, PragmaText(raw, "PRAGMA journal_mode = WAL"));
  if (mode != "wal" && !(path == ":memory:" && mode == "memory")) {
    return FailedPrecondition("metadata database \"" + path +
                              "\" cannot use WAL mode (journal_mode is \"" + mode +
                              "\"); is it on a network file system?");
  }
  // synchronous=NORMAL is safe in WAL mode: a commit appends to the WAL
  // without an fsync, and the WAL is fsynced at each checkpoint. A power
  // loss can drop the last few commits but never corrupts the database; a
  // crash of the process alone loses nothing. The metadata it would lose
  // (a token just issued, a principal just made) is recreated by retrying,
  // and the audit log, which must not lose events, has its own fsync.
  SLUICE_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = NORMAL"));

  SLUICE_RETURN_IF_ERROR(ApplyMigrations(raw));
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<Statements> stmts, PrepareStatements(raw));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db), std::move(stmts)));
}

SqliteStore::SqliteStore(SqliteDb db, std::unique_ptr<Statements> stmts)
    : db_(std::move(db)), stmts_(std::move(stmts)) {}

SqliteStore::~SqliteStore() = default;

Result<bool> SqliteStore::PrincipalExistsLocked(std::string_view name) {
  StatementScope q(stmts_->principal_exists);
  SLUICE_RETURN_IF_ERROR(q->BindText(1, name));
  return q->Step();
}

Status SqliteStore::InsertPrincipalLocked(const Principal& p) {
  SLUICE_RETURN_IF_ERROR(ValidatePrincipal(p));
  {
    StatementScope q(stmts_->insert_principal);
    SLUICE_RETURN_IF_ERROR(q->BindText(1, p.name));
    SLUICE_RETURN_IF_ERROR(q->BindText(2, ToString(p.kind)));
    SLUICE_RETURN_IF_ERROR(q->BindInt64(3, p.created_ms));
    Status s = q->Run();
    if (s.code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("principal \"" + p.name + "\" already exists");
    }
    SLUICE_RETURN_IF_ERROR(s);
  }
  for (const std::string& role : SortedUnique(p.roles)) {
    StatementScope q(stmts_->insert_role);
    SLUICE_RETURN_IF_ERROR(q->BindText(1, p.name));
    SLUICE_RETURN_IF_ERROR(q->BindText(2, role));
    SLUICE_RETURN_IF_ERROR(q->Run());
  }
  for (const auto& [name, value] : p.attributes) {
    StatementScope q(stmts_->insert_attribute);
    SLUICE_RETURN_IF_ERROR(q->BindText(1, p.name));
    SLUICE_RETURN_IF_ERROR(q->BindText(2, name));
    const std::vector<std::string>* set = nullptr;
    if (const auto* s = std::get_if<std::string>(&value)) {
      SLUICE_RETURN_IF_ERROR(q->BindText(3, "string"));
      SLUICE_RETURN_IF_ERROR(q->BindText(4, *s));
    } else if (const auto* b = std::get_if<bool>(&value)) {
      SLUICE_RETURN_IF_ERROR(q->BindText(3, "bool"));
      SLUICE_RETURN_IF_ERROR(q->BindInt64(5, *b ? 1 : 0));
    } else {
      SLUICE_RETURN_IF_ERROR(q->BindText(3, "set"));
      set = &std::get<std::vector<std::string>>(value);
    }
    SLUICE_RETURN_IF_ERROR(q->Run());
    if (set == nullptr) continue;
    for (const std::string& element : SortedUnique(*set)) {
      StatementScope e(stmts_->insert_element);
      SLUICE_RETURN_IF_ERROR(e->BindText(1, p.name));
      SLUICE_RETURN_IF_ERROR(e->BindText(2, name));
      SLUICE_RETURN_IF_ERROR(e->BindText(3, element));
      SLUICE_RETURN_IF_ERROR(e->Run());
    }
  }
  return Status::Ok();
}

Status SqliteStore::InsertTokenLocked(const TokenRecord& t) {
  SLUICE_RETURN_IF_ERROR(ValidateToken(t));
  SLUICE_ASSIGN_OR_RETURN(const bool exists, PrincipalExistsLocked(t.principal));
  if (!exists) return NotFound("principal \"" + t.principal + "\" not found");
  StatementScope q(stmts_->insert_token);
  SLUICE_RETURN_IF_ERROR(q->BindText(1, t.id));
  SLUICE_RETURN_IF_ERROR(q->BindText(2, t.principal));
  SLUICE_RETURN_IF_ERROR(q->BindText(3, t.secret_hash));
  SLUICE_RETURN_IF_ERROR(q->BindInt64(4, t.created_ms));
  SLUICE_RETURN_IF_ERROR(q->BindOptionalInt64(5, t.expires_ms));
  SLUICE_RETURN_IF_ERROR(q->BindOptionalInt64(6, t.revoked_ms));
  Status s = q->Run();
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("token \"" + t.id + "\" already exists");
  }
  return s;
}

Result<Principal> SqliteStore::ReadPrincipalLocked(std::string_view name) {
  Principal p;
  bool found = false;
  StatementScope q(stmts_->get_principal);
  SLUICE_RETURN_IF_ERROR(q->BindText(1, name));
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(const bool row, q->Step());
    if (!row) break;
    switch (q->ColumnInt64(0)) {
      case 0: {
        p.name = std::string(name);
        Result<PrincipalKind> kind = ParsePrincipalKind(q->ColumnText(1));
        if (!kind.ok()) return DataLoss("principal \"" + p.name + "\": " + kind.status().message());
        p.kind = *kind;
        p.created_ms = q->ColumnInt64(2);
        found = true;
        break;
      }
      case 1:
        p.roles.push_back(q->ColumnText(1));
        break;
      default:
        SLUICE_RETURN_IF_ERROR(DecodeAttributeRow(*q, p.attributes));
        break;
    }
  }
  if (!found) return NotFound("principal \"" + std::string(name) + "\" not found");
  std::sort(p.roles.begin(), p.roles.end());
  for (auto& [attribute, value] : p.attributes) {
    if (auto* set = std::get_if<std::vector<std::string>>(&value)) {
      std::sort(set->begin(), set->end());
    }
  }
  return p;
}

Status SqliteStore::CreatePrincipal(const Principal& principal) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction txn, SqliteTransaction::Begin(db_.get()));
  SLUICE_RETURN_IF_ERROR(InsertPrincipalLocked(principal));
  return txn.Commit();
}

Result<Principal> SqliteStore::GetPrincipal(std::string_view name) {
  std::lock_guard lock(mu_);
  return ReadPrincipalLocked(name);
}

Result<std::vector<Principal>> SqliteStore::ListPrincipals() {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction txn, SqliteTransaction::BeginRead(db_.get()));
  // Three ordered scans merged in memory, rather than three queries per
  // principal.
  std::map<std::string, Principal, std::less<>> by_name;
  {
    StatementScope q(stmts_->list_principals);
    for (;;) {
      SLUICE_ASSIGN_OR_RETURN(const bool row, q->Step());
      if (!row) break;
      SLUICE_ASSIGN_OR_RETURN(Principal p, DecodePrincipalRow(*q));
      std::string key = p.name;
      by_name.emplace(std::move(key), std::move(p));
    }
  }
  {
    StatementScope q(stmts_->list_roles);
    for (;;) {
      SLUICE_ASSIGN_OR_RETURN(const bool row, q->Step());
      if (!row) break;
      auto it = by_name.find(q->ColumnText(0));
      if (it != by_name.end()) it->second.roles.push_back(q->ColumnText(1));
    }
  }
  {
    StatementScope q(stmts_->list_attributes);
    for (;;) {
      SLUICE_ASSIGN_OR_RETURN(const bool row, q->Step());
      if (!row) break;
      auto it = by_name.find(q->ColumnText(0));
      if (it != by_name.end())
        SLUICE_RETURN_IF_ERROR(DecodeAttributeRow(*q, it->second.attributes));
    }
  }
  SLUICE_RETURN_IF_ERROR(txn.Commit());
  std::vector<Principal> out;
  out.reserve(by_name.size());
  for (auto& [name, p] : by_name) out.push_back(std::move(p));
  return out;
}

Status SqliteStore::DeletePrincipal(std::string_view name) {
  std::lock_guard lock(mu_);
  // One statement is atomic by itself, and the ON DELETE CASCADE removals of
  // roles, attributes and tokens happen inside it.
  StatementScope q(stmts_->delete_principal);
  SLUICE_RETURN_IF_ERROR(q->BindText(1, name));
  SLUICE_RETURN_IF_ERROR(q->Run());
  if (q->Changes() == 0) return NotFound("principal \"" + std::string(name) + "\" not found");
  return Status::Ok();
}

Result<std::int64_t> SqliteStore::CountPrincipals() {
  std::lock_guard lock(mu_);
  StatementScope q(stmts_->count_principals);
  SLUICE_ASSIGN_OR_RETURN(const bool row, q->Step());
  if (!row) return Internal("count(*) returned no row");
  return q->ColumnInt64(0);
}

Status SqliteStore::CreateToken(const TokenRecord& record) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction txn, SqliteTransaction::Begin(db_.get()));
  SLUICE_RETURN_IF_ERROR(InsertTokenLocked(record));
  return txn.Commit();
}

Result<TokenRecord> SqliteStore::GetToken(std::string_view id) {
  std::lock_guard lock(mu_);
  StatementScope q(stmts_->get_token);
  SLUICE_RETURN_IF_ERROR(q->BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(const bool row, q->Step());
  if (!row) return NotFound("token \"" + std::string(id) + "\" not found");
  return DecodeTokenRow(*q);
}

Result<std::vector<TokenRecord>> SqliteStore::ListTokens(std::string_view principal) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction txn, SqliteTransaction::BeginRead(db_.get()));
  SLUICE_ASSIGN_OR_RETURN(const bool exists, PrincipalExistsLocked(principal));
  if (!exists) return NotFound("principal \"" + std::string(principal) + "\" not found");
  std::vector<TokenRecord> out;
  {
    StatementScope q(stmts_->list_tokens);
    SLUICE_RETURN_IF_ERROR(q->BindText(1, principal));
    for (;;) {
      SLUICE_ASSIGN_OR_RETURN(const bool row, q->Step());
      if (!row) break;
      out.push_back(DecodeTokenRow(*q));
    }
  }
  SLUICE_RETURN_IF_ERROR(txn.Commit());
  return out;
}

Status SqliteStore::RevokeToken(std::string_view id, std::int64_t now_ms) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction txn, SqliteTransaction::Begin(db_.get()));
  std::int64_t changed = 0;
  {
    StatementScope q(stmts_->revoke_token);
    SLUICE_RETURN_IF_ERROR(q->BindText(1, id));
    SLUICE_RETURN_IF_ERROR(q->BindInt64(2, now_ms));
    SLUICE_RETURN_IF_ERROR(q->Run());
    changed = q->Changes();
  }
  if (changed == 1) return txn.Commit();
  // Nothing updated: absent, or revoked already. Tell which.
  StatementScope q(stmts_->get_token);
  SLUICE_RETURN_IF_ERROR(q->BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(const bool row, q->Step());
  if (!row) return NotFound("token \"" + std::string(id) + "\" not found");
  return FailedPrecondition("token \"" + std::string(id) + "\" is already revoked");
}

Status SqliteStore::CreatePrincipalWithToken(const Principal& principal, const TokenRecord& token) {
  if (token.principal != principal.name) {
    return InvalidArgument("token belongs to \"" + token.principal + "\", not to \"" +
                           principal.name + "\"");
  }
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(SqliteTransaction txn, SqliteTransaction::Begin(db_.get()));
  SLUICE_RETURN_IF_ERROR(InsertPrincipalLocked(principal));
  SLUICE_RETURN_IF_ERROR(InsertTokenLocked(token));
  return txn.Commit();
}

Result<std::optional<std::string>> SqliteStore::GetSetting(std::string_view key) {
  std::lock_guard lock(mu_);
  StatementScope q(stmts_->get_setting);
  SLUICE_RETURN_IF_ERROR(q->BindText(1, key));
  SLUICE_ASSIGN_OR_RETURN(const bool row, q->Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(q->ColumnText(0));
}

Status SqliteStore::PutSetting(std::string_view key, std::string_view value) {
  if (key.empty()) return InvalidArgument("setting key must not be empty");
  std::lock_guard lock(mu_);
  StatementScope q(stmts_->put_setting);
  SLUICE_RETURN_IF_ERROR(q->BindText(1, key));
  SLUICE_RETURN_IF_ERROR(q->BindText(2, value));
  return q->Run();
}

Result<std::string> SqliteStore::QueryPragma(std::string_view name) {
  static constexpr std::pair<std::string_view, const char*> kAllowed[] = {
      {"journal_mode", "PRAGMA journal_mode"}, {"foreign_keys", "PRAGMA foreign_keys"},
      {"synchronous", "PRAGMA synchronous"},   {"busy_timeout", "PRAGMA busy_timeout"},
      {"user_version", "PRAGMA user_version"},
  };
  for (const auto& [allowed, sql] : kAllowed) {
    if (allowed == name) {
      std::lock_guard lock(mu_);
      return PragmaText(db_.get(), sql);
    }
  }
  return InvalidArgument("pragma \"" + std::string(name) + "\" cannot be queried");
}

}  // namespace sluice::store
