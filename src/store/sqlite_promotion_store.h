// SqlitePromotionStore: PromotionStore over the metadata database (its own
// connection; tables from migrations V5 and V6).
//
// Thread-safety: thread-safe (one mutex around the connection).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/promotion_store.h"
#include "store/sqlite_db.h"

namespace sluice::store {

class SqlitePromotionStore final : public PromotionStore {
 public:
  static Result<std::unique_ptr<SqlitePromotionStore>> Open(const std::string& path);

  Status CreatePromotion(const PromotionRecord& p) override;
  Result<PromotionRecord> GetPromotion(std::string_view id) override;
  Result<std::vector<PromotionRecord>> ListPromotions(int limit) override;
  Status AddPromotionDecision(std::string_view id, const PromotionDecision& d) override;
  Status UpdatePromotion(const PromotionRecord& next, std::string_view expected_state) override;

  Status CreateRelease(const ReleaseRecord& r) override;
  Result<ReleaseRecord> GetRelease(std::string_view name) override;
  Result<std::vector<ReleaseRecord>> ListReleases(int limit) override;
  Result<std::int64_t> AddReleaseRoll(const ReleaseRoll& roll) override;
  Result<std::vector<ReleaseRoll>> ListReleaseRolls(int limit) override;

 private:
  explicit SqlitePromotionStore(SqliteDb db) : db_(std::move(db)) {}
  // With mu_ held.
  Result<PromotionRecord> Read(std::string_view id);
  // With mu_ held: the release called `name`, or (empty name) the newest.
  Result<std::vector<ReleaseRecord>> ReadReleases(std::string_view name, int limit);

  std::mutex mu_;
  SqliteDb db_;  // GUARDED_BY(mu_)
};

}  // namespace sluice::store
