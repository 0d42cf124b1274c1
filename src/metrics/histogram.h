// Histogram: a family of distributions (request latencies), one child per
// tuple of label values, all with the same bucket upper bounds, fixed when
// the family is created.
//
// A child counts each observation in the first bucket whose upper bound is
// >= the value (Prometheus buckets are "less than or equal"), or in the
// implicit +Inf bucket past the last bound, and adds it to the sum. NaN is
// ignored: it would make the sum NaN for good. Rendered, buckets are
// cumulative (_bucket{le="..."} counts everything <= le, le="+Inf" all),
// then _sum and _count; _count is the +Inf bucket by construction.
//
// Ownership: made and owned by a Registry (Registry::AddHistogram); children
// are never deleted, so With()'s references stay valid as long as it.
// Thread-safety: everything is thread-safe. Observe is a binary search and
// two relaxed atomic updates; a concurrent Read may see a bucket count
// before the matching sum.
// Invariant: bounds finite and strictly increasing (ValidateBuckets).
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "metrics/child_map.h"
#include "metrics/family.h"

namespace sluice::metrics {

// 50 µs to 10 s, for latencies in seconds: 0.00005, 0.0001, 0.00025,
// 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
// 5, 10.
std::vector<double> DefaultLatencyBuckets();

// OK, or InvalidArgument unless every bound is finite and each is greater
// than the one before. No bounds at all is valid (only the +Inf bucket).
Status ValidateBuckets(std::span<const double> bounds);

class Histogram final : public Family {
 public:
  class Child {
   public:
    // `bounds` must outlive the child (its family holds them).
    explicit Child(std::span<const double> bounds);

    void Observe(double value);

    struct Snapshot {
      std::vector<std::uint64_t> cumulative;  // one per bound, then +Inf
      double sum = 0;
      std::uint64_t count = 0;  // == cumulative.back()
    };
    Snapshot Read() const;

   private:
    const std::span<const double> bounds_;
    // bounds_.size() + 1 counts, not cumulative; the last is +Inf's own.
    const std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
    std::atomic<double> sum_{0};
  };

  const std::vector<double>& bounds() const { return bounds_; }

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
  // Precondition: ValidateBuckets(bounds) is OK.
  Histogram(std::string name, std::string help, std::vector<std::string> label_names,
            std::vector<double> bounds);

  const std::vector<double> bounds_;   // before children_, which points into it
  const std::vector<std::string> le_;  // bounds_ as le label values
  internal::ChildMap<Child> children_;
};

}  // namespace sluice::metrics
