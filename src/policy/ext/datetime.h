// Datetime: the value of Cedar's `datetime` extension type, an instant stored
// as milliseconds since 1970-01-01T00:00:00Z (UTC, no leap seconds) in an i64.
//
// Accepted text (Cedar 4.x), exactly one of:
//   YYYY-MM-DD                      midnight UTC
//   YYYY-MM-DDThh:mm:ssZ
//   YYYY-MM-DDThh:mm:ss.SSSZ
//   YYYY-MM-DDThh:mm:ss(+|-)hhmm    local time at that UTC offset
//   YYYY-MM-DDThh:mm:ss.SSS(+|-)hhmm
// Every field has exactly the digits shown (ASCII), the year is 0000-9999
// (proleptic Gregorian; 0000 is a leap year), 'T' and 'Z' are uppercase, the
// offset has no colon. Calendar checks: month 01-12, day valid for the month
// and year (Feb 29 only in leap years), hour 00-23, minute 00-59, second
// 00-59 (no leap second 60), offset hours 00-23 and minutes 00-59. The offset
// is subtracted: "2024-10-15T11:38:02+1134" is 2024-10-15T00:04:02Z. Parsing
// never overflows (all accepted texts lie well inside the i64 range).
//
// Arithmetic (Offset, DurationSince, ToDate) is checked: leaving the i64
// range is an "overflow" error. Values beyond year 9999 or before year 0 can
// be reached that way or through FromMillis.
//
// Thread-safety: immutable value; thread-compatible.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "policy/ext/duration.h"

namespace sluice::policy::ext {

class Datetime {
 public:
  static constexpr std::int64_t kMillisPerDay = 86'400'000;

  Datetime() = default;  // 1970-01-01T00:00:00Z

  // Parses Cedar's datetime() argument; InvalidArgument quoting `text` on failure.
  static Result<Datetime> Parse(std::string_view text);
  static Datetime FromMillis(std::int64_t ms_since_epoch) { return Datetime(ms_since_epoch); }

  std::int64_t millis() const { return ms_; }

  // Cedar offset(): this + d; overflow error outside the i64 range.
  Result<Datetime> Offset(const Duration& d) const;
  // Cedar durationSince(): this - other; overflow error outside the i64 range.
  Result<Duration> DurationSince(const Datetime& other) const;
  // Cedar toDate(): midnight UTC of this instant's day, rounding toward minus
  // infinity (1969-12-31T23:00:00Z -> 1969-12-31). Overflow error only for
  // instants in the first (partial) day of the i64 range.
  Result<Datetime> ToDate() const;
  // Cedar toTime(): time since that midnight, always in [0, 1 day).
  Duration ToTime() const;

  // ISO 8601 in UTC with milliseconds: "2024-10-15T00:04:02.000Z". For years
  // 0000-9999 this parses back to an equal value; other years use the
  // ISO 8601 expanded form with a sign ("+10000-01-01T00:00:00.000Z",
  // "-0001-12-31T00:00:00.000Z"), which Cedar's datetime() does not accept.
  std::string ToString() const;
  // Cedar 4.x's canonical expression for any datetime value:
  // datetime("1970-01-01").offset(duration("<ms>ms")).
  std::string ToCedarExpr() const;

  auto operator<=>(const Datetime&) const = default;
  std::size_t Hash() const;

 private:
  explicit Datetime(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

}  // namespace sluice::policy::ext

template <>
struct std::hash<sluice::policy::ext::Datetime> {
  std::size_t operator()(const sluice::policy::ext::Datetime& v) const { return v.Hash(); }
};
