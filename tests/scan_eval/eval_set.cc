#include "scan_eval/eval_set.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace sluice::scan_eval {
namespace {

using Rng = std::mt19937_64;

// Our own draws instead of std::uniform_int_distribution, whose output is implementation-
// defined: the set must be the same with any standard library.
std::uint64_t Below(Rng& r, std::uint64_t n) {
  return r() % n;
}
int Between(Rng& r, int lo, int hi) {  // inclusive
  return lo + static_cast<int>(Below(r, static_cast<std::uint64_t>(hi - lo + 1)));
}
double Unit(Rng& r) {
  return static_cast<double>(r() >> 11) * 0x1.0p-53;
}
template <typename T>
const T& Pick(Rng& r, const std::vector<T>& v) {
  return v[Below(r, v.size())];
}
std::string_view Pick(Rng& r, std::initializer_list<std::string_view> v) {
  return *(v.begin() + Below(r, v.size()));
}
char Digit(Rng& r) {
  return static_cast<char>('0' + Below(r, 10));
}
std::string Digits(Rng& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += Digit(r);
  return s;
}
std::string Upper(Rng& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('A' + Below(r, 26));
  return s;
}
std::string Pad(std::uint64_t v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width)
    s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return s;
}
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// --- Word lists -------------------------------------------------------------------------------

const std::vector<std::string_view> kFirstNames = {
    "James",     "Mary",     "Robert",    "Patricia", "John",     "Jennifer", "Michael",
    "Linda",     "David",    "Elizabeth", "William",  "Barbara",  "Richard",  "Susan",
    "Joseph",    "Jessica",  "Thomas",    "Sarah",    "Charles",  "Karen",    "Christopher",
    "Lisa",      "Daniel",   "Nancy",     "Matthew",  "Betty",    "Anthony",  "Margaret",
    "Mark",      "Sandra",   "Donald",    "Ashley",   "Steven",   "Kimberly", "Paul",
    "Emily",     "Andrew",   "Donna",     "Joshua",   "Michelle", "Kenneth",  "Carol",
    "Kevin",     "Amanda",   "Brian",     "Melissa",  "George",   "Deborah",  "Timothy",
    "Stephanie", "Ronald",   "Rebecca",   "Jason",    "Laura",    "Edward",   "Helen",
    "Jeffrey",   "Sharon",   "Ryan",      "Cynthia",  "Jacob",    "Kathleen", "Gary",
    "Amy",       "Nicholas", "Angela",    "Eric",     "Anna",     "Jonathan", "Emma",
    "Larry",     "Olivia",   "Justin",    "Sophia",   "Scott",    "Grace",    "Brandon",
    "Hannah",    "Benjamin", "Chloe"};

const std::vector<std::string_view> kLastNames = {
    "Smith",    "Johnson",   "Williams", "Brown",     "Jones",    "Garcia",   "Miller",
    "Davis",    "Rodriguez", "Martinez", "Hernandez", "Lopez",    "Gonzalez", "Wilson",
    "Anderson", "Thomas",    "Taylor",   "Moore",     "Jackson",  "Martin",   "Lee",
    "Perez",    "Thompson",  "White",    "Harris",    "Sanchez",  "Clark",    "Ramirez",
    "Lewis",    "Robinson",  "Walker",   "Young",     "Allen",    "King",     "Wright",
    "Scott",    "Torres",    "Nguyen",   "Hill",      "Flores",   "Green",    "Adams",
    "Nelson",   "Baker",     "Hall",     "Rivera",    "Campbell", "Mitchell", "Carter",
    "Roberts",  "Turner",    "Phillips", "Evans",     "Collins",  "Stewart",  "Morris",
    "Murphy",   "Cook",      "Rogers",   "Morgan",    "Cooper",   "Peterson", "Reed",
    "Bailey",   "Bell",      "Kelly",    "Howard",    "Ward",     "Cox",      "Richardson",
    "Wood",     "Watson"};

const std::vector<std::string_view> kEmailDomains = {
    "example.com", "gmail.com",     "yahoo.com",        "outlook.com",   "hotmail.com",
    "icloud.com",  "acme-corp.com", "mail.example.org", "company.co.uk", "proton.me"};

