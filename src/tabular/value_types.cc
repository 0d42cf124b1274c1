#include "tabular/value_types.h"

#include <charconv>
#include <cstdint>

namespace sluice::tabular {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// Reads `count` digits at text[pos] as a number; nullopt if they are not all digits.
std::optional<int> Digits(std::string_view text, size_t pos, size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool IsValidDate(int year, int month, int day) {
  static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  int days = kDaysInMonth[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  return day <= days;
}

// Skips a run of digits from `pos`; returns how many there were.
size_t SkipDigits(std::string_view text, size_t& pos) {
  size_t start = pos;
  while (pos < text.size() && IsDigit(text[pos])) ++pos;
  return pos - start;
}

// Matches a time zone designator: Z, z, +HH:MM, -HH:MM, +HHMM, -HHMM, +HH, -HH.
bool IsZone(std::string_view zone) {
  if (zone == "Z" || zone == "z") return true;
  if (zone.empty() || (zone[0] != '+' && zone[0] != '-')) return false;
  auto hours = Digits(zone, 1, 2);
  if (!hours || *hours > 23) return false;
  std::string_view minutes = zone.substr(3);
  if (minutes.empty()) return true;
  if (minutes[0] == ':') minutes.remove_prefix(1);
  auto mm = Digits(minutes, 0, 2);
  return minutes.size() == 2 && mm && *mm <= 59;
}

}  // namespace

bool IsBooleanText(std::string_view text) {
  auto equals_folded = [text](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != word[i]) return false;
    }
    return true;
  };
  return equals_folded("true") || equals_folded("false");
}

bool IsDateText(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  auto year = Digits(text, 0, 4);
  auto month = Digits(text, 5, 2);
  auto day = Digits(text, 8, 2);
  return year && month && day && IsValidDate(*year, *month, *day);
}

bool IsTimestampText(std::string_view text) {
  if (text.size() < 16 || !IsDateText(text.substr(0, 10))) return false;
  char separator = text[10];
  if (separator != 'T' && separator != 't' && separator != ' ') return false;
  auto hours = Digits(text, 11, 2);
  auto minutes = Digits(text, 14, 2);
  if (text[13] != ':' || !hours || !minutes || *hours > 23 || *minutes > 59) return false;
  size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    auto seconds = Digits(text, pos + 1, 2);
    if (!seconds || *seconds > 60) return false;  // 60: a leap second
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      if (SkipDigits(text, pos) == 0) return false;
    }
  }
  std::string_view zone = text.substr(pos);
  return zone.empty() || IsZone(zone);
}

std::optional<ColumnType> NumberTextType(std::string_view text) {
  size_t pos = 0;
  if (pos < text.size() && text[pos] == '-') ++pos;
  size_t int_start = pos;
  size_t int_digits = SkipDigits(text, pos);
  if (int_digits == 0 || (int_digits > 1 && text[int_start] == '0')) return std::nullopt;
  bool is_float = false;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    if (SkipDigits(text, pos) == 0) return std::nullopt;
    is_float = true;
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
    if (SkipDigits(text, pos) == 0) return std::nullopt;
    is_float = true;
  }
  if (pos != text.size()) return std::nullopt;
  if (is_float) return ColumnType::kFloat;
  int64_t ignored;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ignored);
  return ec == std::errc() ? ColumnType::kInteger : ColumnType::kFloat;
}

std::optional<ColumnType> CsvFieldType(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // Cheap first-byte dispatch: most fields are settled without trying every grammar.
  char first = text[0];
  if (first == '-' || IsDigit(first)) {
    if (auto number = NumberTextType(text)) return number;
    if (IsDateText(text)) return ColumnType::kDate;
    if (IsTimestampText(text)) return ColumnType::kTimestamp;
    return ColumnType::kString;
  }
  if (IsBooleanText(text)) return ColumnType::kBoolean;
  return ColumnType::kString;
}

std::optional<ColumnType> JsonValueType(JsonKind kind, std::string_view text) {
  switch (kind) {
    case JsonKind::kNull:
      return std::nullopt;
    case JsonKind::kBool:
      return ColumnType::kBoolean;
    case JsonKind::kInteger:
      return ColumnType::kInteger;
    case JsonKind::kFloat:
      return ColumnType::kFloat;
    case JsonKind::kArray:
      return ColumnType::kArray;
    case JsonKind::kString:
      if (!text.empty() && IsDigit(text[0])) {
        if (IsDateText(text)) return ColumnType::kDate;
        if (IsTimestampText(text)) return ColumnType::kTimestamp;
      }
      return ColumnType::kString;
  }
  return ColumnType::kString;
}

ColumnType WidenTypes(ColumnType a, ColumnType b) {
  if (a == b) return a;
  auto is_pair = [a, b](ColumnType x, ColumnType y) {
    return (a == x && b == y) || (a == y && b == x);
  };
  if (is_pair(ColumnType::kInteger, ColumnType::kFloat)) return ColumnType::kFloat;
  if (is_pair(ColumnType::kDate, ColumnType::kTimestamp)) return ColumnType::kTimestamp;
  return ColumnType::kString;
}

}  // namespace sluice::tabular
