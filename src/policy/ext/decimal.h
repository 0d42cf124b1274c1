// Decimal: the value of Cedar's `decimal` extension type, a signed fixed-point
// number with 4 fractional digits stored as raw() = value * 10^4 in an i64.
// Range: -922337203685477.5808 .. 922337203685477.5807.
//
// Accepted text (Cedar 4.x): an optional '-', one or more ASCII digits, '.',
// then 1 to 4 ASCII digits. Nothing else: no '+', no exponent, no whitespace,
// no missing integer or fraction part ("1", ".5", "1." are rejected). Leading
// zeros are fine ("007.50"). The sign is taken from the text, so "-0.5" is
// -0.5 (Cedar fixed this in the spec, cedar-spec #799). Values outside the
// range are an "overflow" error; more than 4 fractional digits is an error
// (no rounding).
//
// Cedar compares decimals with lessThan/lessThanOrEqual/greaterThan/
// greaterThanOrEqual and ==; operator<=> and == implement all of them.
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

class Decimal {
 public:
  static constexpr int kFractionDigits = 4;
  static constexpr std::int64_t kScale = 10000;

  Decimal() = default;  // 0.0000

  // Parses Cedar's decimal() argument; InvalidArgument quoting `text` on failure.
  static Result<Decimal> Parse(std::string_view text);
  // The decimal whose raw() is `raw` (i.e. raw / 10^4).
  static Decimal FromRaw(std::int64_t raw) { return Decimal(raw); }

  std::int64_t raw() const { return raw_; }

  // Always exactly 4 fractional digits, '-' only when negative, as in Cedar's
  // Lean spec: "1.2300", "-0.5000", "0.0000". Parses back to an equal value.
  std::string ToString() const;
  // A Cedar expression that evaluates to this value: decimal("<ToString()>").
  std::string ToCedarExpr() const;

  auto operator<=>(const Decimal&) const = default;
  std::size_t Hash() const;

 private:
  explicit Decimal(std::int64_t raw) : raw_(raw) {}
  std::int64_t raw_ = 0;
};

}  // namespace sluice::policy::ext

template <>
struct std::hash<sluice::policy::ext::Decimal> {
  std::size_t operator()(const sluice::policy::ext::Decimal& v) const { return v.Hash(); }
};
