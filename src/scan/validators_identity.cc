// Validators for identity data: US Social Security numbers (area, group and serial rules),
// birth dates (the written forms of a calendar date, real and plausible for a living person),
// person names (the shipped name lists, names.h), US passport and driver's licence numbers.
// validators.h states each rule.
#include <chrono>
#include <optional>
#include <string_view>

#include "scan/names.h"
#include "scan/text.h"
#include "scan/validators.h"

namespace sluice::scan {

namespace {

bool SsnDigitsValid(std::string_view area, std::string_view group, std::string_view serial) {
  if (area == "000" || area == "666" || area[0] == '9') return false;
  if (group == "00" || serial == "0000") return false;
  if (area == "078" && group == "05" && serial == "1120") return false;  // the Woolworth card
  if (area == "219" && group == "09" && serial == "9999") return false;  // an SSA advertisement
  return true;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

bool IsFormattedSsn(std::string_view s) {
  if (s.size() != 11 || s[3] != s[6] || (s[3] != '-' && s[3] != ' ')) return false;
  std::string_view area = s.substr(0, 3), group = s.substr(4, 2), serial = s.substr(7, 4);
  return AllDigits(area) && AllDigits(group) && AllDigits(serial) &&
         SsnDigitsValid(area, group, serial);
}

}  // namespace

bool IsValidSsn(std::string_view value, bool allow_bare) {
  std::string_view s = TrimAscii(value);
  if (IsFormattedSsn(s)) return true;
  if (allow_bare && s.size() == 9 && AllDigits(s)) {
    return SsnDigitsValid(s.substr(0, 3), s.substr(3, 2), s.substr(5, 4));
  }
  return false;
}

bool ContainsSsn(std::string_view text) {
  if (IsValidSsn(text, false)) return true;
  auto boundary = [](char c) { return !IsDigit(c) && c != '-'; };
  for (size_t i = 0; i + 11 <= text.size(); ++i) {
    if (!IsDigit(text[i]) || (i > 0 && !boundary(text[i - 1]))) continue;
    if (i + 11 < text.size() && !boundary(text[i + 11])) continue;
    if (IsFormattedSsn(text.substr(i, 11))) return true;
  }
  return false;
}

namespace {

bool IsLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool IsRealDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

// Reads 1..max_len digits at s[pos]; advances pos.
std::optional<int> ReadNumber(std::string_view s, size_t& pos, size_t min_len, size_t max_len) {
  size_t start = pos;
  int v = 0;
  while (pos < s.size() && IsDigit(s[pos]) && pos - start < max_len) v = v * 10 + (s[pos++] - '0');
  if (pos - start < min_len || (pos < s.size() && IsDigit(s[pos]))) return std::nullopt;
  return v;
}

int MonthFromName(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  if (word.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kMonths[m];
    if (word.size() > full.size()) continue;
    // "Mar", "Sept", "March": a prefix of at least three letters.
    if (EqualsFolded(word, full.substr(0, word.size()))) return m + 1;
  }
  return 0;
}

std::optional<CivilDate> Make(int y, int m, int d) {
  if (!IsRealDate(y, m, d)) return std::nullopt;
  return CivilDate{y, m, d};
}

// "March 5, 1985", "Mar 5 1985", "5 March 1985", "05-Mar-1985", "5 Mar. 1985".
std::optional<CivilDate> ParseTextualDate(std::string_view s) {
  // Tokens: words and numbers; separators space , . -
  std::string_view tokens[4];
  size_t count = 0;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == ',' || c == '.' || c == '-' || c == '/') {
      ++i;
      continue;
    }
    size_t start = i;
    if (IsDigit(c)) {
      while (i < s.size() && IsDigit(s[i])) ++i;
    } else if (IsAlpha(c)) {
      while (i < s.size() && IsAlpha(s[i])) ++i;
    } else {
      return std::nullopt;
    }
    if (count == 3) return std::nullopt;
    tokens[count++] = s.substr(start, i - start);
  }
  if (count != 3) return std::nullopt;
  auto number = [](std::string_view t, size_t max_len) -> std::optional<int> {
    if (t.empty() || t.size() > max_len || !IsDigit(t[0])) return std::nullopt;
    int v = 0;
    for (char c : t) {
      if (!IsDigit(c)) return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v;
  };
  std::optional<int> year = tokens[2].size() == 4 ? number(tokens[2], 4) : std::nullopt;
  if (!year) return std::nullopt;
  if (int m = MonthFromName(tokens[0]); m != 0) {
    auto d = number(tokens[1], 2);
    if (d) return Make(*year, m, *d);
  }
  if (int m = MonthFromName(tokens[1]); m != 0) {
    auto d = number(tokens[0], 2);
    if (d) return Make(*year, m, *d);
  }
  return std::nullopt;
}

}  // namespace

std::optional<CivilDate> ParseDate(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() < 6 || s.size() > 40) return std::nullopt;
  if (IsAlpha(s[0])) return ParseTextualDate(s);
  if (s.size() == 8 && AllDigits(s)) {
    size_t pos = 0;
    int y = *ReadNumber(s.substr(0, 4), pos, 4, 4);
    pos = 0;
    int m = *ReadNumber(s.substr(4, 2), pos, 2, 2);
    pos = 0;
    int d = *ReadNumber(s.substr(6, 2), pos, 2, 2);
    return Make(y, m, d);
  }
  size_t pos = 0;
  auto first = ReadNumber(s, pos, 1, 4);
  if (!first || pos >= s.size()) return std::nullopt;
  char sep = s[pos];
  if (sep != '-' && sep != '/' && sep != '.') return ParseTextualDate(s);
  if (pos == 4) {
    // YYYY-MM-DD, possibly followed by a time.
    ++pos;
    auto m = ReadNumber(s, pos, 1, 2);
    if (!m || pos >= s.size() || s[pos] != sep) return std::nullopt;
    ++pos;
    auto d = ReadNumber(s, pos, 1, 2);
    if (!d) return std::nullopt;
    if (pos < s.size() && s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
    if (pos < s.size() && (pos + 1 >= s.size() || !IsDigit(s[pos + 1]))) return std::nullopt;
    return Make(*first, *m, *d);
  }
  if (pos > 2) return std::nullopt;
  ++pos;
  if (pos < s.size() && IsAlpha(s[pos])) return ParseTextualDate(s);
  auto second = ReadNumber(s, pos, 1, 2);
  if (!second || pos >= s.size() || s[pos] != sep) return std::nullopt;
  ++pos;
  auto year = ReadNumber(s, pos, 4, 4);
  if (!year || pos != s.size()) return std::nullopt;
  // US order first (MM/DD/YYYY), then day first.
  if (auto us = Make(*year, *first, *second)) return us;
  return Make(*year, *second, *first);
}

CivilDate TodayUtc() {
  using namespace std::chrono;
  year_month_day ymd{floor<days>(system_clock::now())};
  return CivilDate{static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                   static_cast<int>(unsigned(ymd.day()))};
}

bool IsPlausibleBirthDate(std::string_view value, CivilDate today) {
  std::string_view s = TrimAscii(value);
  std::optional<CivilDate> date;
  if (s.size() == 4 && AllDigits(s)) {
    date = CivilDate{(s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'), 1,
                     1};
  } else {
    date = ParseDate(s);
  }
  if (!date) return false;
  return *date <= today && date->year >= today.year - 120;
}

namespace {

bool IsTitleOrSuffix(std::string_view w) {
  static constexpr std::string_view kWords[] = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir",
                                                "jr", "sr",  "ii", "iii",  "iv", "phd",  "md"};
  for (std::string_view k : kWords) {
    if (EqualsFolded(w, k)) return true;
  }
  return false;
}

bool IsCompanyWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "inc",        "llc",         "ltd",      "corp",      "co",      "company",      "group",
      "gmbh",       "plc",         "sa",       "ag",        "bank",    "university",   "hospital",
      "foundation", "association", "services", "solutions", "systems", "technologies", "partners",
      "holdings",   "the",         "and",      "of"};
  for (std::string_view k : kWords) {
    if (EqualsFolded(w, k)) return true;
  }
  return false;
}

}  // namespace

