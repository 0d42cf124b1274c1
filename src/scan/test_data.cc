#include "scan/test_data.h"

#include <cctype>
#include <cstdio>

namespace sluice::scan::testing {
namespace {

constexpr std::string_view kFirst[] = {"James", "Mary",    "Robert", "Patricia", "John",
                                       "Linda", "Michael", "Sarah",  "David",    "Emily",
                                       "Maria", "Carlos",  "Wei",    "Aisha",    "Olivia"};
constexpr std::string_view kLast[] = {"Smith",  "Johnson", "Williams", "Garcia", "Brown",
                                      "Miller", "Davis",   "Nguyen",   "Patel",  "Kim",
                                      "Lopez",  "Wilson",  "Anderson", "Taylor", "Moore"};
constexpr std::string_view kDomains[] = {"example.com", "mail.example.org", "corp.example.net",
                                         "gmail.com", "yahoo.co.uk"};
constexpr std::string_view kIcd10[] = {"E11.9", "I10",    "J45.909", "M54.5", "F32.9",
                                       "K21.9", "Z00.00", "E78.5",   "N39.0", "S72.001A"};
constexpr std::string_view kConditions[] = {
    "Type 2 diabetes", "Hypertension",       "Asthma", "Chronic kidney disease",
    "Depression",      "Migraine",           "COPD",   "Rheumatoid arthritis",
    "Hyperlipidemia",  "Atrial fibrillation"};
constexpr std::string_view kProducts[] = {"Steel Bolt", "Widget Pro", "Garden Hose",
                                          "Desk Lamp",  "Coffee Mug", "USB Cable"};

}  // namespace

std::string TestData::Digits(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + Uniform(0, 9)));
  return s;
}

std::string TestData::WithLuhnDigit(std::string digits) {
  int sum = 0;
  bool twice = true;  // the check digit will be rightmost, so the last digit here doubles
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  digits.push_back(static_cast<char>('0' + (10 - sum % 10) % 10));
  return digits;
}

std::string TestData::MakeIban(std::string_view country, std::string_view bban) {
  std::string rearranged = std::string(bban) + std::string(country) + "00";
  int mod = 0;
  for (char c : rearranged) {
    if (c >= '0' && c <= '9') {
      mod = (mod * 10 + (c - '0')) % 97;
    } else {
      mod = (mod * 100 + (c - 'A' + 10)) % 97;
    }
  }
  int check = 98 - mod;
  std::string digits = {static_cast<char>('0' + check / 10), static_cast<char>('0' + check % 10)};
  return std::string(country) + digits + std::string(bban);
}

std::string TestData::Base64Url(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : bytes) {
    acc = (acc << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 63]);
  return out;
}

std::string TestData::Email() {
  std::string first(Pick(kFirst)), last(Pick(kLast));
  for (char& c : first) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : last) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return first + "." + last + std::to_string(Uniform(1, 999)) + "@" + std::string(Pick(kDomains));
}

std::string TestData::Phone() {
  std::string area, exchange;
  do {
    area = std::to_string(Uniform(2, 9)) + std::to_string(Uniform(0, 8)) + Digits(1);
  } while (area[1] == '1' && area[2] == '1');
  do {
    exchange = std::to_string(Uniform(2, 9)) + Digits(2);
  } while (exchange[1] == '1' && exchange[2] == '1');
  std::string line = Digits(4);
  switch (Uniform(0, 4)) {
    case 0:
      return area + "-" + exchange + "-" + line;
    case 1:
      return "(" + area + ") " + exchange + "-" + line;
    case 2:
      return area + "." + exchange + "." + line;
    case 3:
      return "+1 " + area + " " + exchange + " " + line;
    default:
      return area + exchange + line;
  }
}

std::string TestData::Ssn() {
  int area;
  do {
    area = Uniform(1, 899);
  } while (area == 666);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d-%02d-%04d", area, Uniform(1, 99), Uniform(1, 9999));
  return buf;
}

