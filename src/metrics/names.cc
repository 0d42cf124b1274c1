#include "metrics/names.h"

#include <algorithm>

namespace sluice::metrics {
namespace {

bool IsLetterOrUnderscore(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// True if `name` is non-empty, starts with a letter, '_' (or ':' when
// `colons`) and continues with those or digits, and does not start "__".
bool IsValidName(std::string_view name, bool colons) {
  if (name.empty() || name.starts_with("__")) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = IsLetterOrUnderscore(c) || (colons && c == ':') || (i > 0 && IsDigit(c));
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Status ValidateMetricName(std::string_view name) {
  if (IsValidName(name, /*colons=*/true)) return Status::Ok();
  return InvalidArgument("invalid metric name \"" + std::string(name) +
                         "\": want [a-zA-Z_:][a-zA-Z0-9_:]*, not starting with __");
}

Status ValidateLabelName(std::string_view name) {
  if (IsValidName(name, /*colons=*/false)) return Status::Ok();
  return InvalidArgument("invalid label name \"" + std::string(name) +
                         "\": want [a-zA-Z_][a-zA-Z0-9_]*, not starting with __");
}

Status ValidateLabelNames(std::string_view metric, std::span<const std::string> names,
                          std::span<const std::string_view> reserved) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const Status valid = ValidateLabelName(names[i]);
    if (!valid.ok()) return InvalidArgument(std::string(metric) + ": " + valid.message());
    if (std::find(reserved.begin(), reserved.end(), names[i]) != reserved.end()) {
      return InvalidArgument(std::string(metric) + ": label name \"" + names[i] + "\" is reserved");
    }
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
        names.begin() + static_cast<std::ptrdiff_t>(i)) {
      return InvalidArgument(std::string(metric) + ": label name \"" + names[i] +
                             "\" appears twice");
    }
  }
  return Status::Ok();
}

}  // namespace sluice::metrics
