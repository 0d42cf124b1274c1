#include "scan/column_profile.h"

#include <charconv>
#include <cstring>

#include "scan/text.h"
#include "tabular/value_types.h"

namespace sluice::scan {
namespace {

using tabular::ColumnType;

int Digits(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n && i < s.size(); ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// The first 8 bytes of v, big-endian, zero-padded. Short values are read with overlapping
// fixed-size loads (as Hash64 reads its tail) rather than a variable-length copy.
uint64_t Prefix(std::string_view v) {
  const char* p = v.data();
  const size_t n = v.size();
  uint64_t x;
  if (n >= 8) {
    std::memcpy(&x, p, 8);
  } else if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    x = lo | uint64_t{hi} << (8 * (n - 4));  // the overlapping bytes are the same
  } else if (n > 0) {
    x = uint64_t{static_cast<unsigned char>(p[0])} |
        uint64_t{static_cast<unsigned char>(p[n / 2])} << (8 * (n / 2)) |
        uint64_t{static_cast<unsigned char>(p[n - 1])} << (8 * (n - 1));
  } else {
    x = 0;
  }
  return __builtin_bswap64(x);
}

// Three-way bytewise comparison, decided by the prefixes when they differ.
int Compare(std::string_view a, uint64_t a_prefix, const std::string& b, uint64_t b_prefix) {
  if (a_prefix != b_prefix) return a_prefix < b_prefix ? -1 : 1;
  return a.compare(b);
}

// -?(0|[1-9][0-9]*) of at most 18 digits, which always fits an int64 (CsvFieldType's integer).
bool ParseSmallInteger(std::string_view v, int64_t* out) {
  size_t i = 0;
  const size_t n = v.size();
  const bool negative = n > 0 && v[0] == '-';
  if (negative) i = 1;
  if (i == n || n - i > 18 || (v[i] == '0' && n - i > 1)) return false;
  int64_t x = 0;
  for (; i < n; ++i) {
    unsigned d = static_cast<unsigned>(v[i] - '0');
    if (d > 9) return false;
    x = x * 10 + static_cast<int64_t>(d);
  }
  *out = negative ? -x : x;
  return true;
}

// -?(0|[1-9][0-9]*)\.[0-9]+ of at most 15 digits in all: a float to CsvFieldType, and exactly
// the double std::from_chars gives (the digits as an integer below 2^53 and the power of ten
// are both exact doubles, and IEEE division rounds their quotient correctly).
bool ParseSimpleDecimal(std::string_view v, double* out) {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  size_t i = 0;
  const size_t n = v.size();
  const bool negative = n > 0 && v[0] == '-';
  if (negative) i = 1;
  const size_t int_start = i;
  uint64_t x = 0;
  for (; i < n && IsDigit(v[i]); ++i) x = x * 10 + static_cast<uint64_t>(v[i] - '0');
  const size_t int_digits = i - int_start;
  if (int_digits == 0 || (int_digits > 1 && v[int_start] == '0')) return false;
  if (i == n || v[i] != '.') return false;
  const size_t frac_start = ++i;
  for (; i < n && IsDigit(v[i]); ++i) x = x * 10 + static_cast<uint64_t>(v[i] - '0');
  const size_t frac_digits = i - frac_start;
  if (frac_digits == 0 || i != n || int_digits + frac_digits > 15) return false;
  const double d = static_cast<double>(x) / kPow10[frac_digits];
  *out = negative ? -d : d;
  return true;
}

// "YYYY-MM-DD" exactly as tabular::IsDateText accepts it (eight digits and a real calendar
// date), with its days since 1970-01-01: the type and the instant in one pass.
bool ParseIsoDate(std::string_view v, int64_t* days) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  static constexpr size_t kDigitAt[] = {0, 1, 2, 3, 5, 6, 8, 9};
  unsigned d[8];
  for (size_t i = 0; i < 8; ++i) {
    d[i] = static_cast<unsigned>(v[kDigitAt[i]] - '0');
    if (d[i] > 9) return false;
  }
  const int year = static_cast<int>(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]);
  const unsigned month = d[4] * 10 + d[5];
  const unsigned day = d[6] * 10 + d[7];
  static constexpr unsigned kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (day > kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0)) return false;
  *days = DaysFromCivil(year, month, day);
  return true;
}

}  // namespace

