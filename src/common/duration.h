// Durations as people write them in platform files and on the command line: a positive whole
// number and a unit, e.g. "90d" (copy retention) or "30d" (token lifetime).
//
// Units: s (seconds), m (minutes), h (hours), d (days), w (weeks), and for ParseDurationMs also
// ms (milliseconds). No spaces, no fractions, no combinations ("1d12h"): retention limits are
// policy, and one obvious spelling is easier to review than a flexible one.
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

// nullopt when `text` is not a duration or is too large for std::chrono::seconds (beyond about
// 292 billion years).
std::optional<std::chrono::seconds> ParseDuration(std::string_view text);

// ParseDuration for timeouts, which may also be written in milliseconds: "250ms", "5s", "2m".
// nullopt when `text` is not a duration or is too large for std::chrono::milliseconds.
std::optional<std::chrono::milliseconds> ParseDurationMs(std::string_view text);

// The shortest exact spelling with the largest of d, h, m, s: 7776000s -> "90d", 90s -> "90s".
// Weeks are never used on output so retention reads the same everywhere.
std::string FormatDuration(std::chrono::seconds duration);

// FormatDuration for whole seconds, else milliseconds: 5000ms -> "5s", 250ms -> "250ms".
std::string FormatDurationMs(std::chrono::milliseconds duration);

}  // namespace sluice
