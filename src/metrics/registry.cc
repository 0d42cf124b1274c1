#include "metrics/registry.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "metrics/names.h"

namespace sluice::metrics {
namespace {

constexpr std::string_view kHistogramReserved[] = {"le"};

// The names a family occupies: its own and the samples it renders.
std::vector<std::string> OccupiedNames(const std::string& name, MetricType type) {
  if (type != MetricType::kHistogram) return {name};
  return {name, name + "_bucket", name + "_sum", name + "_count"};
}

Status ValidateFamily(const std::string& name, MetricType type,
                      const std::vector<std::string>& label_names) {
  SLUICE_RETURN_IF_ERROR(ValidateMetricName(name));
  return ValidateLabelNames(name, label_names,
                            type == MetricType::kHistogram
                                ? std::span<const std::string_view>(kHistogramReserved)
                                : std::span<const std::string_view>());
}

}  // namespace

Registry::Registry() = default;
Registry::~Registry() = default;

Status Registry::TakeNames(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (taken_names_.contains(name)) {
      return AlreadyExists("metric name \"" + name + "\" is already registered");
    }
  }
  taken_names_.insert(names.begin(), names.end());
  return Status::Ok();
}

Result<Counter*> Registry::AddCounter(std::string name, std::string help,
                                      std::vector<std::string> label_names) {
  SLUICE_RETURN_IF_ERROR(ValidateFamily(name, MetricType::kCounter, label_names));
  std::lock_guard lock(mu_);
  SLUICE_RETURN_IF_ERROR(TakeNames(OccupiedNames(name, MetricType::kCounter)));
  return Keep(std::unique_ptr<Counter>(
      new Counter(std::move(name), std::move(help), std::move(label_names))));
}

Result<Gauge*> Registry::AddGauge(std::string name, std::string help,
                                  std::vector<std::string> label_names) {
  SLUICE_RETURN_IF_ERROR(ValidateFamily(name, MetricType::kGauge, label_names));
  std::lock_guard lock(mu_);
  SLUICE_RETURN_IF_ERROR(TakeNames(OccupiedNames(name, MetricType::kGauge)));
  return Keep(
      std::unique_ptr<Gauge>(new Gauge(std::move(name), std::move(help), std::move(label_names))));
}

Result<Histogram*> Registry::AddHistogram(std::string name, std::string help,
                                          std::vector<std::string> label_names,
                                          std::vector<double> bounds) {
  SLUICE_RETURN_IF_ERROR(ValidateFamily(name, MetricType::kHistogram, label_names));
  const Status buckets = ValidateBuckets(bounds);
  if (!buckets.ok()) return InvalidArgument(name + ": " + buckets.message());
  std::lock_guard lock(mu_);
  SLUICE_RETURN_IF_ERROR(TakeNames(OccupiedNames(name, MetricType::kHistogram)));
  return Keep(std::unique_ptr<Histogram>(
      new Histogram(std::move(name), std::move(help), std::move(label_names), std::move(bounds))));
}

Status Registry::AddCollector(std::vector<CollectedFamily> families, Collector collect) {
  if (families.empty()) return InvalidArgument("a collector must declare its families");
  if (!collect) return InvalidArgument("a collector must have a function to call");
  std::vector<std::string> names;
  for (const CollectedFamily& family : families) {
    if (family.type == MetricType::kHistogram) {
      return InvalidArgument(family.name + ": a collector emits gauges and counters only");
    }
    SLUICE_RETURN_IF_ERROR(ValidateFamily(family.name, family.type, family.label_names));
    if (std::find(names.begin(), names.end(), family.name) != names.end()) {
      return AlreadyExists("metric name \"" + family.name + "\" is declared twice");
    }
    names.push_back(family.name);
  }
  std::lock_guard lock(mu_);
  SLUICE_RETURN_IF_ERROR(TakeNames(names));
  collectors_.push_back(
      std::make_unique<CollectorEntry>(CollectorEntry{std::move(families), std::move(collect)}));
  return Status::Ok();
}

std::string Registry::Render() const {
  std::vector<const Family*> families;
  std::vector<const CollectorEntry*> collectors;
  {
    std::lock_guard lock(mu_);
    for (const auto& family : families_) families.push_back(family.get());
    for (const auto& collector : collectors_) collectors.push_back(collector.get());
  }
  std::vector<std::unique_ptr<Family>> collected;
  for (const CollectorEntry* collector : collectors) {
    CollectorSink sink(collector->families);
    collector->collect(sink);
    for (auto& family : sink.TakeFamilies()) {
      families.push_back(family.get());
      collected.push_back(std::move(family));
    }
  }
  std::sort(families.begin(), families.end(),
            [](const Family* a, const Family* b) { return a->name() < b->name(); });
  std::string out;
  for (const Family* family : families) family->AppendTo(out);
  return out;
}

}  // namespace sluice::metrics
