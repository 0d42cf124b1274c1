// PromotionStore: promotion requests up the ladder and their approvals
// (issue 7; docs/promotion.md). SqlitePromotionStore implements it over the
// metadata database.
//
// Thread-safety: implementations are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::store {

// A decision on a promotion, bound to the bundle's content hash at the time:
// an approval of other content does not count.
struct PromotionDecision {
  std::string approver;
  std::string content_hash;
  bool approve = true;
  std::string comment;
  std::int64_t decided_ms = 0;
};

struct PromotionRecord {
  std::string id;
  std::string from;
  std::string to;
  std::vector<std::string> versions;  // source version ids, sorted
  std::string content_hash;           // of (to, versions)
  std::string justification;
  std::string requester;
  // awaiting-approval, approved, promoted, rejected, cancelled, failed
  std::string state;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::vector<std::string> promoted;         // target version ids, once promoted
  std::string message;                       // why it failed or was refused
  std::vector<PromotionDecision> decisions;  // in time order
};

class PromotionStore {
 public:
  virtual ~PromotionStore() = default;

  virtual Status CreatePromotion(const PromotionRecord& p) = 0;
  // With its decisions. kNotFound for an unknown id.
  virtual Result<PromotionRecord> GetPromotion(std::string_view id) = 0;
  // Newest first, at most `limit` (1..1000).
  virtual Result<std::vector<PromotionRecord>> ListPromotions(int limit) = 0;
  // kAlreadyExists when this approver already decided on this content.
  virtual Status AddPromotionDecision(std::string_view id, const PromotionDecision& d) = 0;
  // Moves `id` from `expected_state` to `state` (compare and set):
  // kFailedPrecondition, naming the current state, when it is elsewhere.
  virtual Status SetPromotionState(std::string_view id, std::string_view expected_state,
                                   std::string_view state, const std::vector<std::string>& promoted,
                                   std::string_view message, std::int64_t now_ms) = 0;
};

}  // namespace sluice::store
