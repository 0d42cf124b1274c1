#include "alert/sqlite_alert_store.h"

#include "store/migrations.h"
#include "store/sqlite_statement.h"

namespace sluice::alert {
namespace {

using store::SqliteStatement;

// Append-only, like the metadata migrations. Doubles are stored as the text of their shortest
// exact JSON form (the statement wrapper binds no REAL, and text round-trips exactly); group
// and request ids are JSON text.
constexpr store::Migration kMigrations[] = {
    {1,
     "CREATE TABLE alerts ("
     "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  id TEXT NOT NULL UNIQUE,"
     "  rule_id TEXT NOT NULL,"
     "  severity TEXT NOT NULL,"
     "  description TEXT NOT NULL,"
     "  group_json TEXT NOT NULL,"
     "  value TEXT NOT NULL,"
     "  threshold TEXT NOT NULL,"
     "  first_ms INTEGER NOT NULL,"
     "  fired_ms INTEGER NOT NULL,"
     "  request_ids_json TEXT NOT NULL,"
     "  state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged')),"
     "  acked_by TEXT NOT NULL,"
     "  acked_ms INTEGER,"
     "  ack_comment TEXT NOT NULL,"
     "  delivery_attempts INTEGER NOT NULL,"
     "  delivered_ms INTEGER,"
     "  delivery_error TEXT NOT NULL);"
     "CREATE INDEX alerts_by_time ON alerts (fired_ms, seq);"
     "CREATE INDEX alerts_by_state ON alerts (state, fired_ms, seq);"},
};

constexpr const char* kColumns =
    "id, rule_id, severity, description, group_json, value, threshold, first_ms, fired_ms, "
    "request_ids_json, state, acked_by, acked_ms, ack_comment, delivery_attempts, delivered_ms, "
    "delivery_error";

Result<nlohmann::json> ParseColumn(const SqliteStatement& q, int col, const char* what) {
  nlohmann::json j = nlohmann::json::parse(q.ColumnText(col), nullptr, false);
  if (j.is_discarded()) return DataLoss(std::string("stored alert has a corrupt ") + what);
  return j;
}

Result<Alert> Decode(const SqliteStatement& q) {
  Alert a;
  a.id = q.ColumnText(0);
  a.rule_id = q.ColumnText(1);
  a.severity = q.ColumnText(2);
  a.description = q.ColumnText(3);
  SLUICE_ASSIGN_OR_RETURN(a.group, ParseColumn(q, 4, "group"));
  SLUICE_ASSIGN_OR_RETURN(nlohmann::json value, ParseColumn(q, 5, "value"));
  SLUICE_ASSIGN_OR_RETURN(nlohmann::json threshold, ParseColumn(q, 6, "threshold"));
  SLUICE_ASSIGN_OR_RETURN(nlohmann::json ids, ParseColumn(q, 9, "request id list"));
  if (!value.is_number() || !threshold.is_number() || !ids.is_array()) {
    return DataLoss("stored alert " + a.id + " has a mistyped column");
  }
  a.value = value.get<double>();
  a.threshold = threshold.get<double>();
  a.first_ms = q.ColumnInt64(7);
  a.fired_ms = q.ColumnInt64(8);
  for (const nlohmann::json& id : ids) {
    if (!id.is_string()) return DataLoss("stored alert " + a.id + " has a bad request id");
    a.request_ids.push_back(id.get<std::string>());
  }
  a.state = q.ColumnText(10);
  a.acked_by = q.ColumnText(11);
  a.acked_ms = q.ColumnOptionalInt64(12);
  a.ack_comment = q.ColumnText(13);
  a.delivery.attempts = static_cast<int>(q.ColumnInt64(14));
  a.delivery.delivered_ms = q.ColumnOptionalInt64(15);
  a.delivery.last_error = q.ColumnText(16);
  return a;
}

}  // namespace

int SqliteAlertStore::SchemaVersion() {
  return kMigrations[std::size(kMigrations) - 1].version;
}

Result<std::unique_ptr<SqliteAlertStore>> SqliteAlertStore::Open(const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(store::SqliteDb db, store::SqliteDb::OpenDurable(path, "alert"));
  SLUICE_RETURN_IF_ERROR(store::ApplyMigrations(db.get(), kMigrations));
  return std::unique_ptr<SqliteAlertStore>(new SqliteAlertStore(std::move(db)));
}

Status SqliteAlertStore::Insert(const Alert& a) {
  SLUICE_RETURN_IF_ERROR(CheckAlertForInsert(a));
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(db_.get(), std::string("INSERT INTO alerts (") + kColumns +
                                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                              "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, a.id));
  SLUICE_RETURN_IF_ERROR(q.BindText(2, a.rule_id));
  SLUICE_RETURN_IF_ERROR(q.BindText(3, a.severity));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, a.description));
  SLUICE_RETURN_IF_ERROR(q.BindText(5, DumpJson(a.group)));
  SLUICE_RETURN_IF_ERROR(q.BindText(6, DumpJson(a.value)));
  SLUICE_RETURN_IF_ERROR(q.BindText(7, DumpJson(a.threshold)));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(8, a.first_ms));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(9, a.fired_ms));
  SLUICE_RETURN_IF_ERROR(q.BindText(10, DumpJson(a.request_ids)));
  SLUICE_RETURN_IF_ERROR(q.BindText(11, a.state));
  SLUICE_RETURN_IF_ERROR(q.BindText(12, a.acked_by));
  SLUICE_RETURN_IF_ERROR(q.BindOptionalInt64(13, a.acked_ms));
  SLUICE_RETURN_IF_ERROR(q.BindText(14, a.ack_comment));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(15, a.delivery.attempts));
  SLUICE_RETURN_IF_ERROR(q.BindOptionalInt64(16, a.delivery.delivered_ms));
  SLUICE_RETURN_IF_ERROR(q.BindText(17, a.delivery.last_error));
  Status s = q.Run();
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("alert " + a.id + " already exists");
  }
  return s;
}