bool IsPersonName(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() < 2 || s.size() > 64) return false;
  // Words: runs of letters with ' - . inside. "Last, First" puts the comma after word one.
  std::string_view words[6];
  size_t count = 0;
  size_t comma_after = 0;  // 1-based index of the word a comma follows; 0 for none
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (c == ',') {
      if (count == 0 || comma_after != 0) return false;
      comma_after = count;
      ++i;
      continue;
    }
    if (!IsAlpha(c) && static_cast<unsigned char>(c) < 0x80) return false;
    size_t start = i;
    while (i < s.size() && (IsAlpha(s[i]) || s[i] == '\'' || s[i] == '-' || s[i] == '.' ||
                            static_cast<unsigned char>(s[i]) >= 0x80)) {
      ++i;
    }
    if (count == 6) return false;
    std::string_view w = s.substr(start, i - start);
    if (IsCompanyWord(w)) return false;
    if (w.back() == '.') w.remove_suffix(1);
    if (!IsTitleOrSuffix(w) && w.size() > 1) words[count++] = w;
  }
  if (count == 0 || count > 4) return false;
  auto first_name = [](std::string_view w) { return IsCommonFirstName(w); };
  auto surname = [](std::string_view w) { return IsCommonSurname(w); };
  if (count == 1) return first_name(words[0]) || surname(words[0]);
  if (comma_after == 1) return surname(words[0]) || first_name(words[1]);
  return first_name(words[0]) || surname(words[count - 1]);
}

bool IsUsPassportNumber(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() != 9) return false;
  std::string_view digits = IsAlpha(s[0]) ? s.substr(1) : s;
  if (!AllDigits(digits)) return false;
  return digits.find_first_not_of(digits[0]) != std::string_view::npos;  // not 000000000
}

bool IsDriversLicenseNumber(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() > 24) return false;
  char buf[24];
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '-') {
      if (i == 0 || i + 1 == s.size()) return false;
      continue;
    }
    if (!IsAlnum(c)) return false;
    buf[n++] = ToUpper(c);
  }
  if (n < 5 || n > 16) return false;
  size_t i = 0;
  size_t lead = 0;
  while (i < n && IsAlpha(buf[i]) && lead < 3) ++i, ++lead;
  if (lead > 2) return false;
  size_t digits = 0;
  bool nonzero = false;
  while (i < n && IsDigit(buf[i])) nonzero |= buf[i++] != '0', ++digits;
  size_t trail = 0;
  while (i < n && IsAlpha(buf[i])) ++i, ++trail;
  return i == n && digits >= 5 && digits <= 14 && trail <= 2 && nonzero;
}

}  // namespace sluice::scan
