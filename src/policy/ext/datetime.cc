#include "policy/ext/datetime.h"

#include <cstdio>
#include <functional>
#include <string>

#include "policy/ext/error_text.h"

namespace sluice::policy::ext {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly `n` ASCII digits at `pos`; -1 if they are not all there.
int DigitsAt(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(s[i])) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool IsLeapYear(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int DaysInMonth(std::int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Days from 1970-01-01 to the given proleptic Gregorian date. Counts from a
// year that starts in March, so the leap day is the last day of its year;
// 400-year cycles have exactly 146097 days.
std::int64_t DaysFromCivil(std::int64_t year, int month, int day) {
  const std::int64_t y = month <= 2 ? year - 1 : year;  // March-based year
  const std::int64_t cycle = FloorDiv(y, 400);
  const std::int64_t year_of_cycle = y - cycle * 400;                  // [0, 399]
  const int month_from_march = month <= 2 ? month + 9 : month - 3;     // [0, 11]
  const int day_of_year = (153 * month_from_march + 2) / 5 + day - 1;  // [0, 365]
  const std::int64_t day_of_cycle =
      year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100 + day_of_year;
  // 719468 = days from 0000-03-01 to 1970-01-01.
  return cycle * 146097 + day_of_cycle - 719468;
}

struct CivilDate {
  std::int64_t year;
  int month;
  int day;
};

// Inverse of DaysFromCivil.
CivilDate CivilFromDays(std::int64_t days) {
  const std::int64_t z = days + 719468;  // days since 0000-03-01
  const std::int64_t cycle = FloorDiv(z, 146097);
  const std::int64_t day_of_cycle = z - cycle * 146097;  // [0, 146096]
  // Year of the cycle, correcting for the leap days before it.
  const std::int64_t year_of_cycle =
      (day_of_cycle - day_of_cycle / 1460 + day_of_cycle / 36524 - day_of_cycle / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_cycle - (365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100);
  const int month_from_march = static_cast<int>((5 * day_of_year + 2) / 153);
  const int day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const int month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  const std::int64_t year = cycle * 400 + year_of_cycle + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

Status DatetimeError(std::string_view text, std::string_view reason) {
  return internal::ParseError("datetime", text, reason);
}

}  // namespace

Result<Datetime> Datetime::Parse(std::string_view text) {
  // Syntax first, left to right, then calendar ranges (as Cedar does).
  const int year = DigitsAt(text, 0, 4);
  const int month = DigitsAt(text, 5, 2);
  const int day = DigitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text[4] != '-' || text[7] != '-') {
    return DatetimeError(text, "expected YYYY-MM-DD at the start");
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  int milli = 0;
  int offset_sign = 0;
  int offset_hour = 0;
  int offset_minute = 0;
  if (text.size() > 10) {
    if (text[10] != 'T' || (hour = DigitsAt(text, 11, 2)) < 0 || text.size() < 14 ||
        text[13] != ':' || (minute = DigitsAt(text, 14, 2)) < 0 || text.size() < 17 ||
        text[16] != ':' || (second = DigitsAt(text, 17, 2)) < 0) {
      return DatetimeError(text, "expected Thh:mm:ss after the date");
    }
    std::size_t pos = 19;
    constexpr std::string_view kSuffix =
        "expected Z, .SSSZ, (+|-)hhmm or .SSS(+|-)hhmm after the time";
    if (pos < text.size() && text[pos] == '.') {
      if ((milli = DigitsAt(text, pos + 1, 3)) < 0) return DatetimeError(text, kSuffix);
      pos += 4;
    }
    if (pos + 1 == text.size() && text[pos] == 'Z') {
      // UTC
    } else if (pos + 5 == text.size() && (text[pos] == '+' || text[pos] == '-') &&
               (offset_hour = DigitsAt(text, pos + 1, 2)) >= 0 &&
               (offset_minute = DigitsAt(text, pos + 3, 2)) >= 0) {
      offset_sign = text[pos] == '+' ? 1 : -1;
    } else {
      return DatetimeError(text, kSuffix);
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return DatetimeError(text, "no such calendar date");
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return DatetimeError(text, "hour must be 00-23, minute 00-59, second 00-59");
  }
  if (offset_hour > 23 || offset_minute > 59) {
    return DatetimeError(text, "UTC offset hours must be 00-23 and minutes 00-59");
  }
  // Years 0000-9999 keep every term far inside the i64 range.
  const std::int64_t local_ms = DaysFromCivil(year, month, day) * kMillisPerDay +
                                ((std::int64_t{hour} * 60 + minute) * 60 + second) * 1000 + milli;
  const std::int64_t offset_ms =
      std::int64_t{offset_sign} * (offset_hour * 60 + offset_minute) * 60'000;
  return Datetime(local_ms - offset_ms);
}

Result<Datetime> Datetime::Offset(const Duration& d) const {
  std::int64_t out = 0;
  if (__builtin_add_overflow(ms_, d.millis(), &out)) {
    return internal::OverflowError("datetime " + ToString() + " offset by " + d.ToString() +
                                   " is outside the 64-bit millisecond range");
  }
  return Datetime(out);
}

Result<Duration> Datetime::DurationSince(const Datetime& other) const {
  std::int64_t out = 0;
  if (__builtin_sub_overflow(ms_, other.ms_, &out)) {
    return internal::OverflowError("duration from " + other.ToString() + " to " + ToString() +
                                   " is outside the 64-bit millisecond range");
  }
  return Duration::FromMillis(out);
}

Result<Datetime> Datetime::ToDate() const {
  std::int64_t rem = ms_ % kMillisPerDay;
  if (rem < 0) rem += kMillisPerDay;
  std::int64_t out = 0;
  if (__builtin_sub_overflow(ms_, rem, &out)) {
    return internal::OverflowError("the date of datetime " + ToString() +
                                   " is outside the 64-bit millisecond range");
  }
  return Datetime(out);
}

Duration Datetime::ToTime() const {
  std::int64_t rem = ms_ % kMillisPerDay;
  if (rem < 0) rem += kMillisPerDay;
  return Duration::FromMillis(rem);
}

std::string Datetime::ToString() const {
  const std::int64_t days = FloorDiv(ms_, kMillisPerDay);
  const std::int64_t in_day = ToTime().millis();  // [0, 1 day); no overflow near i64 min
  const CivilDate date = CivilFromDays(days);
  char year_text[32];
  if (date.year >= 0 && date.year <= 9999) {
    std::snprintf(year_text, sizeof(year_text), "%04lld", static_cast<long long>(date.year));
  } else {
    std::snprintf(year_text, sizeof(year_text), "%+05lld", static_cast<long long>(date.year));
  }
  char rest[96];
  std::snprintf(rest, sizeof(rest), "-%02d-%02dT%02d:%02d:%02d.%03dZ", date.month, date.day,
                static_cast<int>(in_day / 3'600'000), static_cast<int>(in_day / 60'000 % 60),
                static_cast<int>(in_day / 1000 % 60), static_cast<int>(in_day % 1000));
  return std::string(year_text) + rest;
}

std::string Datetime::ToCedarExpr() const {
  return "datetime(\"1970-01-01\").offset(" + Duration::FromMillis(ms_).ToCedarExpr() + ")";
}

std::size_t Datetime::Hash() const {
  return std::hash<std::int64_t>{}(ms_);
}

}  // namespace sluice::policy::ext