Result<Alert> SqliteAlertStore::Get(std::string_view id) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(SqliteStatement q,
                          SqliteStatement::Prepare(db_.get(), std::string("SELECT ") + kColumns +
                                                                  " FROM alerts WHERE id = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFound("no alert " + std::string(id));
  return Decode(q);
}

Result<std::vector<Alert>> SqliteAlertStore::List(std::string_view state, int limit) {
  SLUICE_RETURN_IF_ERROR(CheckStateFilter(state));
  SLUICE_RETURN_IF_ERROR(CheckListLimit(limit));
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(db_.get(), std::string("SELECT ") + kColumns +
                                              " FROM alerts WHERE ?1 = '' OR state = ?1 "
                                              "ORDER BY fired_ms DESC, seq DESC LIMIT ?2"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, state));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(2, limit));
  std::vector<Alert> out;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return out;
    SLUICE_ASSIGN_OR_RETURN(Alert a, Decode(q));
    out.push_back(std::move(a));
  }
}

Result<std::int64_t> SqliteAlertStore::Count(std::string_view state) {
  SLUICE_RETURN_IF_ERROR(CheckStateFilter(state));
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q, SqliteStatement::Prepare(
                             db_.get(), "SELECT COUNT(*) FROM alerts WHERE ?1 = '' OR state = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, state));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return Internal("COUNT returned no row");
  return q.ColumnInt64(0);
}

Status SqliteAlertStore::Acknowledge(std::string_view id, std::string_view by,
                                     std::string_view comment, std::int64_t now_ms) {
  if (by.empty()) return InvalidArgument("an acknowledgement needs a principal");
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement update,
      SqliteStatement::Prepare(db_.get(),
                               "UPDATE alerts SET state = 'acknowledged', acked_by = ?2, "
                               "acked_ms = ?3, ack_comment = ?4 WHERE id = ?1 AND state = 'open'"));
  SLUICE_RETURN_IF_ERROR(update.BindText(1, id));
  SLUICE_RETURN_IF_ERROR(update.BindText(2, by));
  SLUICE_RETURN_IF_ERROR(update.BindInt64(3, now_ms));
  SLUICE_RETURN_IF_ERROR(update.BindText(4, comment));
  SLUICE_RETURN_IF_ERROR(update.Run());
  if (update.Changes() == 1) return Status::Ok();
  // Nothing changed: tell an unknown id from an acknowledged alert (the mutex keeps the row
  // from changing in between).
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(db_.get(), "SELECT acked_by FROM alerts WHERE id = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFound("no alert " + std::string(id));
  return FailedPrecondition("alert " + std::string(id) + " was already acknowledged by " +
                            q.ColumnText(0));
}

Status SqliteAlertStore::RecordDelivery(std::string_view id, int attempts,
                                        std::optional<std::int64_t> delivered_ms,
                                        std::string_view last_error) {
  std::lock_guard lock(mu_);
  SLUICE_ASSIGN_OR_RETURN(
      SqliteStatement q,
      SqliteStatement::Prepare(db_.get(),
                               "UPDATE alerts SET delivery_attempts = ?2, delivered_ms = ?3, "
                               "delivery_error = ?4 WHERE id = ?1"));
  SLUICE_RETURN_IF_ERROR(q.BindText(1, id));
  SLUICE_RETURN_IF_ERROR(q.BindInt64(2, attempts));
  SLUICE_RETURN_IF_ERROR(q.BindOptionalInt64(3, delivered_ms));
  SLUICE_RETURN_IF_ERROR(q.BindText(4, last_error));
  SLUICE_RETURN_IF_ERROR(q.Run());
  if (q.Changes() == 0) return NotFound("no alert " + std::string(id));
  return Status::Ok();
}

}  // namespace sluice::alert
