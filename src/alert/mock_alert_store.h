// MockAlertStore: an in-memory AlertStore for tests, with the same contract (argument checks,
// error codes, ordering) as SqliteAlertStore, plus fault injection: FailNextInserts(n, status)
// makes the next n Inserts fail with `status` and store nothing. Header-only.
//
// Thread-safety: all methods are thread-safe (one mutex).
#pragma once

#include <algorithm>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "alert/alert_store.h"

namespace sluice::alert {

class MockAlertStore final : public AlertStore {
 public:
  Status Insert(const Alert& alert) override {
    SLUICE_RETURN_IF_ERROR(CheckAlertForInsert(alert));
    std::lock_guard lock(mu_);
    if (!insert_faults_.empty()) {
      Status fault = std::move(insert_faults_.front());
      insert_faults_.pop_front();
      return fault;
    }
    if (Find(alert.id) != nullptr) return AlreadyExists("alert " + alert.id + " already exists");
    alerts_.push_back(alert);
    return Status::Ok();
  }

  Result<Alert> Get(std::string_view id) override {
    std::lock_guard lock(mu_);
    const Alert* a = Find(id);
    if (a == nullptr) return NotFound("no alert " + std::string(id));
    return *a;
  }

  Result<std::vector<Alert>> List(std::string_view state, int limit) override {
    SLUICE_RETURN_IF_ERROR(CheckStateFilter(state));
    SLUICE_RETURN_IF_ERROR(CheckListLimit(limit));
    std::lock_guard lock(mu_);
    std::vector<Alert> out;
    for (auto it = alerts_.rbegin(); it != alerts_.rend(); ++it) {
      if (state.empty() || it->state == state) out.push_back(*it);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Alert& a, const Alert& b) { return a.fired_ms > b.fired_ms; });
    if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
    return out;
  }

  Result<std::int64_t> Count(std::string_view state) override {
    SLUICE_RETURN_IF_ERROR(CheckStateFilter(state));
    std::lock_guard lock(mu_);
    return static_cast<std::int64_t>(
        std::count_if(alerts_.begin(), alerts_.end(),
                      [&](const Alert& a) { return state.empty() || a.state == state; }));
  }

  Status Acknowledge(std::string_view id, std::string_view by, std::string_view comment,
                     std::int64_t now_ms) override {
    if (by.empty()) return InvalidArgument("an acknowledgement needs a principal");
    std::lock_guard lock(mu_);
    Alert* a = Find(id);
    if (a == nullptr) return NotFound("no alert " + std::string(id));
    if (a->state == kStateAcknowledged) {
      return FailedPrecondition("alert " + a->id + " was already acknowledged by " + a->acked_by);
    }
    a->state = std::string(kStateAcknowledged);
    a->acked_by = std::string(by);
    a->acked_ms = now_ms;
    a->ack_comment = std::string(comment);
    return Status::Ok();
  }

  Status RecordDelivery(std::string_view id, int attempts, std::optional<std::int64_t> delivered_ms,
                        std::string_view last_error) override {
    std::lock_guard lock(mu_);
    Alert* a = Find(id);
    if (a == nullptr) return NotFound("no alert " + std::string(id));
    a->delivery = {attempts, delivered_ms, std::string(last_error)};
    ++deliveries_recorded_;
    return Status::Ok();
  }

  // --- Fault injection and inspection ---

  void FailNextInserts(int n, Status status) {
    std::lock_guard lock(mu_);
    for (int i = 0; i < n; ++i) insert_faults_.push_back(status);
  }

  std::size_t size() const {
    std::lock_guard lock(mu_);
    return alerts_.size();
  }

  // Successful RecordDelivery calls.
  int deliveries_recorded() const {
    std::lock_guard lock(mu_);
    return deliveries_recorded_;
  }

 private:
  // Requires mu_.
  Alert* Find(std::string_view id) {
    for (Alert& a : alerts_) {
      if (a.id == id) return &a;
    }
    return nullptr;
  }

  mutable std::mutex mu_;
  std::vector<Alert> alerts_;         // GUARDED_BY(mu_) in insertion order
  std::deque<Status> insert_faults_;  // GUARDED_BY(mu_)
  int deliveries_recorded_ = 0;       // GUARDED_BY(mu_)
};

}  // namespace sluice::alert
