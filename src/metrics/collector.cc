#include "metrics/collector.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include "metrics/exposition.h"

namespace sluice::metrics {
namespace internal {

// One collected family for one scrape: its samples, rendered sorted.
class CollectedSamples final : public Family {
 public:
  explicit CollectedSamples(const CollectedFamily& family)
      : Family(family.name, family.help, family.type, family.label_names) {}

  void Add(std::span<const std::string_view> values, double value) {
    samples_.push_back({std::vector<std::string>(values.begin(), values.end()), value});
  }

  void AppendTo(std::string& out) const override {
    AppendHeader(out, name(), help(), type());
    std::vector<const Sample*> sorted;
    sorted.reserve(samples_.size());
    for (const Sample& sample : samples_) sorted.push_back(&sample);
    // Stable, so that of equal label values the last emitted is last.
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Sample* a, const Sample* b) { return a->values < b->values; });
    for (std::size_t i = 0; i < sorted.size(); ++i) {
      if (i + 1 < sorted.size() && sorted[i + 1]->values == sorted[i]->values) continue;
      AppendSample(out, name(), "", label_names(), sorted[i]->values, "",
                   FormatValue(sorted[i]->value));
    }
  }

 private:
  struct Sample {
    std::vector<std::string> values;
    double value;
  };
  std::vector<Sample> samples_;
};

}  // namespace internal

CollectorSink::CollectorSink(std::span<const CollectedFamily> families) {
  families_.reserve(families.size());
  for (const CollectedFamily& family : families) {
    families_.push_back(std::make_unique<internal::CollectedSamples>(family));
  }
}

CollectorSink::~CollectorSink() = default;

void CollectorSink::Emit(std::string_view family,
                         std::initializer_list<std::string_view> label_values, double value) {
  Emit(family, std::span<const std::string_view>(label_values.begin(), label_values.size()), value);
}

void CollectorSink::Emit(std::string_view family, std::span<const std::string_view> label_values,
                         double value) {
  for (const auto& samples : families_) {
    if (samples->name() != family) continue;
    if (label_values.size() != samples->label_names().size()) {
      assert(false && "metrics: wrong number of label values");
      return;
    }
    samples->Add(label_values, value);
    return;
  }
  assert(false && "metrics: a collector emitted a family it did not declare");
}

std::vector<std::unique_ptr<Family>> CollectorSink::TakeFamilies() {
  std::vector<std::unique_ptr<Family>> families;
  families.reserve(families_.size());
  for (auto& samples : families_) families.push_back(std::move(samples));
  families_.clear();
  return families;
}

}  // namespace sluice::metrics
