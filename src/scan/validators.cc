#include "scan/validators.h"

#include <arpa/inet.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "scan/names.h"
#include "scan/text.h"

namespace sluice::scan {
namespace {

// ---- Email ----------------------------------------------------------------------------------

bool IsEmailLocalChar(char c) {
  if (IsAlnum(c)) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
    case '.':
    case '-':
      return true;
    default:
      return false;
  }
}

bool IsDomainChar(char c) {
  return IsAlnum(c) || c == '-' || c == '.';
}

bool IsValidDomain(std::string_view domain) {
  if (domain.size() < 4 || domain.size() > 253) return false;
  int labels = 0;
  std::string_view last;
  while (true) {
    size_t dot = domain.find('.');
    std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!IsAlnum(c) && c != '-') return false;
    }
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  if (labels < 2) return false;
  if (last.size() >= 4 && EqualsFolded(last.substr(0, 4), "xn--")) return true;
  if (last.size() < 2) return false;
  for (char c : last) {
    if (!IsAlpha(c)) return false;
  }
  return true;
}

// ---- Phone ----------------------------------------------------------------------------------

// Whether the digits begin with a country calling code in service (ITU-T E.164 assignments,
// held as the 1- and 2-digit codes and the 2-digit prefixes of the 3-digit blocks).
bool HasAssignedCountryCode(std::string_view digits) {
  if (digits.size() < 3) return false;
  if (digits[0] == '1' || digits[0] == '7') return true;
  static constexpr std::string_view kTwoDigit[] = {
      "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
      "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
      "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98"};
  static constexpr std::string_view kThreeDigitBlocks[] = {
      "21", "22", "23", "24", "25", "26", "29", "35", "37", "38", "42",
      "50", "59", "67", "68", "69", "85", "88", "96", "97", "99"};
  std::string_view two = digits.substr(0, 2);
  for (std::string_view c : kTwoDigit) {
    if (two == c) return true;
  }
  for (std::string_view c : kThreeDigitBlocks) {
    if (two == c) return true;
  }
  return false;
}

// Cuts a trailing extension: "x123", "ext 123", "ext. 123", "extension 123", "#123".
std::string_view StripExtension(std::string_view v) {
  size_t end = v.size();
  size_t i = end;
  while (i > 0 && IsDigit(v[i - 1])) --i;
  if (i == end || end - i > 6) return v;
  size_t digits_at = i;
  while (i > 0 && v[i - 1] == ' ') --i;
  if (i > 0 && v[i - 1] == '.') --i;
  size_t word_end = i;
  while (i > 0 && IsAlpha(v[i - 1])) --i;
  std::string_view word = v.substr(i, word_end - i);
  bool is_ext =
      EqualsFolded(word, "x") || EqualsFolded(word, "ext") || EqualsFolded(word, "extension");
  if (!is_ext) {
    if (digits_at > 0 && v[digits_at - 1] == '#') {
      i = digits_at - 1;
    } else {
      return v;
    }
  }
  return TrimAscii(v.substr(0, i));
}

bool IsValidInternational(std::string_view rest) {
  char digits[16];
  size_t n = 0;
  for (char c : rest) {
    if (IsDigit(c)) {
      if (n == sizeof digits) return false;
      digits[n++] = c;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return false;
    }
  }
  std::string_view d(digits, n);
  if (n < 7 || n > 15 || d[0] == '0') return false;
  if (d[0] == '1') return n == 11 && IsValidNanpDigits(d.substr(1));
  return HasAssignedCountryCode(d);
}

}  // namespace

bool IsValidEmail(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() > 254) return false;
  size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64) return false;
  std::string_view local = s.substr(0, at);
  if (local.front() == '.' || local.back() == '.') return false;
  char prev = 0;
  for (char c : local) {
    if (!IsEmailLocalChar(c) || (c == '.' && prev == '.')) return false;
    prev = c;
  }
  return IsValidDomain(s.substr(at + 1));
}

