// AlertStore: where fired alerts are kept, listed and acknowledged, and where the webhook
// records its delivery attempts.
//
// Alerts are only ever added and updated (acknowledgement, delivery), never deleted: an alert
// is itself part of the record of what happened.
//
// Implementations: SqliteAlertStore (sqlite_alert_store.h), MockAlertStore (tests).
// Thread-safety: implementations must be thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alert/alert.h"
#include "common/status.h"

namespace sluice::alert {

// The most alerts one List returns.
inline constexpr int kMaxAlertListLimit = 1000;

class AlertStore {
 public:
  virtual ~AlertStore() = default;

  // Stores a new alert as given. kAlreadyExists for a known id; kInvalidArgument for an empty
  // id or a state other than "open"/"acknowledged".
  virtual Status Insert(const Alert& alert) = 0;

  // kNotFound for an unknown id.
  virtual Result<Alert> Get(std::string_view id) = 0;

  // Newest first (by fired_ms, then by insertion). `state`: "" for all, "open" or
  // "acknowledged"; `limit` 1..kMaxAlertListLimit. kInvalidArgument otherwise.
  virtual Result<std::vector<Alert>> List(std::string_view state, int limit) = 0;

  // Alerts in a state ("" for all); kInvalidArgument for another state.
  virtual Result<std::int64_t> Count(std::string_view state) = 0;

  // Marks an open alert acknowledged by `by` at `now_ms` with a comment. kNotFound for an
  // unknown id; kFailedPrecondition when it is already acknowledged (the first acknowledgement
  // stands); kInvalidArgument for an empty `by`.
  virtual Status Acknowledge(std::string_view id, std::string_view by, std::string_view comment,
                             std::int64_t now_ms) = 0;

  // Overwrites the alert's delivery state. kNotFound for an unknown id.
  virtual Status RecordDelivery(std::string_view id, int attempts,
                                std::optional<std::int64_t> delivered_ms,
                                std::string_view last_error) = 0;
};

// Shared argument checks, so that both implementations refuse the same inputs.
Status CheckAlertForInsert(const Alert& alert);
Status CheckStateFilter(std::string_view state);
Status CheckListLimit(int limit);

}  // namespace sluice::alert
