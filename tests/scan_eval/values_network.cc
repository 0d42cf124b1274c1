// Network values of the evaluation set: email addresses, NANP and international phone numbers,
// IPv4 and IPv6 addresses; and their decoys, phone-shaped part numbers and dotted version
// numbers.
#include <cstdio>
#include <string>

#include "scan_eval/eval_set.h"
#include "scan_eval/values.h"

namespace sluice::scan_eval {
namespace values {

namespace {

const std::vector<std::string_view> kEmailDomains = {
    "example.com", "gmail.com",     "yahoo.com",        "outlook.com",   "hotmail.com",
    "icloud.com",  "acme-corp.com", "mail.example.org", "company.co.uk", "proton.me"};

// A NANP number as 10 digits: NPA and NXX start with 2-9 and are not N11; NPA's middle digit is
// not 9 (reserved for expansion).
std::string NanpDigits(Rng& r) {
  auto code = [&](bool npa) {
    for (;;) {
      std::string c =
          std::to_string(Between(r, 2, 9)) + std::to_string(Between(r, 0, npa ? 8 : 9)) + Digit(r);
      if (!(c[1] == '1' && c[2] == '1')) return c;
    }
  };
  return code(true) + code(false) + Digits(r, 4);
}

std::string Ipv4(Rng& r) {
  switch (Below(r, 4)) {
    case 0:
      return "10." + std::to_string(Below(r, 256)) + "." + std::to_string(Below(r, 256)) + "." +
             std::to_string(Between(r, 1, 254));
    case 1:
      return "192.168." + std::to_string(Below(r, 256)) + "." + std::to_string(Between(r, 1, 254));
    default:
      return std::to_string(Between(r, 11, 223)) + "." + std::to_string(Below(r, 256)) + "." +
             std::to_string(Below(r, 256)) + "." + std::to_string(Between(r, 1, 254));
  }
}

std::string Ipv6(Rng& r) {
  char buf[64];
  unsigned g[8];
  g[0] = Below(r, 2) == 0 ? 0x2001u : 0x2600u + static_cast<unsigned>(Below(r, 0x100));
  g[1] = static_cast<unsigned>(Below(r, 0x10000));
  for (int i = 2; i < 8; ++i) g[i] = static_cast<unsigned>(Below(r, 0x10000));
  if (Below(r, 2) == 0) {  // full form
    std::snprintf(buf, sizeof buf, "%04x:%04x:%04x:%04x:%04x:%04x:%04x:%04x", g[0], g[1], g[2],
                  g[3], g[4], g[5], g[6], g[7]);
  } else {  // compressed: a run of zero groups in the middle
    std::snprintf(buf, sizeof buf, "%x:%x:%x::%x:%x", g[0], g[1], g[2], g[6], g[7]);
  }
  return buf;
}

}  // namespace

std::string Email(Rng& r) {
  std::string first = Lower(FirstName(r)), last = Lower(LastName(r));
  std::string local;
  switch (Below(r, 5)) {
    case 0:
      local = first + "." + last;
      break;
    case 1:
      local = first.substr(0, 1) + last;
      break;
    case 2:
      local = first + "_" + last + std::to_string(Between(r, 1, 99));
      break;
    case 3:
      local = first + std::to_string(Between(r, 1950, 2010));
      break;
    default:
      local = first + "." + last + "+" + std::string(Pick(r, {"news", "shop", "work"}));
  }
  return local + "@" + std::string(Pick(r, kEmailDomains));
}

std::string PhoneNanp(Rng& r, int style) {
  std::string d = NanpDigits(r);
  std::string a = d.substr(0, 3), b = d.substr(3, 3), c = d.substr(6);
  if (style == 5) style = static_cast<int>(Below(r, 5));
  switch (style) {
    case 0:
      return "(" + a + ") " + b + "-" + c;
    case 1:
      return a + "-" + b + "-" + c;
    case 2:
      return "+1 " + a + " " + b + " " + c;
    case 3:
      return "+1" + d;
    default:
      return a + "." + b + "." + c;
  }
}

// International numbers in their national groupings; the compact form drops the spaces (E.164).
std::string PhoneIntl(Rng& r, int style) {
  std::string spaced;
  switch (Below(r, 6)) {
    case 0:
      spaced = "+44 20 7946 0" + Digits(r, 3);
      break;  // London (Ofcom drama)
    case 1:
      spaced = "+44 7700 900" + Digits(r, 3);
      break;  // UK mobile (drama)
    case 2:   // France
      spaced = "+33 " + std::to_string(Between(r, 1, 7)) + " " + Digits(r, 2) + " " + Digits(r, 2) +
               " " + Digits(r, 2) + " " + Digits(r, 2);
      break;
    case 3:
      spaced = "+49 30 " + std::to_string(Between(r, 2, 9)) + Digits(r, 7);
      break;  // Berlin
    case 4:   // Sydney
      spaced = "+61 2 " + std::to_string(Between(r, 8, 9)) + Digits(r, 3) + " " + Digits(r, 4);
      break;
    default:
      spaced =
          "+81 3 " + std::to_string(Between(r, 3, 6)) + Digits(r, 3) + " " + Digits(r, 4);  // Tokyo
  }
  bool compact = style == 1 || (style == 2 && Below(r, 2) == 0);
  if (!compact) return spaced;
  std::string e164;
  for (char c : spaced) {
    if (c != ' ') e164 += c;
  }
  return e164;
}

std::string Ip(Rng& r, int style) {
  return style == 1 || (style == 2 && Below(r, 5) == 0) ? Ipv6(r) : Ipv4(r);
}

std::string PartNo(Rng& r, int style) {
  if (style == 3) style = static_cast<int>(Below(r, 3));
  std::string area = std::to_string(Below(r, 2)) + Digits(r, 2);  // 0xx or 1xx: no NANP area
  switch (style) {
    case 0:
      return Digits(r, 3) + "-" + Digits(r, 4) + "-" + Digits(r, 2);
    case 1:
      return area + Digits(r, 7);
    default:
      return area + "-" + Digits(r, 3) + "-" + Digits(r, 4);
  }
}

std::string Version(Rng& r) {
  if (Below(r, 3) == 0) {  // Windows-style build numbers, third part above 255
    return std::to_string(Between(r, 6, 11)) + ".0." + std::to_string(Between(r, 10240, 26100)) +
           "." + std::to_string(Between(r, 1, 4000));
  }
  return std::to_string(Between(r, 0, 12)) + "." + std::to_string(Between(r, 0, 40)) + "." +
         std::to_string(Between(r, 0, 30));
}

}  // namespace values

bool NanpValid(std::string_view d) {
  if (d.size() != 10 || DigitsOf(d) != d) return false;
  auto ok = [](std::string_view c) { return c[0] >= '2' && !(c[1] == '1' && c[2] == '1'); };
  return ok(d.substr(0, 3)) && ok(d.substr(3, 3));
}

}  // namespace sluice::scan_eval
