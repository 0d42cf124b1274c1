#include "metrics/counter.h"

#include <cassert>
#include <cmath>
#include <memory>
#include <utility>

namespace sluice::metrics {

void Counter::Child::Add(double amount) {
  assert(amount >= 0 && "metrics: a counter only goes up");
  if (!(amount >= 0)) return;  // also NaN
  fraction_.fetch_add(amount, std::memory_order_relaxed);
}

double Counter::Child::Value() const {
  return static_cast<double>(integer_.load(std::memory_order_relaxed)) +
         fraction_.load(std::memory_order_relaxed);
}

std::string Counter::Child::ValueText() const {
  const std::uint64_t integer = integer_.load(std::memory_order_relaxed);
  const double fraction = fraction_.load(std::memory_order_relaxed);
  if (fraction == 0) return FormatCount(integer);
  return FormatValue(static_cast<double>(integer) + fraction);
}

Counter::Counter(std::string name, std::string help, std::vector<std::string> label_names)
    : Family(std::move(name), std::move(help), MetricType::kCounter, std::move(label_names)),
      children_(this->label_names().size(), [] { return std::make_unique<Child>(); }) {}

void Counter::AppendTo(std::string& out) const {
  AppendHeader(out, name(), help(), type());
  for (const auto& [values, child] : children_.Sorted()) {
    AppendSample(out, name(), "", label_names(), *values, "", child->ValueText());
  }
}

}  // namespace sluice::metrics
