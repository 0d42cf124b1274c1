// The value generators of the evaluation set, by detector family, for eval_set.cc (the Generator
// dispatches each column Kind to one of them) and eval_tables.cc: the seeded draws every file
// shares, and one function per kind of value. values_network.cc (emails, phones, IPs and their
// decoys), values_identity.cc (names, SSNs, passports, licences, dates), values_finance.cc
// (cards, IBANs, order numbers), values_health.cc (MRNs, ICD-10 codes, health terms),
// values_secrets.cc (keys and tokens), values_plain.cc (ordinary columns: notes, SKUs, cities,
// amounts, ...).
//
// Not part of the eval_set.h API. Thread-safety: pure functions of the generator they are given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::scan_eval::values {

using Rng = std::mt19937_64;

// Our own draws instead of std::uniform_int_distribution, whose output is implementation-
// defined: the set must be the same with any standard library.
inline std::uint64_t Below(Rng& r, std::uint64_t n) {
  return r() % n;
}
inline int Between(Rng& r, int lo, int hi) {  // inclusive
  return lo + static_cast<int>(Below(r, static_cast<std::uint64_t>(hi - lo + 1)));
}
inline double Unit(Rng& r) {
  return static_cast<double>(r() >> 11) * 0x1.0p-53;
}
template <typename T>
const T& Pick(Rng& r, const std::vector<T>& v) {
  return v[Below(r, v.size())];
}
inline std::string_view Pick(Rng& r, std::initializer_list<std::string_view> v) {
  return *(v.begin() + Below(r, v.size()));
}
inline char Digit(Rng& r) {
  return static_cast<char>('0' + Below(r, 10));
}
inline std::string Digits(Rng& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += Digit(r);
  return s;
}
inline std::string Upper(Rng& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('A' + Below(r, 26));
  return s;
}
inline std::string Pad(std::uint64_t v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width)
    s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return s;
}
inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Network (values_network.cc).
std::string Email(Rng& r);
std::string PhoneNanp(Rng& r, int style);  // style 0-4: one written form; 5: mixed
std::string PhoneIntl(Rng& r, int style);  // 0: spaced, 1: E.164, 2: mixed
std::string Ip(Rng& r, int style);         // 0: IPv4, 1: IPv6, 2: mostly IPv4
std::string PartNo(Rng& r, int style);     // decoy: phone-shaped part numbers
std::string Version(Rng& r);               // decoy: dotted numbers that are not IPv4

// Identity (values_identity.cc).
std::string FirstName(Rng& r);
std::string LastName(Rng& r);
std::string FullName(Rng& r);
std::string Ssn(Rng& r, int style);  // 0: ddd-dd-dddd, 1: 9 digits
std::string InvoiceNo(Rng& r);       // decoy: an SSN's shape without its meaning
std::string Passport(Rng& r);
std::string DriversLicense(Rng& r);
std::string Dob(Rng& r, int style);  // 0: ISO, 1: MM/DD/YYYY
std::string EventDate(Rng& r);       // decoy: 2010-2031
std::string HireDate(Rng& r);        // decoy: 1985-2025
std::string Timestamp(Rng& r);       // decoy: RFC 3339, 2015-2030

// Finance (values_finance.cc).
std::string Card(Rng& r, int style);  // 0: plain, 1: spaced, 2: dashed, 3: mixed
std::string Iban(Rng& r, int style);  // 0: electronic, 1: print form, 2: mixed
std::string OrderId(Rng& r);          // decoy: Luhn-valid, no issuer
char LuhnCheckDigit(std::string_view payload);
int Mod97(std::string_view s);

// Health (values_health.cc).
std::string Mrn(Rng& r, int style);  // zero-padded to 7, 8 or 10 digits
std::string Icd10(Rng& r);
std::string HealthTerm(Rng& r, int style);  // 1: lower case
std::string ItemCondition(Rng& r);          // decoy: "condition" that is not a health term

// Secrets (values_secrets.cc).
std::string AwsKey(Rng& r);
std::string PrivateKey(Rng& r);
std::string PublicKey(Rng& r);  // decoy: a PEM header that is not a secret
std::string Jwt(Rng& r);

// Ordinary data (values_plain.cc).
std::string Notes(Rng& r);
std::string Sku(Rng& r);
std::string Amount(Rng& r);
std::string Quantity(Rng& r);
std::string Status(Rng& r);
std::string Country(Rng& r);
std::string Currency(Rng& r);
std::string City(Rng& r);
std::string ProductName(Rng& r);

}  // namespace sluice::scan_eval::values