bool ContainsEmail(std::string_view text) {
  if (IsValidEmail(text)) return true;
  int examined = 0;
  for (size_t at = text.find('@'); at != std::string_view::npos && examined < 64;
       at = text.find('@', at + 1), ++examined) {
    size_t begin = at;
    while (begin > 0 && IsEmailLocalChar(text[begin - 1])) --begin;
    while (begin < at && text[begin] == '.') ++begin;
    size_t end = at + 1;
    while (end < text.size() && IsDomainChar(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    if (IsValidEmail(text.substr(begin, end - begin))) return true;
  }
  return false;
}

bool IsValidNanpDigits(std::string_view d) {
  if (d.size() != 10) return false;
  for (char c : d) {
    if (!IsDigit(c)) return false;
  }
  // Area code NXX: N in 2-9, the middle digit 9 is reserved for expansion, N11 are service codes.
  if (d[0] < '2' || d[1] == '9' || (d[1] == '1' && d[2] == '1')) return false;
  // Exchange NXX: N in 2-9, not N11.
  if (d[3] < '2' || (d[4] == '1' && d[5] == '1')) return false;
  return true;
}

bool IsValidPhone(std::string_view value) {
  std::string_view s = StripExtension(TrimAscii(value));
  if (s.empty() || s.size() > 32) return false;
  if (s[0] == '+') return IsValidInternational(s.substr(1));
  if (s.size() > 2 && s[0] == '0' && s[1] == '0') return IsValidInternational(s.substr(2));
  // NANP: digit groups split by one separator each, optional parentheses around the area code.
  char digits[11];
  size_t n = 0;
  size_t groups[5];
  size_t group_count = 0;
  size_t run = 0;
  bool open_paren = false;
  bool saw_paren = false;
  char prev = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (IsDigit(c)) {
      if (n == sizeof digits) return false;
      digits[n++] = c;
      ++run;
    } else {
      bool separator = c == ' ' || c == '-' || c == '.';
      if (c == '(') {
        if (saw_paren || run != 0) return false;
        open_paren = saw_paren = true;
      } else if (c == ')') {
        if (!open_paren || run != 3) return false;
        open_paren = false;
      } else if (!separator) {
        return false;
      } else if (prev == ' ' || prev == '-' || prev == '.' || i == 0) {
        return false;
      }
      if (run > 0) {
        if (group_count == 5) return false;
        groups[group_count++] = run;
        run = 0;
      }
    }
    prev = c;
  }
  if (open_paren) return false;
  if (run > 0) {
    if (group_count == 5) return false;
    groups[group_count++] = run;
  }
  std::string_view d(digits, n);
  if (n == 11) {
    if (d[0] != '1') return false;
    d.remove_prefix(1);
    if (groups[0] == 1) {
      // 1-3-3-4, 1-3-7 or 1-10
      for (size_t g = 0; g + 1 < group_count; ++g) groups[g] = groups[g + 1];
      --group_count;
    } else if (!(group_count == 1 && groups[0] == 11)) {
      return false;
    } else {
      groups[0] = 10;
    }
  } else if (n != 10) {
    return false;
  }
  bool shape_ok = (group_count == 1 && groups[0] == 10) ||
                  (group_count == 2 && groups[0] == 3 && groups[1] == 7) ||
                  (group_count == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4);
  return shape_ok && IsValidNanpDigits(d);
}

// ---- SSN ------------------------------------------------------------------------------------

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

// ---- Payment cards --------------------------------------------------------------------------

bool PassesLuhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!IsDigit(digits[i])) return false;
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return !digits.empty() && sum % 10 == 0;
}

std::optional<CardNetwork> CardNetworkOf(std::string_view d) {
  const size_t n = d.size();
  if (n < 12 || n > 19) return std::nullopt;
  auto prefix = [d](size_t len) {
    int v = 0;
    for (size_t i = 0; i < len; ++i) v = v * 10 + (d[i] - '0');
    return v;
  };
  const int p2 = prefix(2), p3 = prefix(3), p4 = prefix(4), p6 = prefix(6);
  if (d[0] == '4') {
    if (n == 13 || n == 16 || n == 19) return CardNetwork::kVisa;
    return std::nullopt;
  }
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
    if (n == 16) return CardNetwork::kMastercard;
    return std::nullopt;
  }
  if (p2 == 34 || p2 == 37) {
    if (n == 15) return CardNetwork::kAmex;
    return std::nullopt;
  }
  const bool long_card = n >= 16 && n <= 19;
  if (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) {
    if (long_card) return CardNetwork::kDiscover;
    return std::nullopt;
  }
  if (p4 >= 3528 && p4 <= 3589) {
    if (long_card) return CardNetwork::kJcb;
    return std::nullopt;
  }
  if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
    if (n >= 14) return CardNetwork::kDiners;
    return std::nullopt;
  }
  if (p2 == 62) {
    if (long_card) return CardNetwork::kUnionPay;
    return std::nullopt;
  }
  if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759 ||
      p4 == 6761 || p4 == 6762 || p4 == 6763) {
    return CardNetwork::kMaestro;
  }
  return std::nullopt;
}

