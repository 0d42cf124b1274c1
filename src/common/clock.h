// Wall-clock time as Sluice stores and prints it: milliseconds since the
// Unix epoch (UTC) and RFC 3339 text with millisecond precision.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

// Milliseconds since 1970-01-01T00:00:00Z.
std::int64_t NowMillis();

// "2026-11-26T07:06:44.123Z".
std::string FormatRfc3339Millis(std::int64_t unix_millis);

// The inverse, for UTC only: "YYYY-MM-DDTHH:MM:SS[.fraction]Z" (fraction
// truncated to ms). std::nullopt for anything else, or an impossible date.
std::optional<std::int64_t> ParseRfc3339Millis(std::string_view text);

}  // namespace sluice