const std::vector<std::string_view> kCities = {
    "Austin",  "Jackson",  "Madison", "Lincoln",   "Charlotte", "Houston",  "Phoenix",
    "Denver",  "Boston",   "Chicago", "Seattle",   "Portland",  "Dallas",   "Columbus",
    "Raleigh", "Savannah", "Tucson",  "Milwaukee", "Richmond",  "Florence", "Tyler"};

const std::vector<std::string_view> kCountries = {"US", "GB", "DE", "FR", "NL",
                                                  "ES", "CA", "AU", "JP", "IE"};

const std::vector<std::string_view> kIcd10 = {
    "E11.9",  "I10",     "J45.909", "E78.5",  "I25.10",   "K21.9",    "F32.9",  "M54.5",
    "N18.3",  "Z79.4",   "E66.9",   "J44.9",  "G47.33",   "F41.1",    "I48.91", "R51.9",
    "M17.11", "C50.911", "A09",     "B20",    "E03.9",    "G43.909",  "J18.9",  "K57.30",
    "L40.0",  "M06.9",   "N39.0",   "F20.9",  "F31.9",    "G20",      "G35",    "E10.65",
    "I50.9",  "J06.9",   "R07.9",   "Z00.00", "S72.001A", "T78.40XA", "O80",    "H40.11X0"};

const std::vector<std::string_view> kHealthTerms = {"Type 2 diabetes",
                                                    "Hypertension",
                                                    "Asthma",
                                                    "Major depressive disorder",
                                                    "Chronic kidney disease",
                                                    "COPD",
                                                    "Hyperlipidemia",
                                                    "Atrial fibrillation",
                                                    "Osteoarthritis",
                                                    "Migraine",
                                                    "Obesity",
                                                    "Hypothyroidism",
                                                    "GERD",
                                                    "Generalized anxiety disorder",
                                                    "Coronary artery disease",
                                                    "Breast cancer",
                                                    "HIV",
                                                    "Epilepsy",
                                                    "Rheumatoid arthritis",
                                                    "Sleep apnea",
                                                    "Pneumonia",
                                                    "Influenza",
                                                    "Bronchitis",
                                                    "Schizophrenia",
                                                    "Bipolar disorder",
                                                    "Alzheimer's disease",
                                                    "Parkinson's disease",
                                                    "Multiple sclerosis",
                                                    "Psoriasis",
                                                    "Hepatitis C"};

const std::vector<std::string_view> kStatuses = {"pending",  "paid",      "shipped", "delivered",
                                                 "refunded", "cancelled", "active",  "closed"};

const std::vector<std::string_view> kProducts = {
    "Deluxe Widget",     "Trail Runner 3",      "Espresso Maker Pro", "Noise-Cancelling Headphones",
    "Standing Desk",     "Ceramic Mug",         "USB-C Hub",          "Yoga Mat",
    "Cast Iron Skillet", "LED Desk Lamp",       "Wireless Mouse",     "Camping Tent 4P",
    "Water Bottle 1L",   "Mechanical Keyboard", "Garden Hose 50ft",   "Office Chair"};

const std::vector<std::string_view> kConditions = {"new",      "used",      "refurbished",
                                                   "like new", "for parts", "open box"};

const std::vector<std::string_view> kNoteWords = {
    "customer",  "asked",   "to",     "reschedule", "delivery", "the",     "package",     "arrived",
    "late",      "and",     "was",    "damaged",    "refund",   "issued",  "after",       "review",
    "follow",    "up",      "next",   "week",       "about",    "invoice", "please",      "check",
    "stock",     "levels",  "before", "shipping",   "order",    "updated", "per",         "request",
    "warehouse", "moved",   "pallet", "gate",       "closed",   "on",      "Friday",      "notes",
    "from",      "support", "call",   "no",         "action",   "needed",  "backordered", "item"};

// --- Encodings --------------------------------------------------------------------------------

constexpr std::string_view kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64Url(std::string_view bytes) {
  std::string out;
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  auto put = [&](unsigned v) {
    char c = kBase64[v & 63];
    out += c == '+' ? '-' : c == '/' ? '_' : c;
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    unsigned v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    put(v >> 18), put(v >> 12), put(v >> 6), put(v);
  }
  if (bytes.size() - i == 1) {
    unsigned v = at(i) << 16;
    put(v >> 18), put(v >> 12);
  } else if (bytes.size() - i == 2) {
    unsigned v = (at(i) << 16) | (at(i + 1) << 8);
    put(v >> 18), put(v >> 12), put(v >> 6);
  }
  return out;  // unpadded, as JWTs are
}

