#include "gates/metric_gate.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "gates/message_text.h"
#include "platform/utf8.h"

namespace sluice::gates {
namespace {

constexpr double kRelativeSlack = 1e-9;

// The metric's value if it is a finite number.
std::optional<double> NumberOf(const nlohmann::json& metrics, const std::string& name,
                               const nlohmann::json** found) {
  *found = nullptr;
  if (!metrics.is_object()) return std::nullopt;
  auto it = metrics.find(name);
  if (it == metrics.end()) return std::nullopt;
  *found = &*it;
  if (!it->is_number()) return std::nullopt;
  const double v = it->get<double>();
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

// a > b, beyond rounding noise.
bool Exceeds(double a, double b) {
  return a - b > kRelativeSlack * std::max({1.0, std::fabs(a), std::fabs(b)});
}

}  // namespace

GateResult CheckMetrics(const std::vector<platform::MetricRule>& rules,
                        const nlohmann::json& candidate_metrics,
                        const nlohmann::json* champion_metrics) {
  GateResult r;
  r.gate = "metrics";
  if (rules.empty()) {
    r.passed = true;
    r.skipped = true;
    r.messages.push_back("no metric rules for the target environment");
    return r;
  }
  bool passed = true;
  nlohmann::json measured = nlohmann::json::object();
  for (const platform::MetricRule& rule : rules) {
    const std::string name = Quote(rule.metric, 128);
    nlohmann::json& m = measured[platform::ToValidUtf8(rule.metric)];
    const nlohmann::json* found = nullptr;
    const std::optional<double> value = NumberOf(candidate_metrics, rule.metric, &found);
    if (!value) {
      r.messages.push_back(found == nullptr ? "metric " + name + " is missing"
                                            : "metric " + name + " is not a number");
      m["value"] = nullptr;
      passed = false;
      continue;
    }
    m["value"] = *value;
    if (rule.min && Exceeds(*rule.min, *value)) {
      r.messages.push_back("metric " + name + " = " + FormatNumber(*value) +
                           ", below the minimum " + FormatNumber(*rule.min));
      passed = false;
    }
    if (rule.max && Exceeds(*value, *rule.max)) {
      r.messages.push_back("metric " + name + " = " + FormatNumber(*value) +
                           ", above the maximum " + FormatNumber(*rule.max));
      passed = false;
    }
    if (!rule.max_regression) continue;
    if (champion_metrics == nullptr) {
      r.messages.push_back("metric " + name + ": no champion yet; regression not measured");
      continue;
    }
    const nlohmann::json* champion_found = nullptr;
    const std::optional<double> champion =
        NumberOf(*champion_metrics, rule.metric, &champion_found);
    if (!champion) {
      r.messages.push_back("metric " + name +
                           ": the champion has no numeric value; regression not measured");
      continue;
    }
    const double regression = rule.higher_is_better ? *champion - *value : *value - *champion;
    m["champion"] = *champion;
    m["regression"] = regression;
    if (Exceeds(regression, *rule.max_regression)) {
      r.messages.push_back("metric " + name + " regressed by " + FormatNumber(regression) +
                           " against the champion (" + FormatNumber(*champion) + " -> " +
                           FormatNumber(*value) + "), more than the " +
                           FormatNumber(*rule.max_regression) + " allowed");
      passed = false;
    }
  }
  r.passed = passed;
  r.measured = std::move(measured);
  if (passed) r.messages.insert(r.messages.begin(), "all metric rules met");
  return r;
}

}  // namespace sluice::gates
