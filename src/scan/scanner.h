// Scanner: knows what is in a table. One streaming pass over a CSV or JSON
// Lines file profiles every column (type, nulls, min and max, a HyperLogLog
// distinct estimate, top values) and finds sensitive columns with detectors
// that validate rather than merely match (issue 8; docs/scanning.md).
//
// Detection: a fast first pass flags candidates for every detector;
// validators (Luhn and issuer ranges, SSN area/group/serial rules, IBAN
// mod-97, ...) then run only on the flagged values. The first pass is
// Hyperscan over the raw bytes for the detectors found inside free text
// (email, AWS keys, private keys, JWTs: rare literals to anchor on), and a
// character-shape check of each short value for the numeric and code
// detectors (phone, SSN, card, IBAN, IP, ICD-10), which a full Hyperscan
// database over digit-heavy tables made several times slower. Past the first
// 10,000 values of a column validation is sampled (credentials excepted).
// A column's verdict comes from the share of its non-null values that
// validate plus its name as context (as Macie uses nearby keywords), with a
// confidence in [0, 1] (docs/scanning.md, "The verdict").
//
// Tags: "PII", "PHI", "PCI", "credential", and "detector:NAME" for the
// detector that fired (email, phone, ssn, card, iban, ip, dob, person_name,
// passport, drivers_license, mrn, icd10, health_term, aws_key, private_key,
// jwt). A report's classification is the union of its columns' PII, PHI, PCI
// and credential tags.
//
// Memory is bounded whatever the file's size: one record at a time plus
// constant state per column (HyperLogLog registers, a bounded top-values
// table); a file with more columns than ScanOptions::max_columns is an error.
//
// Ownership and thread-safety: a Scanner owns its compiled Hyperscan
// database and is immutable after Make; Scan may be called concurrently
// (each call allocates its own scratch space).
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "tabular/byte_source.h"
#include "tabular/format.h"
#include "tabular/table_schema.h"

namespace sluice::scan {

struct ScanOptions {
  // Skip (and count) malformed rows instead of failing at the first.
  bool skip_bad_rows = false;
  // The CSV delimiter; 0 detects it.
  char delimiter = 0;
  std::size_t max_columns = 10000;
  // Longest CSV record / JSON Lines line; longer is an error naming the line.
  std::size_t max_record_bytes = std::size_t{64} << 20;
  // Distinct values kept per column for top_values.
  std::size_t top_values = 5;
};

struct ColumnReport {
  std::string name;  // nested JSON fields as dotted paths
  tabular::ColumnType type = tabular::ColumnType::kString;
  std::uint64_t values = 0;  // non-null values
  std::uint64_t nulls = 0;
  double null_fraction = 0;
  std::optional<std::string> min, max;  // as text, ordered by the column's type
  std::uint64_t distinct_estimate = 0;  // HyperLogLog (error ~1.6%)
  // Most frequent values with counts; values of a sensitive column are
  // masked ("j***@example.com", "************1111").
  std::vector<std::pair<std::string, std::uint64_t>> top_values;
  std::vector<std::string> tags;  // sorted
  std::string detector;           // the detector behind the tags, "" when none
  double confidence = 0;          // of the detector's verdict, 0 when none
  std::uint64_t candidates = 0;   // values the first pass flagged for `detector`
  std::uint64_t validated = 0;    // of those, values its validator accepted
};

struct ScanReport {
  std::vector<ColumnReport> columns;        // file order
  std::vector<std::string> classification;  // union of PII/PHI/PCI/credential tags, sorted
  std::uint64_t rows = 0;
  std::uint64_t bad_rows = 0;
  std::uint64_t bytes = 0;
};

class Scanner {
 public:
  // Compiles the detectors' patterns (kInternal if Hyperscan refuses them,
  // a programming error; kFailedPrecondition on a CPU Hyperscan cannot run).
  static Result<std::unique_ptr<Scanner>> Make();
  virtual ~Scanner() = default;

  // Reads `source` to the end. Malformed input: kInvalidArgument naming the
  // line, unless options.skip_bad_rows. kResourceExhausted past the limits.
  virtual Result<ScanReport> Scan(tabular::ByteSource& source, tabular::Format format,
                                  const ScanOptions& options = {}) const = 0;

 protected:
  Scanner() = default;
};

// {"rows", "bad_rows", "bytes", "classification": [...], "columns": [{"name", "type", "tags",
//  "confidence", "detector", "null_fraction", "nulls", "values", "distinct_estimate", "min",
//  "max", "top_values": [{"value", "count"}], "candidates", "validated"}]}
nlohmann::json ToJson(const ScanReport& report);

}  // namespace sluice::scan
