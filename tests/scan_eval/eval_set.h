// A labelled evaluation set for the sensitive-data scanner (src/scan, issue 8): synthetic tables
// whose sensitive columns are known, next to decoys that look sensitive and are not, so that
// each detector's precision and recall can be measured rather than asserted on a handful of
// hand-picked values.
//
// Everything is generated from one seed (std::mt19937_64), so a failure reproduces exactly.
// Values are valid by the rules the scanner's validators are meant to check (Luhn and issuer
// prefixes, SSN area/group/serial, IBAN mod-97 with each country's length, NANP area and
// exchange codes, ...), and decoys are built to defeat a scanner that only matches shapes:
// Luhn-valid 16-digit order numbers without an issuer prefix, 9-digit invoice numbers, phone-
// shaped part numbers with impossible area codes, dates that are not birth dates.
//
// The bench (bench/scan) reuses the value generators to write its large CSV, so the figures
// there are measured on the same kind of data the precision/recall figures come from.
//
// Thread-safety: a Generator is not shared between threads; the free functions are pure.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tabular/format.h"

namespace sluice::scan_eval {

// The detector names of scanner.h, in its order.
inline constexpr std::array<std::string_view, 16> kDetectors = {
    "email", "phone", "ssn",         "card",     "iban",
    "ip",    "dob",   "person_name", "passport", "drivers_license",
    "mrn",   "icd10", "health_term", "aws_key",  "private_key",
    "jwt"};

// What a column holds. The first group should make a detector fire; the second are decoys and
// plain data that must not.
enum class Kind {
  kEmail,
  kPhoneNanp,  // North American numbers in one of several written styles
  kPhoneIntl,  // non-NANP numbers, E.164 or spaced international
  kSsn,
  kCard,
  kIban,
  kIp,
  kDob,
  kFirstName,
  kLastName,
  kFullName,
  kPassport,
  kDriversLicense,
  kMrn,
  kIcd10,
  kHealthTerm,
  kAwsKey,
  kPrivateKey,
  kJwt,
  // Decoys and ordinary data.
  kId,              // 1, 2, 3, ...
  kOrderId,         // 16 digits starting with 9 or 1, Luhn-valid: no card issuer uses them
  kPartNo,          // 555-0123-99, or 10 digits whose "area code" is 0xx/1xx
  kEventDate,       // dates 2010-2031 (future ones included): created, shipped, hired
  kEventTimestamp,  // RFC 3339 timestamps of the same range
  kHireDate,        // 1985-2025: in a birth date's range, but not one
  kInvoiceNo,       // 9 digits: an SSN's shape without its meaning
  kNotes,           // free text
  kSku,
  kAmount,
  kQuantity,
  kStatus,
  kCountry,
  kCurrency,
  kCity,  // real US cities, several of which are also first names or surnames
  kProductName,
  kItemCondition,  // new / used / refurbished: "condition" that is not a health term
  kVersion,        // 2.14.3 or 10.0.19045.3803: dotted numbers that are not IPv4
  kPublicKey,      // a PEM public key: a PEM header that is not a secret
};

// The detector a column of this kind must get, "" when none must fire.
std::string_view ExpectedDetector(Kind kind);

// One column of a table to generate. `style` picks a written form where the kind has several
// (phone formats, card separators, IBAN print form, date formats, IP versions); a column keeps
// one style, as real columns do, except where the style itself says "mixed".
struct ColumnSpec {
  std::string name;  // dotted ("contact.email") nests the value one level in JSON Lines
  Kind kind = Kind::kId;
  int style = 0;
  bool nullable = true;  // cells are empty (CSV) or null/absent (JSON Lines) at the null rate
};

struct ColumnTruth {
  std::string name;      // as the scanner reports it (dotted for nested JSON fields)
  std::string detector;  // the detector that must fire, "" when none
};

struct EvalTable {
  std::string name;  // "patients_07": template and index, for messages
  tabular::Format format = tabular::Format::kCsv;
  std::string text;  // the whole file
  std::size_t rows = 0;
  std::vector<ColumnTruth> columns;  // in file order
};

struct EvalSetOptions {
  std::uint64_t seed = 20261126;
  int csv_tables = 36;
  int jsonl_tables = 6;
  std::size_t min_rows = 200;
  std::size_t max_rows = 2000;
  double null_rate = 0.05;
};

// The labelled tables. Every detector is the truth of several columns, in more than one table.
std::vector<EvalTable> MakeEvalSet(const EvalSetOptions& options = {});

// Generates values and whole rows. Deterministic for a given seed.
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  // One value of `spec` (never null).
  std::string Value(const ColumnSpec& spec, std::uint64_t row);

  // Appends the header line of `columns` to *out.
  static void AppendCsvHeader(const std::vector<ColumnSpec>& columns, std::string* out);
  // Appends one CSV record (quoted as RFC 4180 requires) for row number `row`.
  void AppendCsvRow(const std::vector<ColumnSpec>& columns, std::uint64_t row, double null_rate,
                    std::string* out);
  // Appends one JSON Lines record; numeric kinds are JSON numbers, nulls are null or absent.
  void AppendJsonRow(const std::vector<ColumnSpec>& columns, std::uint64_t row, double null_rate,
                     std::string* out);

  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

// Validators, used by the test to prove the generated values are what they claim to be.
bool LuhnValid(std::string_view digits);      // digits only
bool IbanValid(std::string_view iban);        // print form (with spaces) accepted
bool SsnValid(std::string_view ssn);          // ddd-dd-dddd or 9 digits
bool NanpValid(std::string_view ten_digits);  // NPA-NXX-XXXX as 10 digits
// Only the digits of `s`.
std::string DigitsOf(std::string_view s);

}  // namespace sluice::scan_eval