std::string RandomBase64(Rng& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += kBase64[Below(r, 64)];
  return s;
}

// --- Check digits -----------------------------------------------------------------------------

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

// --- Values -----------------------------------------------------------------------------------

std::string FirstName(Rng& r) {
  return std::string(Pick(r, kFirstNames));
}
std::string LastName(Rng& r) {
  return std::string(Pick(r, kLastNames));
}

std::string Email(Rng& r) {
  std::string first = Lower(Pick(r, kFirstNames)), last = Lower(Pick(r, kLastNames));
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

std::string Ssn(Rng& r, int style) {
  int area;
  do {
    area = Between(r, 1, 899);
  } while (area == 666);
  std::string a = Pad(static_cast<std::uint64_t>(area), 3);
  std::string g = Pad(static_cast<std::uint64_t>(Between(r, 1, 99)), 2);
  std::string s = Pad(static_cast<std::uint64_t>(Between(r, 1, 9999)), 4);
  return style == 1 ? a + g + s : a + "-" + g + "-" + s;
}

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

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

struct Ymd {
  int y, m, d;
};
Ymd Date(Rng& r, int from_year, int to_year) {
  Ymd v{Between(r, from_year, to_year), Between(r, 1, 12), 1};
  v.d = Between(r, 1, DaysIn(v.y, v.m));
  return v;
}
std::string Iso(Ymd v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.y, v.m, v.d);
  return buf;
}

std::string Dob(Rng& r, int style) {
  Ymd v = Date(r, 1930, 2007);
  if (style == 1) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", v.m, v.d, v.y);
    return buf;
  }
  return Iso(v);
}

std::string Timestamp(Rng& r) {
  char buf[32];
  Ymd v = Date(r, 2015, 2030);
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", v.y, v.m, v.d, Between(r, 0, 23),
                Between(r, 0, 59), Between(r, 0, 59));
  return buf;
}

std::string DriversLicense(Rng& r) {
  switch (Below(r, 7)) {
    case 0:
      return Upper(r, 1) + Digits(r, 7);  // CA
    case 1:                               // FL
      return Upper(r, 1) + Digits(r, 3) + "-" + Digits(r, 3) + "-" + Digits(r, 2) + "-" +
             Digits(r, 3) + "-" + Digits(r, 1);
    case 2:
      return Upper(r, 1) + Digits(r, 3) + "-" + Digits(r, 4) + "-" + Digits(r, 4);  // IL
    case 3:
      return std::to_string(Between(r, 1, 9)) + Digits(r, 8);  // NY
    case 4:
      return std::to_string(Between(r, 1, 4)) + Digits(r, 7);  // TX
    case 5:
      return "WDL" + Upper(r, 4) + Digits(r, 3) + Upper(r, 2);  // WA
    default:
      return Digits(r, 2) + " " + Digits(r, 3) + " " + Digits(r, 3);  // PA
  }
}

std::string Pem(Rng& r, std::string_view label, std::string_view body_start, int lines) {
  std::string body =
      std::string(body_start) +
      RandomBase64(r, 64 * lines - static_cast<int>(body_start.size()) - Between(r, 4, 40));
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (std::size_t i = 0; i < body.size(); i += 64) out += body.substr(i, 64) + "\n";
  return out + "-----END " + std::string(label) + "-----";
}

std::string PrivateKey(Rng& r) {
  int lines = Between(r, 3, 6);
  switch (Below(r, 4)) {
    case 0:
      return Pem(r, "RSA PRIVATE KEY", "MIIEpAIBAAKCAQEA", lines);
    case 1:
      return Pem(r, "PRIVATE KEY", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", lines);
    case 2:
      return Pem(r, "EC PRIVATE KEY", "MHcCAQEEI", lines);
    default:
      return Pem(r, "OPENSSH PRIVATE KEY", "b3BlbnNzaC1rZXktdjEAAAAA", lines);
  }
}

std::string PublicKey(Rng& r) {
  if (Below(r, 2) == 0) {
    return Pem(r, "PUBLIC KEY", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", Between(r, 3, 6));
  }
  return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + RandomBase64(r, 300) + " " +
         Lower(Pick(r, kFirstNames)) + "@build-" + std::to_string(Between(r, 1, 40));
}

std::string Jwt(Rng& r) {
  static const std::string kHeader = Base64Url(R"({"alg":"HS256","typ":"JWT"})");
  std::uint64_t iat = 1700000000 + Below(r, 60000000);
  std::string payload = R"({"sub":"user_)" + std::to_string(Below(r, 1000000)) + R"(","name":")" +
                        FirstName(r) + " " + LastName(r) + R"(","iat":)" + std::to_string(iat) +
                        R"(,"exp":)" + std::to_string(iat + 3600) + "}";
  std::string signature;
  for (int i = 0; i < 32; ++i) signature += static_cast<char>(Below(r, 256));
  return kHeader + "." + Base64Url(payload) + "." + Base64Url(signature);
}

