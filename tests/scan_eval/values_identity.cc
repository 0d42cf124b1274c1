// Identity values of the evaluation set: first, last and full names, SSNs, US passport and
// driver's licence numbers, birth dates; and their decoys, 9-digit invoice numbers and dates
// that are not birth dates (events, hires, timestamps).
#include <cstdio>
#include <string>

#include "scan_eval/eval_set.h"
#include "scan_eval/values.h"

namespace sluice::scan_eval {
namespace values {

namespace {

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
  char buf[48];  // room for any int, so the compiler sees no truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", v.y, v.m, v.d);
  return buf;
}

}  // namespace

std::string FirstName(Rng& r) {
  return std::string(Pick(r, kFirstNames));
}
std::string LastName(Rng& r) {
  return std::string(Pick(r, kLastNames));
}

std::string FullName(Rng& r) {
  std::string first = FirstName(r);
  if (Below(r, 6) == 0) first += " " + Upper(r, 1) + ".";
  return first + " " + LastName(r);
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

std::string InvoiceNo(Rng& r) {
  return std::to_string(Between(r, 100000000, 999999999));
}

std::string Passport(Rng& r) {
  return std::to_string(Between(r, 1, 9)) + Digits(r, 8);
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

std::string Dob(Rng& r, int style) {
  Ymd v = Date(r, 1930, 2007);
  if (style == 1) {
    char buf[48];  // room for any int, so the compiler sees no truncation
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", v.m, v.d, v.y);
    return buf;
  }
  return Iso(v);
}

std::string EventDate(Rng& r) {
  return Iso(Date(r, 2010, 2031));
}

std::string HireDate(Rng& r) {
  return Iso(Date(r, 1985, 2025));
}

std::string Timestamp(Rng& r) {
  char buf[32];
  Ymd v = Date(r, 2015, 2030);
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", v.y, v.m, v.d, Between(r, 0, 23),
                Between(r, 0, 59), Between(r, 0, 59));
  return buf;
}

}  // namespace values

bool SsnValid(std::string_view ssn) {
  std::string d = DigitsOf(ssn);
  if (d.size() != 9) return false;
  int area = std::stoi(d.substr(0, 3)), group = std::stoi(d.substr(3, 2)),
      serial = std::stoi(d.substr(5));
  return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
}

}  // namespace sluice::scan_eval
