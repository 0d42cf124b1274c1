// The Prometheus text exposition format, version 0.0.4: the pieces every
// family uses to render itself (Registry::Render puts them together).
//
//   # HELP <name> <help, with \ and newline escaped>
//   # TYPE <name> counter|gauge|histogram
//   <name>[<suffix>]{<label>="<value, with \ " and newline escaped>",...} <value>
//
// Values are written as Go's strconv.FormatFloat(v, 'g', -1, 64) writes them
// (what the Go and Python clients print): the shortest digits that read back
// as the same double, in exponent form below 1e-4 and from 1e6 on ("5e-05",
// "0.0001", "2.5", "123456", "1e+06"), and "+Inf", "-Inf", "NaN". Counts are
// written as exact integers.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sluice::metrics {

// The Content-Type of a scrape response.
inline constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

enum class MetricType { kCounter, kGauge, kHistogram };

// "counter", "gauge", "histogram".
std::string_view TypeName(MetricType type);

// See above: "0", "0.25", "5e-05", "1e+06", "+Inf", "NaN".
std::string FormatValue(double value);

// Decimal digits, exactly.
std::string FormatCount(std::uint64_t count);

// Appends `value` with \ " and newline escaped, as label values need.
void AppendEscapedLabelValue(std::string& out, std::string_view value);

// Appends `help` with \ and newline escaped, as HELP lines need.
void AppendEscapedHelp(std::string& out, std::string_view help);

// Appends the "# HELP" and "# TYPE" lines of a family.
void AppendHeader(std::string& out, std::string_view name, std::string_view help, MetricType type);

// Appends one sample line: name+suffix, the labels (names[i]="values[i]"),
// then le="<le>" unless `le` is empty, then the value. No braces when there
// are no labels. Precondition: names.size() == values.size().
void AppendSample(std::string& out, std::string_view name, std::string_view suffix,
                  std::span<const std::string> names, std::span<const std::string> values,
                  std::string_view le, std::string_view value);

}  // namespace sluice::metrics
