#include "policy/ext/decimal.h"

#include <functional>
#include <string>

#include "policy/ext/error_text.h"

namespace sluice::policy::ext {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

Status DecimalOverflow(std::string_view text) {
  return internal::OverflowError("decimal " + internal::QuoteText(text) +
                                 " is outside [-922337203685477.5808, 922337203685477.5807]");
}

}  // namespace

Result<Decimal> Decimal::Parse(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  const std::string_view body = negative ? text.substr(1) : text;
  const std::size_t dot = body.find('.');
  if (dot == std::string_view::npos || !AllDigits(body.substr(0, dot)) ||
      !AllDigits(body.substr(dot + 1))) {
    return internal::ParseError("decimal", text,
                                "expected digits, '.', and 1 to 4 digits, e.g. \"-12.3400\"");
  }
  const std::string_view int_part = body.substr(0, dot);
  const std::string_view frac_part = body.substr(dot + 1);
  if (frac_part.size() > static_cast<std::size_t>(kFractionDigits)) {
    return internal::ParseError("decimal", text, "more than 4 fractional digits");
  }
  // Accumulate with the sign applied digit by digit so that the most negative
  // value (whose magnitude is not representable) still parses.
  std::int64_t v = 0;
  auto push_digit = [&](char c) {
    const std::int64_t d = c - '0';
    return !__builtin_mul_overflow(v, std::int64_t{10}, &v) &&
           !(negative ? __builtin_sub_overflow(v, d, &v) : __builtin_add_overflow(v, d, &v));
  };
  for (char c : int_part) {
    if (!push_digit(c)) return DecimalOverflow(text);
  }
  for (char c : frac_part) {
    if (!push_digit(c)) return DecimalOverflow(text);
  }
  for (std::size_t i = frac_part.size(); i < static_cast<std::size_t>(kFractionDigits); ++i) {
    if (__builtin_mul_overflow(v, std::int64_t{10}, &v)) return DecimalOverflow(text);
  }
  return Decimal(v);
}

std::string Decimal::ToString() const {
  // Work on the magnitude as unsigned so the most negative value is fine.
  const std::uint64_t mag =
      raw_ < 0 ? 0 - static_cast<std::uint64_t>(raw_) : static_cast<std::uint64_t>(raw_);
  const std::string frac = std::to_string(mag % static_cast<std::uint64_t>(kScale));
  std::string out;
  if (raw_ < 0) out += '-';
  out += std::to_string(mag / static_cast<std::uint64_t>(kScale));
  out += '.';
  out.append(static_cast<std::size_t>(kFractionDigits) - frac.size(), '0');
  out += frac;
  return out;
}

std::string Decimal::ToCedarExpr() const {
  return "decimal(\"" + ToString() + "\")";
}

std::size_t Decimal::Hash() const {
  return std::hash<std::int64_t>{}(raw_);
}

}  // namespace sluice::policy::ext