std::string AwsKey(Rng& r) {
  static constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string s = "AKIA";
  for (int i = 0; i < 16; ++i) s += kBase32[Below(r, 32)];
  return s;
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

std::string OrderId(Rng& r) {
  std::string payload = (Below(r, 2) == 0 ? "9" : "1") + Digits(r, 14);
  return payload + LuhnCheckDigit(payload);  // Luhn-valid on purpose: only the issuer rules it out
}

std::string Notes(Rng& r) {
  std::string s;
  int words = Between(r, 4, 18);
  for (int i = 0; i < words; ++i) {
    if (i > 0) s += Below(r, 8) == 0 ? ", " : " ";
    s += Pick(r, kNoteWords);
  }
  s[0] = static_cast<char>(s[0] >= 'a' && s[0] <= 'z' ? s[0] - 'a' + 'A' : s[0]);
  return s + ".";
}

std::string Sku(Rng& r) {
  switch (Below(r, 3)) {
    case 0:
      return "SKU-" + Digits(r, 5) + "-" + std::string(Pick(r, {"BL", "RD", "GR", "XL", "SM"}));
    case 1:
      return Upper(r, 2) + "-" + Digits(r, 4) + "-" + std::string(Pick(r, {"S", "M", "L", "XL"}));
    default:
      return Upper(r, 3) + Digits(r, 6);
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

bool IsInteger(Kind k) {
  return k == Kind::kId || k == Kind::kQuantity || k == Kind::kInvoiceNo;
}

// --- CSV and JSON writing ---------------------------------------------------------------------

void AppendCsvField(std::string_view v, std::string* out) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(v);
    return;
  }
  *out += '"';
  for (char c : v) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

// --- Table templates --------------------------------------------------------------------------

using Columns = std::vector<ColumnSpec>;

ColumnSpec Col(std::string name, Kind kind, int style = 0) {
  return ColumnSpec{std::move(name), kind, style, true};
}
ColumnSpec IdCol(std::string name) {
  return ColumnSpec{std::move(name), Kind::kId, 0, false};
}
std::string Name(Rng& r, std::initializer_list<std::string_view> names) {
  return std::string(Pick(r, names));
}

struct Template {
  std::string_view name;
  Columns (*make)(Rng&);
};

// Each template is a table a data platform really holds; the decoys sit where they occur in
// practice (order numbers next to card numbers, hire dates next to SSNs).
const std::vector<Template>& Templates() {
  static const std::vector<Template> kTemplates = {
      {"customers",
       [](Rng& r) {
         return Columns{
             IdCol("customer_id"),
             Col("first_name", Kind::kFirstName),
             Col("last_name", Kind::kLastName),
             Col(Name(r, {"email", "email_address", "contact_email"}), Kind::kEmail),
             Col(Name(r, {"phone", "phone_number", "mobile"}), Kind::kPhoneNanp, Between(r, 0, 5)),
             Col(Name(r, {"dob", "date_of_birth", "birth_date"}), Kind::kDob, Between(r, 0, 1)),
             Col("city", Kind::kCity),
             Col("country", Kind::kCountry),
             Col(Name(r, {"created", "created_at"}), Kind::kEventDate),
             Col("notes", Kind::kNotes)};
       }},
      {"payments",
       [](Rng& r) {
         return Columns{
             IdCol("payment_id"),
             Col(Name(r, {"card_number", "cc_number", "card"}), Kind::kCard, Between(r, 0, 3)),
             Col("amount", Kind::kAmount),
             Col("currency", Kind::kCurrency),
             Col("order_id", Kind::kOrderId),
             Col(Name(r, {"created_at", "paid_at"}), Kind::kEventTimestamp),
             Col("status", Kind::kStatus),
             Col("customer_email", Kind::kEmail)};
       }},
      {"patients",
       [](Rng& r) {
         return Columns{
             IdCol("patient_id"),
             Col(Name(r, {"mrn", "medical_record_number"}), Kind::kMrn, Between(r, 0, 2)),
             Col("full_name", Kind::kFullName),
             Col(Name(r, {"dob", "date_of_birth", "birth_date"}), Kind::kDob, Between(r, 0, 1)),
             Col("ssn", Kind::kSsn, Between(r, 0, 1)),
             Col("diagnosis_code", Kind::kIcd10),
             Col("condition", Kind::kHealthTerm, Between(r, 0, 1)),
             Col("phone", Kind::kPhoneNanp, Between(r, 0, 5)),
             Col("admitted_on", Kind::kEventDate),
             Col("notes", Kind::kNotes)};
       }},
      {"employees",
       [](Rng& r) {
         return Columns{
             IdCol("employee_id"),
             Col("full_name", Kind::kFullName),
             Col(Name(r, {"ssn", "social_security_number"}), Kind::kSsn, Between(r, 0, 1)),
             Col("hire_date", Kind::kHireDate),
             Col("drivers_license", Kind::kDriversLicense),
             Col("passport_number", Kind::kPassport),
             Col("work_email", Kind::kEmail),
             Col("salary", Kind::kAmount)};
       }},
      {"bank_accounts",
       [](Rng& r) {
         return Columns{IdCol("account_id"),
                        Col(Name(r, {"iban", "account_iban"}), Kind::kIban, Between(r, 0, 2)),
                        Col("full_name", Kind::kFullName),
                        Col("currency", Kind::kCurrency),
                        Col("balance", Kind::kAmount),
                        Col("created", Kind::kEventDate),
                        Col("country", Kind::kCountry)};
       }},
      {"payroll",
       [](Rng& r) {
         bool split = Below(r, 2) == 0;  // first_name alone, or full_name
         return Columns{
             IdCol("employee_id"),
             Col(split ? "first_name" : "full_name", split ? Kind::kFirstName : Kind::kFullName),
             Col("iban", Kind::kIban, Between(r, 0, 2)),
             Col("ssn", Kind::kSsn, Between(r, 0, 1)),
             Col("net_pay", Kind::kAmount),
             Col("currency", Kind::kCurrency),
             Col("pay_date", Kind::kEventDate),
             Col("invoice_no", Kind::kInvoiceNo)};
       }},
      {"access_logs",
       [](Rng& r) {
         return Columns{
             IdCol("request_id"),
             Col(Name(r, {"client_ip", "ip_address", "remote_addr"}), Kind::kIp, Between(r, 0, 2)),
             Col("timestamp", Kind::kEventTimestamp),
             Col("status", Kind::kStatus),
             Col("bytes", Kind::kQuantity),
             Col("client_version", Kind::kVersion),
             Col(Name(r, {"token", "session_token", "auth_token"}), Kind::kJwt)};
       }},
      {"service_accounts",
       [](Rng& r) {
         return Columns{IdCol("id"),
                        Col(Name(r, {"aws_access_key_id", "access_key_id"}), Kind::kAwsKey),
                        Col(Name(r, {"key", "private_key"}), Kind::kPrivateKey),
                        Col("public_key", Kind::kPublicKey),
                        Col(Name(r, {"token", "api_token"}), Kind::kJwt),
                        Col("created", Kind::kEventDate),
                        Col("description", Kind::kNotes)};
       }},
      {"deploy_keys",
       [](Rng&) {
         return Columns{IdCol("id"),
                        Col("product_name", Kind::kProductName),
                        Col("key", Kind::kPrivateKey),
                        Col("public_key", Kind::kPublicKey),
                        Col("aws_access_key_id", Kind::kAwsKey),
                        Col("created_at", Kind::kEventTimestamp)};
       }},
      {"shipments",  // decoys only: nothing may fire
       [](Rng& r) {
         return Columns{Col("order_id", Kind::kOrderId),
                        Col("part_no", Kind::kPartNo, Between(r, 0, 3)),
                        Col("shipped_at", Kind::kEventTimestamp),
                        Col("invoice_no", Kind::kInvoiceNo),
                        Col("sku", Kind::kSku),
                        Col("notes", Kind::kNotes),
                        Col("total", Kind::kAmount),
                        Col("quantity", Kind::kQuantity),
                        Col("created", Kind::kEventDate),
                        Col("delivery_date", Kind::kEventDate)};
       }},
      {"marketplace",
       [](Rng&) {
         return Columns{IdCol("listing_id"),
                        Col("product_name", Kind::kProductName),
                        Col("item_condition", Kind::kItemCondition),
                        Col("sku", Kind::kSku),
                        Col("price", Kind::kAmount),
                        Col("seller_email", Kind::kEmail),
                        Col("city", Kind::kCity),
                        Col("created", Kind::kEventDate),
                        Col("quantity", Kind::kQuantity)};
       }},
      {"travel",
       [](Rng& r) {
         return Columns{
             IdCol("booking_id"),
             Col("full_name", Kind::kFullName),
             Col("passport_number", Kind::kPassport),
             Col(Name(r, {"birth_date", "date_of_birth"}), Kind::kDob, Between(r, 0, 1)),
             Col(Name(r, {"phone", "contact_phone"}), Kind::kPhoneIntl, Between(r, 0, 2)),
             Col("email", Kind::kEmail),
             Col("invoice_no", Kind::kInvoiceNo),
             Col("fare", Kind::kAmount),
             Col("nationality", Kind::kCountry)};
       }},
      {"claims",
       [](Rng& r) {
         return Columns{
             IdCol("claim_id"),
             Col(Name(r, {"mrn", "medical_record_number"}), Kind::kMrn, Between(r, 0, 2)),
             Col("diagnosis_code", Kind::kIcd10),
             Col("condition", Kind::kHealthTerm, Between(r, 0, 1)),
             Col("card_number", Kind::kCard, Between(r, 0, 3)),
             Col("amount", Kind::kAmount),
             Col("invoice_no", Kind::kInvoiceNo),
             Col("service_date", Kind::kEventDate)};
       }},
      {"devices",
       [](Rng& r) {
         return Columns{IdCol("device_id"),
                        Col("ip_address", Kind::kIp, Between(r, 1, 2)),
                        Col("firmware_version", Kind::kVersion),
                        Col("part_no", Kind::kPartNo, Between(r, 0, 3)),
                        Col("shipped_at", Kind::kEventTimestamp),
                        Col("sku", Kind::kSku),
                        Col("notes", Kind::kNotes)};
       }},
      {"rentals",
       [](Rng& r) {
         return Columns{IdCol("rental_id"),
                        Col("full_name", Kind::kFullName),
                        Col("drivers_license", Kind::kDriversLicense),
                        Col(Name(r, {"dob", "date_of_birth"}), Kind::kDob, Between(r, 0, 1)),
                        Col("phone", Kind::kPhoneNanp, Between(r, 0, 5)),
                        Col("card_number", Kind::kCard, Between(r, 0, 3)),
                        Col("pickup_at", Kind::kEventTimestamp),
                        Col("city", Kind::kCity),
                        Col("total", Kind::kAmount)};
       }},
  };
  return kTemplates;
}

// JSON Lines tables nest some fields, as APIs write them; the scanner reports dotted paths.
void NestForJson(Columns* columns) {
  for (ColumnSpec& c : *columns) {
    switch (c.kind) {
      case Kind::kEmail:
      case Kind::kPhoneNanp:
      case Kind::kPhoneIntl:
        c.name = "contact." + c.name;
        break;
      case Kind::kCard:
        c.name = "payment." + c.name;
        break;
      case Kind::kJwt:
      case Kind::kAwsKey:
        c.name = "auth." + c.name;
        break;
      default:
        break;
    }
  }
}

}  // namespace

std::string_view ExpectedDetector(Kind kind) {
  switch (kind) {
    case Kind::kEmail:
      return "email";
    case Kind::kPhoneNanp:
    case Kind::kPhoneIntl:
      return "phone";
    case Kind::kSsn:
      return "ssn";
    case Kind::kCard:
      return "card";
    case Kind::kIban:
      return "iban";
    case Kind::kIp:
      return "ip";
    case Kind::kDob:
      return "dob";
    case Kind::kFirstName:
    case Kind::kLastName:
    case Kind::kFullName:
      return "person_name";
    case Kind::kPassport:
      return "passport";
    case Kind::kDriversLicense:
      return "drivers_license";
    case Kind::kMrn:
      return "mrn";
    case Kind::kIcd10:
      return "icd10";
    case Kind::kHealthTerm:
      return "health_term";
    case Kind::kAwsKey:
      return "aws_key";
    case Kind::kPrivateKey:
      return "private_key";
    case Kind::kJwt:
      return "jwt";
    default:
      return "";
  }
}

std::string Generator::Value(const ColumnSpec& spec, std::uint64_t row) {
  Rng& r = rng_;
  switch (spec.kind) {
    case Kind::kEmail:
      return Email(r);
    case Kind::kPhoneNanp:
      return PhoneNanp(r, spec.style);
    case Kind::kPhoneIntl:
      return PhoneIntl(r, spec.style);
    case Kind::kSsn:
      return Ssn(r, spec.style);
    case Kind::kCard:
      return Card(r, spec.style);
    case Kind::kIban:
      return Iban(r, spec.style);
    case Kind::kIp:
      return spec.style == 1 || (spec.style == 2 && Below(r, 5) == 0) ? Ipv6(r) : Ipv4(r);
    case Kind::kDob:
      return Dob(r, spec.style);
    case Kind::kFirstName:
      return FirstName(r);
    case Kind::kLastName:
      return LastName(r);
    case Kind::kFullName: {
      std::string first = FirstName(r);
      if (Below(r, 6) == 0) first += " " + Upper(r, 1) + ".";
      return first + " " + LastName(r);
    }
    case Kind::kPassport:
      return std::to_string(Between(r, 1, 9)) + Digits(r, 8);
    case Kind::kDriversLicense:
      return DriversLicense(r);
    case Kind::kMrn: {
      // Hospitals zero-pad their MRNs to a fixed width; numbers fill most of it.
      static constexpr int kWidths[] = {7, 8, 10};
      static constexpr std::uint64_t kLimits[] = {10000000, 100000000, 10000000000};
      return Pad(Below(r, kLimits[spec.style % 3]), kWidths[spec.style % 3]);
    }
    case Kind::kIcd10:
      return std::string(Pick(r, kIcd10));
    case Kind::kHealthTerm: {
      std::string term(Pick(r, kHealthTerms));
      return spec.style == 1 ? Lower(term) : term;
    }
    case Kind::kAwsKey:
      return AwsKey(r);
    case Kind::kPrivateKey:
      return PrivateKey(r);
    case Kind::kJwt:
      return Jwt(r);
    case Kind::kId:
      return std::to_string(row + 1);
    case Kind::kOrderId:
      return OrderId(r);
    case Kind::kPartNo:
      return PartNo(r, spec.style);
    case Kind::kEventDate:
      return Iso(Date(r, 2010, 2031));
    case Kind::kEventTimestamp:
      return Timestamp(r);
    case Kind::kHireDate:
      return Iso(Date(r, 1985, 2025));
    case Kind::kInvoiceNo:
      return std::to_string(Between(r, 100000000, 999999999));
    case Kind::kNotes:
      return Notes(r);
    case Kind::kSku:
      return Sku(r);
    case Kind::kAmount:
      return std::to_string(Below(r, 100000)) + "." + Pad(Below(r, 100), 2);
    case Kind::kQuantity:
      return std::to_string(Between(r, 1, 500));
    case Kind::kStatus:
      return std::string(Pick(r, kStatuses));
    case Kind::kCountry:
      return std::string(Pick(r, kCountries));
    case Kind::kCurrency:
      return std::string(Pick(r, {"USD", "EUR", "GBP", "CAD", "JPY"}));
    case Kind::kCity:
      return std::string(Pick(r, kCities));
    case Kind::kProductName:
      return std::string(Pick(r, kProducts));
    case Kind::kItemCondition:
      return std::string(Pick(r, kConditions));
    case Kind::kVersion:
      return Version(r);
    case Kind::kPublicKey:
      return PublicKey(r);
  }
  return "";
}

void Generator::AppendCsvHeader(const std::vector<ColumnSpec>& columns, std::string* out) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) *out += ',';
    AppendCsvField(columns[i].name, out);
  }
  *out += '\n';
}