void ColumnProfile::AddCommon(std::string_view value, uint64_t hash) {
  ++values_;
  hll_.Add(hash);
  top_.AddBorrowed(value, hash);
  const uint64_t prefix = Prefix(value);
  if (!any_lexical_) {
    lexical_min_.assign(value);
    lexical_max_.assign(value);
    lexical_min_prefix_ = lexical_max_prefix_ = prefix;
    any_lexical_ = true;
  } else if (Compare(value, prefix, lexical_min_, lexical_min_prefix_) < 0) {
    lexical_min_.assign(value);
    lexical_min_prefix_ = prefix;
  } else if (Compare(value, prefix, lexical_max_, lexical_max_prefix_) > 0) {
    lexical_max_.assign(value);
    lexical_max_prefix_ = prefix;
  }
}

void ColumnProfile::AddCsv(std::string_view value, uint64_t hash) {
  if (type_ == ColumnType::kString) {
    AddCommon(value, hash);
    return;
  }
  // A date or timestamp column's next date or timestamp, without trying the number grammar
  // first (which fails on the '-' after the year, as CsvFieldType would find).
  if (type_ == ColumnType::kDate || type_ == ColumnType::kTimestamp) {
    int64_t days = 0;
    if (ParseIsoDate(value, &days)) {
      AddCommon(value, hash);
      type_ = tabular::WidenTypes(*type_, ColumnType::kDate);
      AddTemporal(value, Instant{days * 86400, 0});
      return;
    }
    if (tabular::IsTimestampText(value)) {
      Add(value, ColumnType::kTimestamp, hash);
      return;
    }
  }
  Number n;
  n.is_int = true;
  if ((!type_ || *type_ == ColumnType::kInteger || *type_ == ColumnType::kFloat) &&
      ParseSmallInteger(value, &n.i)) {
    AddCommon(value, hash);
    type_ = type_ ? tabular::WidenTypes(*type_, ColumnType::kInteger) : ColumnType::kInteger;
    AddNumber(value, n);
    return;
  }
  if ((!type_ || *type_ == ColumnType::kInteger || *type_ == ColumnType::kFloat) &&
      ParseSimpleDecimal(value, &n.d)) {
    AddCommon(value, hash);
    type_ = ColumnType::kFloat;
    n.is_int = false;
    AddNumber(value, n);
    return;
  }
  Add(value, tabular::CsvFieldType(value).value_or(ColumnType::kString), hash);
}

void ColumnProfile::Add(std::string_view value, ColumnType type, uint64_t hash) {
  AddCommon(value, hash);
  type_ = type_ ? tabular::WidenTypes(*type_, type) : type;
  switch (*type_) {
    case ColumnType::kInteger:
    case ColumnType::kFloat:
      AddNumberText(value, type);
      break;
    case ColumnType::kDate:
    case ColumnType::kTimestamp:
      AddInstant(value, type);
      break;
    case ColumnType::kBoolean:
      (ToLower(value[0]) == 't' ? has_true_ : has_false_) = true;
      break;
    case ColumnType::kString:
    case ColumnType::kArray:
      break;
  }
}

bool ColumnProfile::Less(const Number& a, const Number& b) {
  if (a.is_int && b.is_int) return a.i < b.i;
  double x = a.is_int ? static_cast<double>(a.i) : a.d;
  double y = b.is_int ? static_cast<double>(b.i) : b.d;
  return x < y;
}

void ColumnProfile::AddNumberText(std::string_view value, ColumnType type) {
  Number n;
  const char* end = value.data() + value.size();
  if (type == ColumnType::kInteger) {
    n.is_int = true;
    if (std::from_chars(value.data(), end, n.i).ec != std::errc()) return;
  } else {
    auto [ptr, ec] = std::from_chars(value.data(), end, n.d);
    if (ec != std::errc() || ptr != end) return;  // out of double range: not ordered
  }
  AddNumber(value, n);
}

