// Duration: the value of Cedar's `duration` extension type, a signed span of
// time stored as whole milliseconds in an i64.
//
// Accepted text (Cedar 4.x): an optional leading '-', then one or more
// quantity-unit pairs in this order, each at most once: <n>d, <n>h, <n>m,
// <n>s, <n>ms, where <n> is one or more ASCII digits (leading zeros fine).
// Examples: "1d2h3m4s5ms", "-1d", "90m", "0ms". Rejected: "", "-", "1h1d"
// (out of order), "1d1d", "1.5h", "+1d", "1 d", "d". The '-' negates the whole
// duration ("-1d1h" is -25h). A total outside the i64 millisecond range is an
// "overflow" error; "-9223372036854775808ms" (i64 min) is accepted, as in the
// Rust implementation.
//
// Conversions truncate toward zero as Cedar does: toSeconds = ms / 1000,
// toMinutes = toSeconds / 60, toHours = toMinutes / 60, toDays = toHours / 24,
// so duration("-1ms").toSeconds() is 0 and duration("-90s").toMinutes() is -1.
//
// Thread-safety: immutable value; thread-compatible.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::policy::ext {

class Duration {
 public:
  Duration() = default;  // 0ms

  // Parses Cedar's duration() argument; InvalidArgument quoting `text` on failure.
  static Result<Duration> Parse(std::string_view text);
  static Duration FromMillis(std::int64_t ms) { return Duration(ms); }

  std::int64_t millis() const { return ms_; }

  // Cedar toMilliseconds/toSeconds/toMinutes/toHours/toDays (truncating).
  std::int64_t ToMilliseconds() const { return ms_; }
  std::int64_t ToSeconds() const { return ms_ / 1000; }
  std::int64_t ToMinutes() const { return ToSeconds() / 60; }
  std::int64_t ToHours() const { return ToMinutes() / 60; }
  std::int64_t ToDays() const { return ToHours() / 24; }

  // "<ms>ms", e.g. "-90061001ms": how Cedar 4.x prints a duration. Parses back
  // to an equal value.
  std::string ToString() const;
  // A Cedar expression that evaluates to this value: duration("<ToString()>").
  std::string ToCedarExpr() const;

  auto operator<=>(const Duration&) const = default;
  std::size_t Hash() const;

 private:
  explicit Duration(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

}  // namespace sluice::policy::ext

template <>
struct std::hash<sluice::policy::ext::Duration> {
  std::size_t operator()(const sluice::policy::ext::Duration& v) const { return v.Hash(); }
};