bool IsValidCardNumber(std::string_view value) {
  std::string_view s = TrimAscii(value);
  char digits[19];
  size_t n = 0;
  char separator = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (IsDigit(c)) {
      if (n == sizeof digits) return false;
      digits[n++] = c;
      continue;
    }
    // One kind of separator, single, between digits.
    if ((c != ' ' && c != '-') || i == 0 || !IsDigit(s[i - 1]) || i + 1 == s.size()) return false;
    if (separator != 0 && c != separator) return false;
    separator = c;
  }
  std::string_view d(digits, n);
  return n >= 12 && PassesLuhn(d) && CardNetworkOf(d).has_value();
}

// ---- IBAN -----------------------------------------------------------------------------------

namespace {

struct IbanCountry {
  char code[3];
  int length;
};

// The IBAN registry (SWIFT), release 2024.
constexpr IbanCountry kIbanCountries[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
    {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27},
    {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27},
    {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28},
    {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31},
    {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25}, {"SV", 28},
    {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30},
};

int IbanLength(char a, char b) {
  for (const IbanCountry& c : kIbanCountries) {
    if (c.code[0] == a && c.code[1] == b) return c.length;
  }
  return 0;
}

}  // namespace

bool IsValidIban(std::string_view value) {
  std::string_view s = TrimAscii(value);
  char iban[34];
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ') {
      if (i == 0 || s[i - 1] == ' ') return false;
      continue;
    }
    if (!IsAlnum(c) || n == sizeof iban) return false;
    iban[n++] = ToUpper(c);
  }
  if (n < 15 || !IsAlpha(iban[0]) || !IsAlpha(iban[1]) || !IsDigit(iban[2]) || !IsDigit(iban[3])) {
    return false;
  }
  if (IbanLength(iban[0], iban[1]) != static_cast<int>(n)) return false;
  // Move the first four characters to the end, read letters as 10..35, and take the number
  // mod 97 digit by digit.
  int mod = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = iban[(k + 4) % n];
    if (IsDigit(c)) {
      mod = (mod * 10 + (c - '0')) % 97;
    } else {
      mod = (mod * 100 + (c - 'A' + 10)) % 97;
    }
  }
  return mod == 1;
}

// ---- IP -------------------------------------------------------------------------------------

bool IsValidIpv4(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() < 7 || s.size() > 15) return false;
  char buf[16];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  in_addr addr;
  return inet_pton(AF_INET, buf, &addr) == 1;
}

bool IsValidIpv6(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() < 2 || s.size() > 45 || s.find(':') == std::string_view::npos) return false;
  char buf[46];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  in6_addr addr;
  return inet_pton(AF_INET6, buf, &addr) == 1;
}

bool IsValidIp(std::string_view value) {
  return IsValidIpv4(value) || IsValidIpv6(value);
}

// ---- Dates ----------------------------------------------------------------------------------

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

// ---- Person names ---------------------------------------------------------------------------

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

// ---- Identity documents and medical codes -----------------------------------------------------

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

bool IsMedicalRecordNumber(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() < 5 || s.size() > 24) return false;
  size_t i = 0;
  while (i < s.size() && IsAlpha(s[i])) ++i;
  if (i > 4) return false;
  if (i > 0 && i < s.size() && (s[i] == '-' || s[i] == ' ' || s[i] == '#')) ++i;
  size_t digits = 0;
  bool nonzero = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (IsDigit(c)) {
      ++digits;
      nonzero |= c != '0';
    } else if (c != '-' || i == 0 || !IsDigit(s[i - 1]) || i + 1 == s.size()) {
      return false;
    }
  }
  return digits >= 5 && digits <= 12 && nonzero;
}

