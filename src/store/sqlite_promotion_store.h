// SqlitePromotionStore: PromotionStore over the metadata database (its own
// connection; tables from migration V5).
//
// Thread-safety: thread-safe (one mutex around the connection).
#pragma once

#include <memory>
#include <mutex>
#include <string>

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
  Status SetPromotionState(std::string_view id, std::string_view expected_state,
                           std::string_view state, const std::vector<std::string>& promoted,
                           std::string_view message, std::int64_t now_ms) override;

 private:
  explicit SqlitePromotionStore(SqliteDb db) : db_(std::move(db)) {}
  // With mu_ held.
  Result<PromotionRecord> Read(std::string_view id);

  std::mutex mu_;
  SqliteDb db_;  // GUARDED_BY(mu_)
};

}  // namespace sluice::store
