// SqliteControlStore: ControlStore over the metadata database (its own
// connection, like SqliteCatalogStore; tables from migration V3).
//
// Thread-safety: thread-safe (one mutex around the connection).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/control_store.h"
#include "store/sqlite_db.h"

namespace sluice::store {

class SqliteControlStore final : public ControlStore {
 public:
  static Result<std::unique_ptr<SqliteControlStore>> Open(const std::string& path);

  Result<std::int64_t> AddPolicyVersion(const PolicyVersion& v) override;
  Result<PolicyVersion> GetPolicyVersion(std::int64_t version) override;
  Result<std::optional<PolicyVersion>> LatestPolicyVersion() override;
  Result<std::vector<PolicyVersion>> ListPolicyVersions() override;

  Status CreateSession(const SessionRecord& session) override;
  Result<SessionRecord> GetSession(std::string_view id) override;
  Result<std::vector<SessionRecord>> ListSessions(std::string_view principal, bool include_ended,
                                                  std::int64_t now_ms) override;
  Status CloseSession(std::string_view id, std::int64_t now_ms) override;
  Result<std::int64_t> CountOpenSessions(std::int64_t now_ms) override;

  Status CreateBreakGlass(const BreakGlassRecord& request) override;
  Result<BreakGlassRecord> GetBreakGlass(std::string_view id) override;
  Result<std::vector<BreakGlassRecord>> ListBreakGlass() override;
  Status AddBreakGlassApproval(std::string_view id, const BreakGlassApproval& a) override;
  Status MarkBreakGlassOpened(std::string_view id, std::string_view session_id) override;

 private:
  explicit SqliteControlStore(SqliteDb db) : db_(std::move(db)) {}
  // With mu_ held.
  Result<BreakGlassRecord> ReadBreakGlass(std::string_view id);

  std::mutex mu_;
  SqliteDb db_;  // GUARDED_BY(mu_)
};

}  // namespace sluice::store
