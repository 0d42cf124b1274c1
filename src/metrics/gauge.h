// Gauge: a family of values that go up and down (sluice_sessions_open), one
// child per tuple of label values. For values computed when Prometheus
// scrapes (a database count), use a collector instead (collector.h).
//
// Ownership: made and owned by a Registry (Registry::AddGauge); children are
// never deleted, so With()'s references stay valid as long as it.
// Thread-safety: everything is thread-safe; updates are relaxed atomics.
#pragma once

#include <atomic>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/child_map.h"
#include "metrics/family.h"

namespace sluice::metrics {

class Gauge final : public Family {
 public:
  class Child {
   public:
    void Set(double value) { value_.store(value, std::memory_order_relaxed); }
    void Inc(double amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
    void Dec(double amount = 1) { value_.fetch_sub(amount, std::memory_order_relaxed); }
    double Value() const { return value_.load(std::memory_order_relaxed); }

   private:
    std::atomic<double> value_{0};
  };

  // The child for these label values, one per label name in order, made on
  // first use. A wrong number of values is a programmer error (see
  // child_map.h). Without labels: With().
  Child& With(std::initializer_list<std::string_view> values = {}) {
    return children_.Get(std::span<const std::string_view>(values.begin(), values.size()));
  }
  Child& With(std::span<const std::string_view> values) { return children_.Get(values); }

  void AppendTo(std::string& out) const override;

 private:
  friend class Registry;
  Gauge(std::string name, std::string help, std::vector<std::string> label_names);

  internal::ChildMap<Child> children_;
};

}  // namespace sluice::metrics
