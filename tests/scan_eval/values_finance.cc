// Financial values of the evaluation set: payment card numbers of the major issuers (Luhn-valid,
// plain or grouped), IBANs of five countries (with their national check digits and mod-97);
// and their decoy, Luhn-valid 16-digit order numbers that no issuer uses.
#include <cstdint>
#include <string>

#include "scan_eval/eval_set.h"
#include "scan_eval/values.h"

namespace sluice::scan_eval {
namespace values {

char LuhnCheckDigit(std::string_view payload) {
  int sum = 0;
  bool twice = true;  // the payload's last digit sits next to the check digit: doubled
  for (auto it = payload.rbegin(); it != payload.rend(); ++it) {
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

int Mod97(std::string_view s) {
  int r = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      r = (r * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      r = (r * 100 + (c - 'A' + 10)) % 97;
    }
  }
  return r;
}

namespace {

std::string IbanFromBban(std::string_view country, const std::string& bban) {
  std::string rearranged = bban + std::string(country) + "00";
  return std::string(country) + Pad(static_cast<std::uint64_t>(98 - Mod97(rearranged)), 2) + bban;
}

// Spain's two national check digits (Codigo de Control de Cuenta).
char EsCheck(std::string_view ten) {
  static constexpr int kWeights[] = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += (ten[static_cast<std::size_t>(i)] - '0') * kWeights[i];
  int d = 11 - sum % 11;
  if (d == 11) d = 0;
  if (d == 10) d = 1;
  return static_cast<char>('0' + d);
}

std::string Bban(Rng& r, std::string_view country) {
  if (country == "DE") return std::to_string(Between(r, 1, 8)) + Digits(r, 7) + Digits(r, 10);
  if (country == "GB") {
    return std::string(Pick(r, {"NWBK", "BARC", "LOYD", "HBUK", "MIDL", "WEST"})) + Digits(r, 6) +
           Digits(r, 8);
  }
  if (country == "FR") {  // bank, branch, account, RIB key
    std::string bank = Digits(r, 5), branch = Digits(r, 5), account = Digits(r, 11);
    std::uint64_t sum =
        89 * std::stoull(bank) + 15 * std::stoull(branch) + 3 * std::stoull(account);
    return bank + branch + account + Pad(97 - sum % 97, 2);
  }
  if (country == "NL") {  // bank code and an account passing the Dutch 11-test
    for (;;) {
      std::string account = Digits(r, 9);
      int sum = 0;
      for (int i = 0; i < 9; ++i) sum += (account[static_cast<std::size_t>(i)] - '0') * (10 - i);
      int last = (11 - sum % 11) % 11;
      if (last == 10) continue;
      return std::string(Pick(r, {"ABNA", "INGB", "RABO", "TRIO", "SNSB"})) + account +
             static_cast<char>('0' + last);
    }
  }
  // ES: bank, branch, two check digits, account.
  std::string bank = Digits(r, 4), branch = Digits(r, 4), account = Digits(r, 10);
  return bank + branch + EsCheck("00" + bank + branch) + EsCheck(account) + account;
}

}  // namespace

std::string Card(Rng& r, int style) {
  std::string prefix;
  int length = 16;
  std::uint64_t issuer = Below(r, 20);
  if (issuer < 10) {
    prefix = "4";            // Visa
  } else if (issuer < 15) {  // Mastercard: 51-55 and 2221-2720
    prefix = Below(r, 3) == 0 ? std::to_string(Between(r, 2221, 2720))
                              : std::to_string(Between(r, 51, 55));
  } else if (issuer < 18) {  // American Express
    prefix = Below(r, 2) == 0 ? "34" : "37";
    length = 15;
  } else {  // Discover: 6011, 644-649, 65
    switch (Below(r, 3)) {
      case 0:
        prefix = "6011";
        break;
      case 1:
        prefix = std::to_string(Between(r, 644, 649));
        break;
      default:
        prefix = "65";
    }
  }
  std::string payload = prefix + Digits(r, length - 1 - static_cast<int>(prefix.size()));
  std::string number = payload + LuhnCheckDigit(payload);
  if (style == 3) style = static_cast<int>(Below(r, 3));
  if (style == 0) return number;
  char sep = style == 1 ? ' ' : '-';
  if (length == 15) {  // Amex is written 4-6-5
    return number.substr(0, 4) + sep + number.substr(4, 6) + sep + number.substr(10);
  }
  return number.substr(0, 4) + sep + number.substr(4, 4) + sep + number.substr(8, 4) + sep +
         number.substr(12);
}

std::string Iban(Rng& r, int style) {
  std::string_view country = Pick(r, {"DE", "GB", "FR", "NL", "ES"});
  std::string iban = IbanFromBban(country, Bban(r, country));
  bool print = style == 1 || (style == 2 && Below(r, 2) == 0);
  if (!print) return iban;
  std::string out;
  for (std::size_t i = 0; i < iban.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += iban[i];
  }
  return out;
}

std::string OrderId(Rng& r) {
  std::string payload = (Below(r, 2) == 0 ? "9" : "1") + Digits(r, 14);
  return payload + LuhnCheckDigit(payload);  // Luhn-valid on purpose: only the issuer rules it out
}

}  // namespace values

bool LuhnValid(std::string_view digits) {
  if (digits.size() < 2) return false;
  return values::LuhnCheckDigit(digits.substr(0, digits.size() - 1)) == digits.back();
}

bool IbanValid(std::string_view iban) {
  std::string s;
  for (char c : iban) {
    if (c != ' ') s += c;
  }
  if (s.size() < 15 || s.size() > 34) return false;
  return values::Mod97(s.substr(4) + s.substr(0, 4)) == 1;
}

}  // namespace sluice::scan_eval
