// Registry: the metric families of a process and their rendering in the
// Prometheus text exposition format 0.0.4 (exposition.h), what a scrape of
// GET /metrics answers with Content-Type kContentType.
//
//   Registry registry;
//   SLUICE_ASSIGN_OR_RETURN(Counter * requests,
//       registry.AddCounter("sluice_http_requests_total", "HTTP requests.", {"method"}));
//   requests->With({"GET"}).Inc();
//   std::string text = registry.Render();
//
// Creation checks what Prometheus would otherwise reject at scrape time and
// returns it as an error value: InvalidArgument for an invalid metric or
// label name (names.h), a label name given twice, the label "le" on a
// histogram, bad bucket bounds (histogram.h); AlreadyExists for a name that
// clashes with a family already registered (a histogram also takes its
// name's _bucket, _sum and _count). Label values are not checked: they must
// be UTF-8 and of bounded variety (never a raw path or an id), which is the
// caller's job.
//
// Render lists families sorted by name and children by label values, so
// equal states render equal text; a collector's families sort among the
// others. Collectors run during Render, outside the registry's lock.
//
// Ownership: the registry owns its families and collectors and never
// deletes one before it is destroyed: the Counter*, Gauge* and Histogram*
// it returns, and their children, stay valid as long as it.
// Thread-safety: all methods are thread-safe; families may be added while
// others are updated or rendered.
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "metrics/collector.h"
#include "metrics/counter.h"
#include "metrics/exposition.h"
#include "metrics/gauge.h"
#include "metrics/histogram.h"

namespace sluice::metrics {

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  Result<Counter*> AddCounter(std::string name, std::string help,
                              std::vector<std::string> label_names = {});
  Result<Gauge*> AddGauge(std::string name, std::string help,
                          std::vector<std::string> label_names = {});
  Result<Histogram*> AddHistogram(std::string name, std::string help,
                                  std::vector<std::string> label_names = {},
                                  std::vector<double> bounds = DefaultLatencyBuckets());

  // Registers `collect`, to be called at every Render, which may emit
  // samples of `families` (gauges or counters) only. Errors as for the
  // other families, and InvalidArgument for a histogram or no families.
  Status AddCollector(std::vector<CollectedFamily> families, Collector collect);

  // The exposition text of every family (see above).
  std::string Render() const;

 private:
  struct CollectorEntry {
    std::vector<CollectedFamily> families;
    Collector collect;
  };

  // AlreadyExists unless none of `names` is taken; else takes them all.
  // Requires mu_.
  Status TakeNames(const std::vector<std::string>& names);

  // Adds `family` to families_ and returns it. Requires mu_.
  template <typename F>
  F* Keep(std::unique_ptr<F> family) {
    F* kept = family.get();
    families_.push_back(std::move(family));
    return kept;
  }

  mutable std::mutex mu_;
  std::set<std::string, std::less<>> taken_names_;           // guarded by mu_
  std::vector<std::unique_ptr<Family>> families_;            // guarded by mu_
  std::vector<std::unique_ptr<CollectorEntry>> collectors_;  // guarded by mu_
};

}  // namespace sluice::metrics
