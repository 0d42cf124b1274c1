#include "store/sqlite_statement.h"

#include <string>

#include "store/sqlite_db.h"

namespace sluice::store {

Result<SqliteStatement> SqliteStatement::Prepare(sqlite3* db, std::string_view sql,
                                                 bool persistent) {
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const unsigned flags = persistent ? SQLITE_PREPARE_PERSISTENT : 0;
  const int rc =
      sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), flags, &raw, &tail);
  SqliteStatement stmt(db, raw);
  if (rc != SQLITE_OK) {
    return SqliteError(db, rc, "cannot prepare \"" + std::string(sql) + "\"");
  }
  if (raw == nullptr) return Internal("no SQL statement in \"" + std::string(sql) + "\"");
  // Trailing text would silently never run: one statement per object.
  for (const char* p = tail; p != nullptr && p < sql.data() + sql.size(); ++p) {
    if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
      return Internal("more than one SQL statement in \"" + std::string(sql) + "\"");
    }
  }
  return stmt;
}

Status SqliteStatement::BindResult(int rc, int index) {
  if (rc == SQLITE_OK) return Status::Ok();
  return SqliteError(db_, rc, "cannot bind parameter " + std::to_string(index));
}

Status SqliteStatement::BindText(int index, std::string_view value) {
  return BindResult(sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(),
                                        SQLITE_TRANSIENT, SQLITE_UTF8),
                    index);
}

Status SqliteStatement::BindInt64(int index, std::int64_t value) {
  return BindResult(sqlite3_bind_int64(stmt_.get(), index, value), index);
}

Status SqliteStatement::BindNull(int index) {
  return BindResult(sqlite3_bind_null(stmt_.get(), index), index);
}

Status SqliteStatement::BindOptionalInt64(int index, std::optional<std::int64_t> value) {
  return value.has_value() ? BindInt64(index, *value) : BindNull(index);
}

Result<bool> SqliteStatement::Step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, rc, "SQL statement failed");
}

Status SqliteStatement::Run() {
  SLUICE_ASSIGN_OR_RETURN(const bool row, Step());
  if (row) return Internal("statement expected to return no rows returned one");
  return Status::Ok();
}

std::int64_t SqliteStatement::Changes() const {
  return sqlite3_changes64(db_);
}

void SqliteStatement::Reset() {
  // sqlite3_reset repeats the last step's error code, which the caller has
  // already seen; nothing to report here.
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

bool SqliteStatement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

std::string SqliteStatement::ColumnText(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_.get(), col);
  const int size = sqlite3_column_bytes(stmt_.get(), col);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::int64_t SqliteStatement::ColumnInt64(int col) const {
  return sqlite3_column_int64(stmt_.get(), col);
}

std::optional<std::int64_t> SqliteStatement::ColumnOptionalInt64(int col) const {
  if (ColumnIsNull(col)) return std::nullopt;
  return ColumnInt64(col);
}

}  // namespace sluice::store
