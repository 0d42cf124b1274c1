#include "metrics/gauge.h"

#include <memory>
#include <utility>

namespace sluice::metrics {

Gauge::Gauge(std::string name, std::string help, std::vector<std::string> label_names)
    : Family(std::move(name), std::move(help), MetricType::kGauge, std::move(label_names)),
      children_(this->label_names().size(), [] { return std::make_unique<Child>(); }) {}

void Gauge::AppendTo(std::string& out) const {
  AppendHeader(out, name(), help(), type());
  for (const auto& [values, child] : children_.Sorted()) {
    AppendSample(out, name(), "", label_names(), *values, "", FormatValue(child->Value()));
  }
}

}  // namespace sluice::metrics
