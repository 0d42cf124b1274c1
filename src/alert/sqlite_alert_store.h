// SqliteAlertStore: the AlertStore in its own SQLite file (e.g. DATA/alerts.db), separate from
// the metadata database so that alerting load never contends with the request path.
//
// Opening creates the schema (versioned with PRAGMA user_version through
// store::ApplyMigrations; a file written by a newer Sluice is refused) and sets WAL mode,
// synchronous=FULL (an acknowledged alert survives a power loss) and a busy timeout.
//
// Ownership: owns the connection. Thread-safety: all methods are thread-safe (one mutex
// serializes use of the connection).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "alert/alert_store.h"
#include "store/sqlite_db.h"

namespace sluice::alert {

class SqliteAlertStore final : public AlertStore {
 public:
  // kInvalidArgument for an empty path; kFailedPrecondition for a newer schema; SQLite errors
  // as store::SqliteError maps them.
  static Result<std::unique_ptr<SqliteAlertStore>> Open(const std::string& path);

  SqliteAlertStore(const SqliteAlertStore&) = delete;
  SqliteAlertStore& operator=(const SqliteAlertStore&) = delete;

  Status Insert(const Alert& alert) override;
  Result<Alert> Get(std::string_view id) override;
  Result<std::vector<Alert>> List(std::string_view state, int limit) override;
  Result<std::int64_t> Count(std::string_view state) override;
  Status Acknowledge(std::string_view id, std::string_view by, std::string_view comment,
                     std::int64_t now_ms) override;
  Status RecordDelivery(std::string_view id, int attempts, std::optional<std::int64_t> delivered_ms,
                        std::string_view last_error) override;

  // The schema version this binary writes.
  static int SchemaVersion();

 private:
  explicit SqliteAlertStore(store::SqliteDb db) : db_(std::move(db)) {}

  std::mutex mu_;
  store::SqliteDb db_;  // GUARDED_BY(mu_)
};

}  // namespace sluice::alert
