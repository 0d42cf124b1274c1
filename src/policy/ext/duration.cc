#include "policy/ext/duration.h"

#include <array>
#include <functional>
#include <limits>
#include <string>

#include "policy/ext/error_text.h"

namespace sluice::policy::ext {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

struct Unit {
  std::string_view suffix;
  std::int64_t millis;
};

// In the only order Cedar accepts.
constexpr std::array<Unit, 5> kUnits = {{
    {"d", 86'400'000},
    {"h", 3'600'000},
    {"m", 60'000},
    {"s", 1'000},
    {"ms", 1},
}};

Status DurationError(std::string_view text, std::string_view reason) {
  return internal::ParseError("duration", text, reason);
}

Status DurationOverflow(std::string_view text) {
  return internal::OverflowError("duration " + internal::QuoteText(text) +
                                 " does not fit in 64-bit milliseconds");
}

}  // namespace

Result<Duration> Duration::Parse(std::string_view text) {
  constexpr std::string_view kExpected =
      "expected an optional '-' and then <n>d, <n>h, <n>m, <n>s, <n>ms in this order, "
      "at least one, e.g. \"1d2h30m\"";
  const bool negative = !text.empty() && text.front() == '-';
  std::string_view rest = negative ? text.substr(1) : text;
  if (rest.empty()) return DurationError(text, kExpected);

  // Pass 1: syntax. Collect the digit run of each unit present.
  std::array<std::string_view, kUnits.size()> quantity{};
  std::size_t next_unit = 0;
  while (!rest.empty()) {
    std::size_t n = 0;
    while (n < rest.size() && IsDigit(rest[n])) ++n;
    if (n == 0) return DurationError(text, kExpected);
    const std::string_view digits = rest.substr(0, n);
    rest.remove_prefix(n);
    // "ms" must be tried before "m".
    std::size_t unit = kUnits.size();
    if (rest.starts_with("ms")) {
      unit = 4;
    } else {
      for (std::size_t u = 0; u < 4; ++u) {
        if (rest.starts_with(kUnits[u].suffix)) unit = u;
      }
    }
    if (unit == kUnits.size()) return DurationError(text, kExpected);
    if (unit < next_unit) {
      return DurationError(text, "units must appear at most once, in the order d, h, m, s, ms");
    }
    quantity[unit] = digits;
    rest.remove_prefix(kUnits[unit].suffix.size());
    next_unit = unit + 1;
  }

  // Pass 2: value. Each quantity times its unit must fit in an i64, and so must
  // every partial sum (all terms have the same sign, so that is the total).
  std::int64_t total = 0;
  for (std::size_t u = 0; u < kUnits.size(); ++u) {
    std::uint64_t q = 0;
    for (char c : quantity[u]) {
      if (__builtin_mul_overflow(q, std::uint64_t{10}, &q) ||
          __builtin_add_overflow(q, static_cast<std::uint64_t>(c - '0'), &q)) {
        return DurationOverflow(text);
      }
    }
    std::uint64_t term = 0;
    if (__builtin_mul_overflow(q, static_cast<std::uint64_t>(kUnits[u].millis), &term)) {
      return DurationOverflow(text);
    }
    if (negative) {
      // Allow exactly -2^63.
      const std::uint64_t limit = std::uint64_t{1} << 63;
      if (term > limit) return DurationOverflow(text);
      const std::int64_t neg = term == limit ? std::numeric_limits<std::int64_t>::min()
                                             : -static_cast<std::int64_t>(term);
      if (__builtin_add_overflow(total, neg, &total)) return DurationOverflow(text);
    } else {
      if (term > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return DurationOverflow(text);
      }
      if (__builtin_add_overflow(total, static_cast<std::int64_t>(term), &total)) {
        return DurationOverflow(text);
      }
    }
  }
  return Duration(total);
}

std::string Duration::ToString() const {
  return std::to_string(ms_) + "ms";
}

std::string Duration::ToCedarExpr() const {
  return "duration(\"" + ToString() + "\")";
}

std::size_t Duration::Hash() const {
  return std::hash<std::int64_t>{}(ms_);
}

}  // namespace sluice::policy::ext
