// Synthetic sensitive values for the scanner's tests and quick benchmarks: each generator
// produces values that a real system would hold (valid check digits, valid area codes), and
// each decoy generator values that only look like them.
//
// Thread-safety: a TestData is one random stream; use one per thread.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace sluice::scan::testing {

class TestData {
 public:
  explicit TestData(uint64_t seed = 42) : rng_(seed) {}

  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <size_t N>
  std::string_view Pick(const std::string_view (&options)[N]) {
    return options[static_cast<size_t>(Uniform(0, static_cast<int>(N) - 1))];
  }
  std::string Digits(size_t n);

  // Real-looking values.
  std::string Email();
  std::string Phone();  // NANP in several formats, valid area code and exchange
  std::string Ssn();
  std::string Card();  // Visa, Mastercard, Amex or Discover with a Luhn check digit
  std::string Iban();
  std::string Ipv4();
  std::string Ipv6();
  std::string BirthDate();
  std::string FirstName();
  std::string LastName();
  std::string FullName();
  std::string Passport();
  std::string DriversLicense();
  std::string Mrn();
  std::string Icd10();
  std::string Condition();
  std::string AwsKey();
  std::string PrivateKey();
  std::string Jwt();

  // Decoys.
  std::string LuhnOrderNumber();  // 16 digits, Luhn-valid, any prefix
  std::string PartNumber();       // ddd-ddd-dddd with an invalid NANP area code
  std::string RecentDate();       // an event date in 2019-2024
  std::string FutureDate();
  std::string ProductName();
  std::string Sku();
  std::string Amount();
  std::string Uuid();

  // Completes `digits` (without a check digit) with its Luhn check digit.
  static std::string WithLuhnDigit(std::string digits);
  // The IBAN for a country and BBAN, with its check digits.
  static std::string MakeIban(std::string_view country, std::string_view bban);
  static std::string Base64Url(std::string_view bytes);

 private:
  std::mt19937_64 rng_;
};

}  // namespace sluice::scan::testing