bool IsIcd10Code(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() < 3 || s.size() > 8) return false;
  char letter = ToUpper(s[0]);
  if (!IsAlpha(letter) || !IsDigit(s[1])) return false;
  char third = ToUpper(s[2]);
  int category;  // the two characters after the letter; a letter third (O9A, C4A) counts as 9.5
  if (IsDigit(third)) {
    category = (s[1] - '0') * 10 + (third - '0');
  } else if (third == 'A' || third == 'B') {
    category = (s[1] - '0') * 10 + 9;
  } else {
    return false;
  }
  int lo = 0, hi = 99;
  switch (letter) {
    case 'D':
      hi = 89;
      break;
    case 'E':
      hi = 89;
      break;
    case 'F':
      lo = 1;
      break;
    case 'H':
      hi = 95;
      break;
    case 'K':
      hi = 95;
      break;
    case 'P':
      hi = 96;
      break;
    case 'T':
      hi = 98;
      break;
    case 'U':
      hi = 85;
      break;
    default:
      break;
  }
  if (category < lo || category > hi) return false;
  if (!IsDigit(third) &&
      !((letter == 'O' && s[1] == '9' && third == 'A') ||
        (letter == 'C' && (s[1] == '4' || s[1] == '7')) || (letter == 'D' && s[1] == '3') ||
        (letter == 'M' && s[1] == '1') || (letter == 'Z' && s[1] == '3'))) {
    return false;
  }
  std::string_view rest = s.substr(3);
  if (rest.empty()) return true;
  if (rest[0] == '.') rest.remove_prefix(1);
  if (rest.empty() || rest.size() > 4) return false;
  for (char c : rest) {
    if (!IsAlnum(c)) return false;
  }
  return true;
}

bool ContainsHealthTerm(std::string_view text) {
  // Stems: matched at the start of a word, so "diabet" finds diabetes and diabetic.
  static constexpr std::string_view kTerms[] = {"diabet",
                                                "hypertens",
                                                "hypotens",
                                                "asthma",
                                                "cancer",
                                                "carcinoma",
                                                "tumor",
                                                "tumour",
                                                "leukemia",
                                                "leukaemia",
                                                "lymphoma",
                                                "melanoma",
                                                "copd",
                                                "emphysema",
                                                "bronchitis",
                                                "pneumonia",
                                                "tuberculosis",
                                                "influenza",
                                                "covid",
                                                "hepatitis",
                                                "hiv",
                                                "aids",
                                                "depress",
                                                "anxiety",
                                                "bipolar",
                                                "schizophreni",
                                                "ptsd",
                                                "adhd",
                                                "autism",
                                                "dementia",
                                                "alzheimer",
                                                "parkinson",
                                                "epilep",
                                                "seizure",
                                                "migraine",
                                                "stroke",
                                                "arthritis",
                                                "osteoporosis",
                                                "osteoarthritis",
                                                "fibromyalgia",
                                                "lupus",
                                                "psoriasis",
                                                "eczema",
                                                "dermatitis",
                                                "anemia",
                                                "anaemia",
                                                "hemophilia",
                                                "haemophilia",
                                                "obesity",
                                                "obese",
                                                "hypothyroid",
                                                "hyperthyroid",
                                                "thyroid",
                                                "hyperlipid",
                                                "cholesterol",
                                                "coronary",
                                                "heart disease",
                                                "heart failure",
                                                "cardiomyopathy",
                                                "arrhythmia",
                                                "atrial fibrillation",
                                                "myocardial",
                                                "angina",
                                                "kidney disease",
                                                "renal failure",
                                                "renal disease",
                                                "cirrhosis",
                                                "crohn",
                                                "colitis",
                                                "celiac",
                                                "coeliac",
                                                "ulcer",
                                                "gerd",
                                                "glaucoma",
                                                "cataract",
                                                "sclerosis",
                                                "cystic fibrosis",
                                                "sleep apnea",
                                                "insomnia",
                                                "gout",
                                                "sepsis",
                                                "allerg",
                                                "pregnan",
                                                "infertil",
                                                "chlamydia",
                                                "gonorrh",
                                                "syphilis",
                                                "herpes",
                                                "hpv",
                                                "opioid",
                                                "substance abuse",
                                                "alcoholism",
                                                "addiction",
                                                "anorexia",
                                                "bulimia",
                                                "chemotherapy",
                                                "dialysis",
                                                "mastectomy",
                                                "appendicitis",
                                                "sinusitis",
                                                "hypoglyc",
                                                "hyperglyc"};
  if (text.empty() || text.size() > 512) return false;
  // Fold to lower case letters and digits, every other byte a space, with a space in front so
  // that " term" finds a term at a word start.
  char buf[514];
  size_t n = 0;
  buf[n++] = ' ';
  for (char c : text) buf[n++] = IsAlnum(c) ? ToLower(c) : ' ';
  std::string_view folded(buf, n);
  for (std::string_view term : kTerms) {
    for (size_t at = folded.find(term); at != std::string_view::npos;
         at = folded.find(term, at + 1)) {
      if (folded[at - 1] == ' ') return true;
    }
  }
  return false;
}

