#include "metrics/exposition.h"

#include <cassert>
#include <charconv>
#include <cmath>
#include <system_error>

namespace sluice::metrics {
namespace {

// Enough for the longest shortest double ("-2.2250738585072014e-308").
constexpr std::size_t kBufferSize = 32;

std::string ToChars(double value, std::chars_format format) {
  char buffer[kBufferSize];
  const std::to_chars_result result = std::to_chars(buffer, buffer + kBufferSize, value, format);
  assert(result.ec == std::errc());
  return std::string(buffer, result.ptr);
}

}  // namespace

std::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  // Shortest digits in exponent form ("d.ddde+XX"), then Go's choice: keep
  // it when the exponent is < -4 or >= 6, else write the same digits fixed.
  std::string scientific = ToChars(value, std::chars_format::scientific);
  const std::size_t e = scientific.find('e');
  const char* const digits = scientific.data() + e + (scientific[e + 1] == '+' ? 2 : 1);
  int exponent = 0;
  std::from_chars(digits, scientific.data() + scientific.size(), exponent);
  if (exponent < -4 || exponent >= 6) return scientific;
  return ToChars(value, std::chars_format::fixed);
}

std::string FormatCount(std::uint64_t count) {
  char buffer[kBufferSize];
  const std::to_chars_result result = std::to_chars(buffer, buffer + kBufferSize, count);
  return std::string(buffer, result.ptr);
}

void AppendEscapedLabelValue(std::string& out, std::string_view value) {
  for (const char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
}

void AppendEscapedHelp(std::string& out, std::string_view help) {
  for (const char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

void AppendHeader(std::string& out, std::string_view name, std::string_view help, MetricType type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  AppendEscapedHelp(out, help);
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += TypeName(type);
  out += '\n';
}

void AppendSample(std::string& out, std::string_view name, std::string_view suffix,
                  std::span<const std::string> names, std::span<const std::string> values,
                  std::string_view le, std::string_view value) {
  assert(names.size() == values.size());
  out += name;
  out += suffix;
  if (!names.empty() || !le.empty()) {
    out += '{';
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (i > 0) out += ',';
      out += names[i];
      out += "=\"";
      AppendEscapedLabelValue(out, values[i]);
      out += '"';
    }
    if (!le.empty()) {
      if (!names.empty()) out += ',';
      out += "le=\"";
      out += le;
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  out += value;
  out += '\n';
}

}  // namespace sluice::metrics
