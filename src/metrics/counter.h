// Counter: a family of monotonic counters, one child per tuple of label
// values (sluice_http_requests_total{method,route,status}).
//
// A child counts whole events exactly as a uint64 (Inc) and can also add
// fractional amounts (Add, e.g. seconds of CPU); it renders the integer
// exactly while no fraction was ever added. A counter only goes up: a
// negative or NaN Add is a programmer error (asserted; ignored in release).
//
// Ownership: made and owned by a Registry (Registry::AddCounter); children
// are never deleted, so With()'s references stay valid as long as it.
// Thread-safety: everything is thread-safe. Updates are relaxed atomics
// (a scrape may see one counter's increment before another's).
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/child_map.h"
#include "metrics/family.h"

namespace sluice::metrics {

class Counter final : public Family {
 public:
  class Child {
   public:
    void Inc() { integer_.fetch_add(1, std::memory_order_relaxed); }
    void Inc(std::uint64_t n) { integer_.fetch_add(n, std::memory_order_relaxed); }
    // Precondition: amount >= 0 (see above).
    void Add(double amount);
    double Value() const;
    // The exposition text of the value: exact digits while integral.
    std::string ValueText() const;

   private:
    std::atomic<std::uint64_t> integer_{0};
    std::atomic<double> fraction_{0};  // sum of Add()s
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
  Counter(std::string name, std::string help, std::vector<std::string> label_names);

  internal::ChildMap<Child> children_;
};

}  // namespace sluice::metrics
