#include "metrics/histogram.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace sluice::metrics {
namespace {

std::vector<std::string> LeValues(const std::vector<double>& bounds) {
  std::vector<std::string> le;
  le.reserve(bounds.size());
  for (const double bound : bounds) le.push_back(FormatValue(bound));
  return le;
}

}  // namespace

std::vector<double> DefaultLatencyBuckets() {
  return {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05,    0.1,    0.25,    0.5,    1,     2.5,    5,     10};
}

Status ValidateBuckets(std::span<const double> bounds) {
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i])) {
      return InvalidArgument("histogram bucket bound " + FormatValue(bounds[i]) +
                             " is not finite (+Inf is always the last bucket)");
    }
    if (i > 0 && !(bounds[i] > bounds[i - 1])) {
      return InvalidArgument("histogram bucket bounds must increase strictly: " +
                             FormatValue(bounds[i]) + " follows " + FormatValue(bounds[i - 1]));
    }
  }
  return Status::Ok();
}

Histogram::Child::Child(std::span<const double> bounds)
    : bounds_(bounds), buckets_(new std::atomic<std::uint64_t>[bounds.size() + 1]) {
  for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0);
}

void Histogram::Child::Observe(double value) {
  if (std::isnan(value)) return;
  const auto bucket = std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin();
  buckets_[static_cast<std::size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Child::Snapshot Histogram::Child::Read() const {
  Snapshot snapshot;
  snapshot.cumulative.reserve(bounds_.size() + 1);
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    snapshot.count += buckets_[i].load(std::memory_order_relaxed);
    snapshot.cumulative.push_back(snapshot.count);
  }
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

Histogram::Histogram(std::string name, std::string help, std::vector<std::string> label_names,
                     std::vector<double> bounds)
    : Family(std::move(name), std::move(help), MetricType::kHistogram, std::move(label_names)),
      bounds_(std::move(bounds)),
      le_(LeValues(bounds_)),
      children_(this->label_names().size(), [this] { return std::make_unique<Child>(bounds_); }) {}

void Histogram::AppendTo(std::string& out) const {
  AppendHeader(out, name(), help(), type());
  for (const auto& [values, child] : children_.Sorted()) {
    const Child::Snapshot snapshot = child->Read();
    for (std::size_t i = 0; i < snapshot.cumulative.size(); ++i) {
      const std::string_view le = i < le_.size() ? std::string_view(le_[i]) : "+Inf";
      AppendSample(out, name(), "_bucket", label_names(), *values, le,
                   FormatCount(snapshot.cumulative[i]));
    }
    AppendSample(out, name(), "_sum", label_names(), *values, "", FormatValue(snapshot.sum));
    AppendSample(out, name(), "_count", label_names(), *values, "", FormatCount(snapshot.count));
  }
}

}  // namespace sluice::metrics
