#include "common/duration.h"

#include <cstdint>
#include <limits>

namespace sluice {

std::optional<std::chrono::seconds> ParseDuration(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    case 'w':
      unit = 7 * 86400;
      break;
    default:
      return std::nullopt;
  }
  constexpr int64_t kMax = std::numeric_limits<std::chrono::seconds::rep>::max();
  int64_t count = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    if (count > (kMax - (c - '0')) / 10) return std::nullopt;
    count = count * 10 + (c - '0');
  }
  if (count == 0 || count > kMax / unit) return std::nullopt;
  return std::chrono::seconds(count * unit);
}

std::optional<std::chrono::milliseconds> ParseDurationMs(std::string_view text) {
  constexpr int64_t kMax = std::numeric_limits<std::chrono::milliseconds::rep>::max();
  if (text.size() > 2 && text.ends_with("ms")) {
    int64_t count = 0;
    for (char c : text.substr(0, text.size() - 2)) {
      if (c < '0' || c > '9') return std::nullopt;
      if (count > (kMax - (c - '0')) / 10) return std::nullopt;
      count = count * 10 + (c - '0');
    }
    if (count == 0) return std::nullopt;
    return std::chrono::milliseconds(count);
  }
  std::optional<std::chrono::seconds> seconds = ParseDuration(text);
  if (!seconds || seconds->count() > kMax / 1000) return std::nullopt;
  return std::chrono::milliseconds(seconds->count() * 1000);
}

std::string FormatDuration(std::chrono::seconds duration) {
  const int64_t s = duration.count();
  if (s != 0 && s % 86400 == 0) return std::to_string(s / 86400) + "d";
  if (s != 0 && s % 3600 == 0) return std::to_string(s / 3600) + "h";
  if (s != 0 && s % 60 == 0) return std::to_string(s / 60) + "m";
  return std::to_string(s) + "s";
}

std::string FormatDurationMs(std::chrono::milliseconds duration) {
  const int64_t ms = duration.count();
  if (ms % 1000 == 0) return FormatDuration(std::chrono::seconds(ms / 1000));
  return std::to_string(ms) + "ms";
}

}  // namespace sluice