std::string TestData::Card() {
  switch (Uniform(0, 3)) {
    case 0:
      return WithLuhnDigit("4" + Digits(14));
    case 1:
      return WithLuhnDigit(std::to_string(Uniform(51, 55)) + Digits(13));
    case 2:
      return WithLuhnDigit((Uniform(0, 1) == 0 ? "34" : "37") + Digits(12));
    default:
      return WithLuhnDigit("6011" + Digits(11));
  }
}

std::string TestData::Iban() {
  switch (Uniform(0, 2)) {
    case 0:
      return MakeIban("DE", Digits(18));
    case 1:
      return MakeIban("FR", Digits(23));
    default:
      return MakeIban("GB", "WEST" + Digits(14));
  }
}

std::string TestData::Ipv4() {
  return std::to_string(Uniform(1, 223)) + "." + std::to_string(Uniform(0, 255)) + "." +
         std::to_string(Uniform(0, 255)) + "." + std::to_string(Uniform(1, 254));
}

std::string TestData::Ipv6() {
  char buf[64];
  std::snprintf(buf, sizeof buf, "2001:db8:%x:%x::%x", Uniform(0, 0xffff), Uniform(0, 0xffff),
                Uniform(1, 0xffff));
  return buf;
}

std::string TestData::BirthDate() {
  char buf[16];
  int y = Uniform(1940, 2005), m = Uniform(1, 12), d = Uniform(1, 28);
  if (Uniform(0, 1) == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  } else {
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", m, d, y);
  }
  return buf;
}

std::string TestData::FirstName() {
  return std::string(Pick(kFirst));
}
std::string TestData::LastName() {
  return std::string(Pick(kLast));
}
std::string TestData::FullName() {
  return FirstName() + " " + LastName();
}

std::string TestData::Passport() {
  return Uniform(0, 1) == 0 ? Digits(9)
                            : std::string(1, static_cast<char>('A' + Uniform(0, 25))) + Digits(8);
}

std::string TestData::DriversLicense() {
  return std::string(1, static_cast<char>('A' + Uniform(0, 25))) + Digits(7);
}

std::string TestData::Mrn() {
  return "MRN-" + std::to_string(Uniform(1000000, 9999999));
}

std::string TestData::Icd10() {
  return std::string(Pick(kIcd10));
}
std::string TestData::Condition() {
  return std::string(Pick(kConditions));
}

std::string TestData::AwsKey() {
  static constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string key = Uniform(0, 1) == 0 ? "AKIA" : "ASIA";
  for (int i = 0; i < 16; ++i) key.push_back(kBase32[Uniform(0, 31)]);
  return key;
}

std::string TestData::PrivateKey() {
  return "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA" + Digits(20) +
         "\n-----END RSA PRIVATE KEY-----";
}

std::string TestData::Jwt() {
  std::string header = Base64Url(R"({"alg":"HS256","typ":"JWT"})");
  std::string payload = Base64Url(R"({"sub":")" + Digits(8) + R"(","iat":)" + Digits(10) + "}");
  return header + "." + payload + "." + Base64Url(Digits(32));
}

std::string TestData::LuhnOrderNumber() {
  return WithLuhnDigit(Digits(15));
}

std::string TestData::PartNumber() {
  return std::to_string(Uniform(0, 1)) + Digits(2) + "-" + Digits(3) + "-" + Digits(4);
}

std::string TestData::RecentDate() {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", Uniform(2019, 2024), Uniform(1, 12),
                Uniform(1, 28));
  return buf;
}

std::string TestData::FutureDate() {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", Uniform(2090, 2099), Uniform(1, 12),
                Uniform(1, 28));
  return buf;
}

std::string TestData::ProductName() {
  return std::string(Pick(kProducts));
}

std::string TestData::Sku() {
  return std::string(1, static_cast<char>('A' + Uniform(0, 25))) + Digits(2) + "-" + Digits(5);
}

std::string TestData::Amount() {
  return std::to_string(Uniform(1, 99999)) + "." + Digits(2);
}

std::string TestData::Uuid() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string u;
  for (int i = 0; i < 36; ++i) {
    u.push_back(i == 8 || i == 13 || i == 18 || i == 23 ? '-' : kHex[Uniform(0, 15)]);
  }
  return u;
}

}  // namespace sluice::scan::testing
