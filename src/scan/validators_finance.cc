// Validators for financial account numbers: payment cards (Luhn and each issuer's prefixes and
// lengths) and IBANs (the SWIFT registry's country lengths and the ISO 13616 mod-97 check).
// validators.h states each rule.
#include <optional>
#include <string_view>

#include "scan/text.h"
#include "scan/validators.h"

namespace sluice::scan {

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

}  // namespace sluice::scan
