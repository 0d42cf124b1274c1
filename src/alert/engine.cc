#include "alert/engine.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "alert/field_path.h"
#include "common/crypto.h"

namespace sluice::alert {
namespace {

Status CheckRule(const AlertRule& rule) {
  const std::string ctx = "alert rule \"" + rule.id + "\": ";
  if (rule.disabled) return InvalidArgument(ctx + "is disabled (merge rules before use)");
  if (rule.window.count() <= 0) return InvalidArgument(ctx + "window must be positive");
  if (!(rule.threshold > 0) || !std::isfinite(rule.threshold)) {
    return InvalidArgument(ctx + "threshold must be a positive number");
  }
  std::vector<std::string> paths = rule.group_by;
  for (const Condition& c : rule.conditions) paths.push_back(c.field);
  if (!rule.sum_field.empty()) paths.push_back(rule.sum_field);
  for (const std::string& path : paths) {
    if (std::string problem = CheckFieldPath(path); !problem.empty()) {
      return InvalidArgument(ctx + problem);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<AlertEngine>> AlertEngine::Make(std::vector<AlertRule> rules,
                                                       AlertEngineOptions options) {
  if (options.max_groups_per_rule == 0) {
    return InvalidArgument("max_groups_per_rule must be positive");
  }
  std::set<std::string> ids;
  for (const AlertRule& rule : rules) {
    if (rule.id.empty()) return InvalidArgument("an alert rule has no id");
    if (!ids.insert(rule.id).second) {
      return InvalidArgument("alert rule id \"" + rule.id + "\" is used twice");
    }
    SLUICE_RETURN_IF_ERROR(CheckRule(rule));
  }
  return std::unique_ptr<AlertEngine>(new AlertEngine(std::move(rules), options));
}

AlertEngine::AlertEngine(std::vector<AlertRule> rules, AlertEngineOptions options)
    : rules_(std::move(rules)), options_(options), states_(rules_.size()) {}

std::vector<Alert> AlertEngine::Observe(const nlohmann::json& view) {
  std::vector<Alert> fired;
  const nlohmann::json* time = FindField(view, "time_ms");
  if (time == nullptr || !time->is_number_integer()) return fired;
  const std::int64_t time_ms = time->get<std::int64_t>();
  std::lock_guard lock(mu_);
  for (std::size_t i = 0; i < rules_.size(); ++i) ObserveRule(i, view, time_ms, fired);
  return fired;
}

void AlertEngine::Evict(Group& g, std::int64_t now_ms, std::int64_t window_ms) {
  while (!g.entries.empty() && g.entries.front().time_ms <= now_ms - window_ms) {
    g.total -= g.entries.front().value;
    g.entries.pop_front();
  }
  if (g.entries.empty()) g.total = 0;  // no rounding residue from fractional sums
}

void AlertEngine::Sweep(RuleState& state, std::int64_t window_ms, std::int64_t now_ms) {
  state.last_sweep_ms = now_ms;
  for (auto it = state.groups.begin(); it != state.groups.end();) {
    Group& g = it->second;
    const std::int64_t now = std::max(now_ms, g.latest_ms);
    Evict(g, now, window_ms);
    if (g.entries.empty() && g.suppressed_until_ms <= now) {
      it = state.groups.erase(it);
    } else {
      ++it;
    }
  }
}

void AlertEngine::ObserveRule(std::size_t index, const nlohmann::json& view, std::int64_t time_ms,
                              std::vector<Alert>& fired) {
  const AlertRule& rule = rules_[index];
  if (!RuleMatches(rule, view)) return;
  double value = 1;
  if (!rule.sum_field.empty()) {
    const nlohmann::json* field = FindField(view, rule.sum_field);
    if (field == nullptr || !field->is_number()) return;
    value = field->get<double>();
    if (!(value >= 0) || !std::isfinite(value)) return;
  }
  const std::int64_t window_ms = static_cast<std::int64_t>(rule.window.count()) * 1000;
  RuleState& state = states_[index];
  if (time_ms - state.last_sweep_ms >= window_ms) Sweep(state, window_ms, time_ms);

  nlohmann::json key_values = nlohmann::json::array();
  for (const std::string& path : rule.group_by) {
    const nlohmann::json* field = FindField(view, path);
    key_values.push_back(field != nullptr ? *field : nlohmann::json(nullptr));
  }
  const std::string key_text = DumpJson(key_values);
  auto it = state.groups.find(key_text);
  if (it == state.groups.end()) {
    if (state.groups.size() >= options_.max_groups_per_rule) {
      if (time_ms - state.last_sweep_ms >= window_ms / 16) Sweep(state, window_ms, time_ms);
      if (state.groups.size() >= options_.max_groups_per_rule) {
        ++overflows_;
        return;
      }
    }
    it = state.groups.emplace(key_text, Group{}).first;
    it->second.key = nlohmann::json::object();
    for (std::size_t i = 0; i < rule.group_by.size(); ++i) {
      it->second.key[rule.group_by[i]] = key_values[i];
    }
    it->second.latest_ms = time_ms;
  }
  Group& g = it->second;
  const std::int64_t now = std::max(time_ms, g.latest_ms);
  g.latest_ms = now;
  Evict(g, now, window_ms);

  const std::int64_t granularity = std::max<std::int64_t>(1, window_ms / 1000);
  if (!g.entries.empty() && now - g.entries.back().time_ms < granularity) {
    g.entries.back().value += value;
  } else {
    g.entries.push_back({now, value});
  }
  g.total += value;
  const nlohmann::json* request_id = FindField(view, "request_id");
  g.request_ids.push_back(request_id != nullptr && request_id->is_string()
                              ? request_id->get<std::string>()
                              : std::string());
  g.request_times.push_back(now);
  if (g.request_ids.size() > kMaxAlertRequestIds) {
    g.request_ids.pop_front();
    g.request_times.pop_front();
  }

  if (g.total < rule.threshold || now < g.suppressed_until_ms) return;
  Alert a;
  Result<std::string> id = RandomHex(16);
  a.id = id.ok() ? *id
                 : Sha256Hex(rule.id + key_text + std::to_string(now) + "/" +
                             std::to_string(++id_counter_))
                       .substr(0, 32);
  a.rule_id = rule.id;
  a.severity = rule.severity;
  a.description = rule.description;
  a.group = g.key;
  a.value = g.total;
  a.threshold = rule.threshold;
  a.first_ms = g.entries.front().time_ms;
  a.fired_ms = now;
  for (std::size_t i = 0; i < g.request_ids.size(); ++i) {
    if (g.request_times[i] > now - window_ms && !g.request_ids[i].empty()) {
      a.request_ids.push_back(g.request_ids[i]);
    }
  }
  fired.push_back(std::move(a));
  g.entries.clear();
  g.total = 0;
  g.request_ids.clear();
  g.request_times.clear();
  g.suppressed_until_ms = now + window_ms;
}

std::size_t AlertEngine::live_groups() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const RuleState& s : states_) n += s.groups.size();
  return n;
}

std::uint64_t AlertEngine::group_overflows() const {
  std::lock_guard lock(mu_);
  return overflows_;
}

}  // namespace sluice::alert
