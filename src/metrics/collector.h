// Collectors: metrics whose values are computed when Prometheus scrapes,
// such as bytes stored per domain and classification (a database query) or
// the number of copies per environment.
//
// A collector declares its families up front (Registry::AddCollector checks
// their names then, like any other family's, and renders their HELP and TYPE
// even when a scrape emits no sample) and is called once per scrape with a
// CollectorSink into which it emits samples.
//
// Ownership: the sink lives for one scrape; the collector must not keep it.
// Thread-safety: a sink is used by one thread. Collectors run on the
// scraping thread, outside the registry's lock, and concurrently when
// scrapes are concurrent: they must be thread-safe.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/family.h"

namespace sluice::metrics {

// A family a collector emits: a gauge (usually) or a counter.
struct CollectedFamily {
  std::string name;
  std::string help;
  MetricType type = MetricType::kGauge;
  std::vector<std::string> label_names;
};

namespace internal {
class CollectedSamples;
}  // namespace internal

class CollectorSink {
 public:
  // A sink for one call of a collector that declared `families` (valid and
  // distinct; Registry::AddCollector checked them).
  explicit CollectorSink(std::span<const CollectedFamily> families);
  ~CollectorSink();
  CollectorSink(const CollectorSink&) = delete;
  CollectorSink& operator=(const CollectorSink&) = delete;

  // Emits one sample of the declared family `family`, with one label value
  // per label name, in order. A second sample with the same label values
  // replaces the first. An undeclared family or a wrong number of values is
  // a programmer error: asserted, and the sample dropped in release builds.
  void Emit(std::string_view family, std::initializer_list<std::string_view> label_values,
            double value);
  void Emit(std::string_view family, std::span<const std::string_view> label_values, double value);

  // The declared families with the samples emitted, ready to render; the
  // sink is empty afterwards.
  std::vector<std::unique_ptr<Family>> TakeFamilies();

 private:
  std::vector<std::unique_ptr<internal::CollectedSamples>> families_;
};

using Collector = std::function<void(CollectorSink&)>;

}  // namespace sluice::metrics
