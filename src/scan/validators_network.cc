// Validators for contact and network identifiers: email addresses (RFC 5321 limits, atom local
// parts, real-looking domains), phone numbers (NANP rules and assigned ITU country codes, with
// extensions), and IP addresses (as inet_pton reads them). validators.h states each rule.
#include <arpa/inet.h>

#include <cstring>
#include <string_view>

#include "scan/text.h"
#include "scan/validators.h"

namespace sluice::scan {

namespace {

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

}  // namespace sluice::scan