void Generator::AppendCsvRow(const std::vector<ColumnSpec>& columns, std::uint64_t row,
                             double null_rate, std::string* out) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) *out += ',';
    if (columns[i].nullable && Unit(rng_) < null_rate) continue;  // empty field: null
    AppendCsvField(Value(columns[i], row), out);
  }
  *out += '\n';
}

void Generator::AppendJsonRow(const std::vector<ColumnSpec>& columns, std::uint64_t row,
                              double null_rate, std::string* out) {
  nlohmann::ordered_json obj = nlohmann::ordered_json::object();
  for (const ColumnSpec& c : columns) {
    std::size_t dot = c.name.find('.');
    nlohmann::ordered_json& parent = dot == std::string::npos ? obj : obj[c.name.substr(0, dot)];
    std::string key = dot == std::string::npos ? c.name : c.name.substr(dot + 1);
    if (c.nullable && Unit(rng_) < null_rate) {
      if (Below(rng_, 2) == 0) parent[key] = nullptr;  // else absent: also null to a scanner
      if (parent.is_null()) parent = nlohmann::ordered_json::object();
      continue;
    }
    std::string v = Value(c, row);
    if (IsInteger(c.kind)) {
      parent[key] = std::stoll(v);
    } else if (c.kind == Kind::kAmount) {
      parent[key] = std::stod(v);
    } else {
      parent[key] = v;
    }
  }
  *out += obj.dump();
  *out += '\n';
}

