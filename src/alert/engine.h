// AlertEngine: evaluates alert rules (rule.h) over a stream of event views (event_view.h) and
// says which alerts fire.
//
// Per rule and group (the values of the rule's group_by fields) the engine keeps a sliding
// window: the matching events of the last `window`, as (time_ms, value) entries, value 1 for a
// count and the field's value for a sum. Observe() adds the event, evicts entries at or before
// (event time - window), and fires when the window's total reaches the threshold. Firing
// empties the window (each event counts towards at most one alert) and suppresses the group for
// one window length: events keep accumulating meanwhile, and the first event after that which
// brings the total to the threshold fires the next alert.
//
// Time is the events' time_ms, never the wall clock. Events arriving out of order are placed at
// the latest time their group has seen (so the window never runs backwards).
//
// Memory is bounded: entries less than window/1000 apart are merged (keeping the earlier
// time, so a merged entry leaves the window at most window/1000 early), so a window holds at
// most ~1000 entries; a group whose window is empty and whose suppression is over is erased
// (groups are swept once per window of event time); and a rule holds at most
// max_groups_per_rule groups: an event that would open one more is not counted, and
// group_overflows() says how often that happened.
//
// Thread-safety: all methods are thread-safe (one mutex); Observe calls are serialized.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "alert/alert.h"
#include "alert/rule.h"
#include "common/status.h"

namespace sluice::alert {

struct AlertEngineOptions {
  std::size_t max_groups_per_rule = 100'000;
};

class AlertEngine {
 public:
  // kInvalidArgument for a rule that breaks the invariants of rule.h (a disabled rule, a repeated
  // id, a window <= 0, a threshold <= 0, a bad field path).
  static Result<std::unique_ptr<AlertEngine>> Make(std::vector<AlertRule> rules,
                                                   AlertEngineOptions options = {});

  AlertEngine(const AlertEngine&) = delete;
  AlertEngine& operator=(const AlertEngine&) = delete;

  // Offers one event to every rule; returns the alerts it made fire (state "open", a fresh
  // random id, not yet stored). The view's time is its integer `time_ms`.
  std::vector<Alert> Observe(const nlohmann::json& view);

  const std::vector<AlertRule>& rules() const { return rules_; }
  // Groups currently held, over all rules.
  std::size_t live_groups() const;
  // Events not counted because their rule had max_groups_per_rule groups already.
  std::uint64_t group_overflows() const;

 private:
  struct Entry {
    std::int64_t time_ms;
    double value;
  };
  struct Group {
    nlohmann::json key;          // the alert's `group`
    std::deque<Entry> entries;   // oldest first, times non-decreasing
    double total = 0;            // sum of entries' values
    std::int64_t latest_ms = 0;  // latest time seen (entries are clamped to it)
    std::int64_t suppressed_until_ms = 0;
    std::deque<std::string> request_ids;  // of the last kMaxAlertRequestIds entries added
    std::deque<std::int64_t> request_times;
  };
  struct RuleState {
    std::unordered_map<std::string, Group> groups;
    std::int64_t last_sweep_ms = 0;
  };

  AlertEngine(std::vector<AlertRule> rules, AlertEngineOptions options);

  // Requires mu_. Appends to `fired` the alert this rule fires for the event, if any.
  void ObserveRule(std::size_t index, const nlohmann::json& view, std::int64_t time_ms,
                   std::vector<Alert>& fired);
  static void Evict(Group& group, std::int64_t now_ms, std::int64_t window_ms);
  void Sweep(RuleState& state, std::int64_t window_ms, std::int64_t now_ms);

  const std::vector<AlertRule> rules_;
  const AlertEngineOptions options_;

  mutable std::mutex mu_;
  std::vector<RuleState> states_;  // GUARDED_BY(mu_) one per rule, same order
  std::uint64_t overflows_ = 0;    // GUARDED_BY(mu_)
  std::uint64_t id_counter_ = 0;   // GUARDED_BY(mu_) for ids when the CSPRNG fails
};

}  // namespace sluice::alert
