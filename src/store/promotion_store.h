// PromotionStore: promotion requests up the ladder and their approvals
// (issue 7; docs/promotion.md). SqlitePromotionStore implements it over the
// metadata database.
//
// Thread-safety: implementations are thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
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
  // "data": datasets, models and pipelines up the data track; "release":
  // an infra release's components into the infra track's test rung.
  std::string kind = "data";
  std::string release;  // the release's name when kind is "release"
  std::string from;
  std::string to;
  std::vector<std::string> versions;  // source version ids, sorted
  // Aliases the promoted versions take in the target (e.g. "champion").
  std::vector<std::string> aliases;
  bool rollback = false;     // a re-promotion of what the target held before
  std::string content_hash;  // of (to, versions, aliases, rollback)
  std::string justification;
  std::string requester;
  // checking, awaiting-approval, approved, promoted, rejected, cancelled,
  // failed
  std::string state;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::string gates = "[]";                  // JSON array of gate results (gates/gate_result.h)
  std::vector<std::string> promoted;         // target version ids, once promoted
  std::string runner;                        // the service that ran it
  std::string attestation;                   // the signed DSSE envelope, once promoted
  std::string message;                       // why it failed or was refused
  std::vector<PromotionDecision> decisions;  // in time order
};

// A named set of infra components (tool and image versions in the infra
// track's first rung) that moves up together and rolls into every
// production-data environment at once.
struct ReleaseRecord {
  std::string name;
  std::vector<std::string> components;  // version ids where the release was made
  std::string creator;
  std::string justification;
  std::int64_t created_ms = 0;
};

// One roll of a release into the release train's environments (or its
// rollback, which rolls an earlier release again).
struct ReleaseRoll {
  std::int64_t seq = 0;  // assigned by the store, increasing
  std::string release;
  std::string runner;
  std::int64_t rolled_ms = 0;
  bool rollback = false;
  // environment -> the component versions placed there (ids in that environment).
  std::vector<std::pair<std::string, std::vector<std::string>>> placed;
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
  // Writes every mutable field of `next` (kind, release, from, to, requester,
  // created_ms and decisions are not changed) if the stored promotion is in
  // `expected_state` (compare and set): kFailedPrecondition, naming the
  // current state, when it is elsewhere.
  virtual Status UpdatePromotion(const PromotionRecord& next, std::string_view expected_state) = 0;

  // kAlreadyExists for a name in use.
  virtual Status CreateRelease(const ReleaseRecord& r) = 0;
  virtual Result<ReleaseRecord> GetRelease(std::string_view name) = 0;
  // Newest first, at most `limit` (1..1000).
  virtual Result<std::vector<ReleaseRecord>> ListReleases(int limit) = 0;
  // Returns the roll's sequence number.
  virtual Result<std::int64_t> AddReleaseRoll(const ReleaseRoll& roll) = 0;
  // Newest first, at most `limit` (1..1000).
  virtual Result<std::vector<ReleaseRoll>> ListReleaseRolls(int limit) = 0;
};

}  // namespace sluice::store