std::vector<EvalTable> MakeEvalSet(const EvalSetOptions& options) {
  Generator gen(options.seed);
  Rng& r = gen.rng();
  const std::vector<Template>& templates = Templates();
  std::vector<EvalTable> tables;
  // The JSON Lines tables use the templates whose fields APIs commonly nest.
  static constexpr std::size_t kJsonTemplates[] = {0, 1, 2, 3, 6, 7};
  int total = options.csv_tables + options.jsonl_tables;
  for (int t = 0; t < total; ++t) {
    bool jsonl = t >= options.csv_tables;
    std::size_t which = jsonl ? kJsonTemplates[static_cast<std::size_t>(t - options.csv_tables) %
                                               std::size(kJsonTemplates)]
                              : static_cast<std::size_t>(t) % templates.size();
    Columns columns = templates[which].make(r);
    if (jsonl) NestForJson(&columns);
    // Mixed column orders: a scanner must not depend on where a column sits.
    for (std::size_t i = columns.size(); i > 1; --i)
      std::swap(columns[i - 1], columns[Below(r, i)]);

    EvalTable table;
    table.name = std::string(templates[which].name) + "_" + Pad(static_cast<std::uint64_t>(t), 2);
    table.format = jsonl ? tabular::Format::kJsonl : tabular::Format::kCsv;
    table.rows = options.min_rows + Below(r, options.max_rows - options.min_rows + 1);
    for (const ColumnSpec& c : columns) {
      table.columns.push_back({c.name, std::string(ExpectedDetector(c.kind))});
    }
    if (!jsonl) Generator::AppendCsvHeader(columns, &table.text);
    for (std::size_t row = 0; row < table.rows; ++row) {
      if (jsonl) {
        gen.AppendJsonRow(columns, row, options.null_rate, &table.text);
      } else {
        gen.AppendCsvRow(columns, row, options.null_rate, &table.text);
      }
    }
    tables.push_back(std::move(table));
  }
  return tables;
}

// --- Validators -------------------------------------------------------------------------------

std::string DigitsOf(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (c >= '0' && c <= '9') d += c;
  }
  return d;
}

bool LuhnValid(std::string_view digits) {
  if (digits.size() < 2) return false;
  return LuhnCheckDigit(digits.substr(0, digits.size() - 1)) == digits.back();
}

bool IbanValid(std::string_view iban) {
  std::string s;
  for (char c : iban) {
    if (c != ' ') s += c;
  }
  if (s.size() < 15 || s.size() > 34) return false;
  return Mod97(s.substr(4) + s.substr(0, 4)) == 1;
}

bool SsnValid(std::string_view ssn) {
  std::string d = DigitsOf(ssn);
  if (d.size() != 9) return false;
  int area = std::stoi(d.substr(0, 3)), group = std::stoi(d.substr(3, 2)),
      serial = std::stoi(d.substr(5));
  return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
}

bool NanpValid(std::string_view d) {
  if (d.size() != 10 || DigitsOf(d) != d) return false;
  auto ok = [](std::string_view c) { return c[0] >= '2' && !(c[1] == '1' && c[2] == '1'); };
  return ok(d.substr(0, 3)) && ok(d.substr(3, 3));
}

}  // namespace sluice::scan_eval
