// Names in the Prometheus data model, checked when a family is created so
// that a bad name is an error value at startup, never a broken scrape.
//
//   metric names  [a-zA-Z_:][a-zA-Z0-9_:]*
//   label names   [a-zA-Z_][a-zA-Z0-9_]*
//
// Names beginning with "__" are reserved for Prometheus's own use (e.g. the
// label __name__) and refused for both. Histograms also refuse the label
// "le", which their buckets use.
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::metrics {

// OK, or InvalidArgument naming the bad metric name.
Status ValidateMetricName(std::string_view name);

// OK, or InvalidArgument naming the bad label name.
Status ValidateLabelName(std::string_view name);

// Each name valid, no two equal, none in `reserved`. InvalidArgument naming
// `metric` (the family) otherwise.
Status ValidateLabelNames(std::string_view metric, std::span<const std::string> names,
                          std::span<const std::string_view> reserved = {});

}  // namespace sluice::metrics