void ColumnProfile::AddNumber(std::string_view value, const Number& n) {
  if (!numeric_.any) {
    numeric_ = {true, n, n, std::string(value), std::string(value)};
  } else if (Less(n, numeric_.min_key)) {
    numeric_.min_key = n;
    numeric_.min_text.assign(value);
  } else if (Less(numeric_.max_key, n)) {
    numeric_.max_key = n;
    numeric_.max_text.assign(value);
  }
}

void ColumnProfile::AddInstant(std::string_view value, ColumnType type) {
  // The text has already been typed, so the grammar of value_types.h holds.
  if (value.size() < 10) return;
  Instant t;
  int64_t days = DaysFromCivil(Digits(value, 0, 4), static_cast<unsigned>(Digits(value, 5, 2)),
                               static_cast<unsigned>(Digits(value, 8, 2)));
  t.seconds = days * 86400;
  if (type == ColumnType::kTimestamp && value.size() >= 16) {
    t.seconds += Digits(value, 11, 2) * 3600 + Digits(value, 14, 2) * 60;
    size_t pos = 16;
    if (pos < value.size() && value[pos] == ':') {
      t.seconds += Digits(value, pos + 1, 2);
      pos += 3;
      if (pos < value.size() && value[pos] == '.') {
        ++pos;
        int32_t nanos = 0;
        int digits = 0;
        while (pos < value.size() && IsDigit(value[pos])) {
          if (digits < 9) nanos = nanos * 10 + (value[pos] - '0'), ++digits;
          ++pos;
        }
        while (digits++ < 9) nanos *= 10;
        t.nanos = nanos;
      }
    }
    if (pos < value.size() && (value[pos] == '+' || value[pos] == '-')) {
      int sign = value[pos] == '+' ? 1 : -1;
      int hours = Digits(value, pos + 1, 2);
      size_t mpos = pos + 3;
      if (mpos < value.size() && value[mpos] == ':') ++mpos;
      int minutes = mpos + 2 <= value.size() ? Digits(value, mpos, 2) : 0;
      t.seconds -= sign * (hours * 3600 + minutes * 60);
    }
  }
  AddTemporal(value, t);
}

void ColumnProfile::AddTemporal(std::string_view value, const Instant& t) {
  if (!temporal_.any) {
    temporal_ = {true, t, t, std::string(value), std::string(value)};
  } else if (t < temporal_.min_key) {
    temporal_.min_key = t;
    temporal_.min_text.assign(value);
  } else if (temporal_.max_key < t) {
    temporal_.max_key = t;
    temporal_.max_text.assign(value);
  }
}

std::optional<std::string> ColumnProfile::Min() const {
  if (!type_) return std::nullopt;
  switch (*type_) {
    case ColumnType::kInteger:
    case ColumnType::kFloat:
      if (numeric_.any) return numeric_.min_text;
      break;
    case ColumnType::kDate:
    case ColumnType::kTimestamp:
      if (temporal_.any) return temporal_.min_text;
      break;
    case ColumnType::kBoolean:
      return std::string(has_false_ ? "false" : "true");
    case ColumnType::kString:
    case ColumnType::kArray:
      break;
  }
  return lexical_min_;
}

std::optional<std::string> ColumnProfile::Max() const {
  if (!type_) return std::nullopt;
  switch (*type_) {
    case ColumnType::kInteger:
    case ColumnType::kFloat:
      if (numeric_.any) return numeric_.max_text;
      break;
    case ColumnType::kDate:
    case ColumnType::kTimestamp:
      if (temporal_.any) return temporal_.max_text;
      break;
    case ColumnType::kBoolean:
      return std::string(has_true_ ? "true" : "false");
    case ColumnType::kString:
    case ColumnType::kArray:
      break;
  }
  return lexical_max_;
}

uint64_t ColumnProfile::DistinctEstimate() const {
  uint64_t estimate = hll_.Estimate();
  return estimate < values_ ? estimate : values_;
}

}  // namespace sluice::scan