// ---- Secrets --------------------------------------------------------------------------------

namespace {

bool IsBase32Upper(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
}

bool IsUpperAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || IsDigit(c);
}

bool IsBase64Url(char c) {
  return IsAlnum(c) || c == '-' || c == '_';
}

// Decodes base64url without padding; nullopt on a bad character or length.
std::optional<std::string> DecodeBase64Url(std::string_view in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (IsDigit(c))
      v = c - '0' + 52;
    else if (c == '-')
      v = 62;
    else if (c == '_')
      v = 63;
    else
      return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace

bool IsAwsAccessKeyId(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() != 20 || !(s.starts_with("AKIA") || s.starts_with("ASIA"))) return false;
  for (size_t i = 4; i < 20; ++i) {
    if (!IsBase32Upper(s[i])) return false;
  }
  return true;
}

bool ContainsAwsAccessKeyId(std::string_view text) {
  for (size_t i = 0; i + 20 <= text.size(); ++i) {
    if (text[i] != 'A' || (text[i + 1] != 'K' && text[i + 1] != 'S')) continue;
    if (i > 0 && IsUpperAlnum(text[i - 1])) continue;
    if (i + 20 < text.size() && IsUpperAlnum(text[i + 20])) continue;
    if (IsAwsAccessKeyId(text.substr(i, 20))) return true;
  }
  return false;
}

bool ContainsPrivateKeyHeader(std::string_view text) {
  static constexpr std::string_view kBegin = "-----BEGIN ";
  static constexpr std::string_view kKinds[] = {"",     "RSA ",     "EC ",
                                                "DSA ", "OPENSSH ", "ENCRYPTED "};
  for (size_t at = text.find(kBegin); at != std::string_view::npos;
       at = text.find(kBegin, at + 1)) {
    std::string_view rest = text.substr(at + kBegin.size());
    if (rest.starts_with("PGP PRIVATE KEY BLOCK-----")) return true;
    for (std::string_view kind : kKinds) {
      if (rest.starts_with(kind) && rest.substr(kind.size()).starts_with("PRIVATE KEY-----")) {
        return true;
      }
    }
  }
  return false;
}

bool IsJwt(std::string_view token) {
  std::string_view s = TrimAscii(token);
  if (s.size() > 16384) return false;
  size_t dot1 = s.find('.');
  if (dot1 == std::string_view::npos) return false;
  size_t dot2 = s.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || s.find('.', dot2 + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view header = s.substr(0, dot1);
  std::string_view payload = s.substr(dot1 + 1, dot2 - dot1 - 1);
  std::string_view signature = s.substr(dot2 + 1);
  if (header.size() < 8 || header.size() > 2048 || payload.empty()) return false;
  for (char c : signature) {
    if (!IsBase64Url(c)) return false;
  }
  auto decoded_header = DecodeBase64Url(header);
  if (!decoded_header) return false;
  nlohmann::json h = nlohmann::json::parse(*decoded_header, nullptr, false);
  if (h.is_discarded() || !h.is_object()) return false;
  auto alg = h.find("alg");
  if (alg == h.end() || !alg->is_string()) return false;
  auto decoded_payload = DecodeBase64Url(payload);
  if (!decoded_payload) return false;
  nlohmann::json p = nlohmann::json::parse(*decoded_payload, nullptr, false);
  return !p.is_discarded() && p.is_object();
}

bool ContainsJwt(std::string_view text) {
  int examined = 0;
  for (size_t at = text.find("eyJ"); at != std::string_view::npos && examined < 16;
       at = text.find("eyJ", at + 1)) {
    if (at > 0 && (IsBase64Url(text[at - 1]) || text[at - 1] == '.')) continue;
    ++examined;
    size_t end = at;
    while (end < text.size() && (IsBase64Url(text[end]) || text[end] == '.')) ++end;
    if (IsJwt(text.substr(at, end - at))) return true;
  }
  return false;
}

}  // namespace sluice::scan
