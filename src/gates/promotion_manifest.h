// PromotionManifest: the bundle's optional `promotion.yaml`, where the author of a promotion
// states what the data must satisfy (expectation suites per asset), extra metric rules, and
// which schema changes are intended (docs/gates.md has the format):
//
//   apiVersion: sluice/v1
//   expectations:
//     customers:
//       file: customers.csv
//       row_count: {min: 1, max: 1000000}
//       columns:
//         email: {not_null: true, unique: true, regex: '^[^@]+@[^@.]+\..+$'}
//         age: {range: {min: 0, max: 130}}
//         status: {allowed: [active, closed], max_null_fraction: 0.1}
//   metrics:
//     auc: {min: 0.7, max_regression: 0.02, higher_is_better: true}
//   breaking: [customers]
//
// Parsing is strict: an unknown key, a value of the wrong type, an invalid regex, min > max, a
// fraction outside [0, 1] are errors, because a misspelt check that is silently dropped is a
// check that silently passes. Everything is bounded (see the k* limits below) so a hostile file
// costs little to reject.
//
// Thread-safety: pure functions; the structs are plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "platform/model.h"

namespace sluice::gates {

inline constexpr std::string_view kPromotionManifestName = "promotion.yaml";
inline constexpr std::string_view kPromotionManifestApiVersion = "sluice/v1";

inline constexpr size_t kMaxManifestBytes = 1 << 20;
inline constexpr size_t kMaxSuites = 1000;
inline constexpr size_t kMaxColumnsPerSuite = 1000;
inline constexpr size_t kMaxAllowedValues = 10000;
inline constexpr size_t kMaxMetricRules = 1000;
// Nodes visited in total, aliases expanded (a guard against "billion laughs" files).
inline constexpr size_t kMaxManifestNodes = 200000;

struct NumericRange {
  std::optional<double> min;  // inclusive
  std::optional<double> max;  // inclusive
};

// The checks on one column. Nulls (the empty CSV field, JSON null, a JSON Lines row without the
// column) are counted by not_null and max_null_fraction and skipped by every other check.
struct ColumnExpectation {
  std::string column;  // as in the file; nested JSON fields as dotted paths ("address.city")
  bool not_null = false;
  bool unique = false;
  // Values must equal one of these, compared as text exactly as written.
  std::optional<std::vector<std::string>> allowed;
  // Values must be numbers within the range.
  std::optional<NumericRange> range;
  // Values must match the whole pattern (ECMAScript; see regex_matcher.h).
  std::optional<std::string> regex;
  // Nulls / rows must not exceed this, in [0, 1].
  std::optional<double> max_null_fraction;
  platform::SourcePos pos;  // where its key is written in promotion.yaml
};

struct ExpectationSuite {
  std::string asset;
  // A path relative to the asset's directory; nullopt checks every tabular file of the asset.
  std::optional<std::string> file;
  std::optional<uint64_t> min_rows;
  std::optional<uint64_t> max_rows;
  std::vector<ColumnExpectation> columns;  // file order
  platform::SourcePos pos;                 // where its key is written in promotion.yaml
};

struct PromotionManifest {
  std::vector<ExpectationSuite> expectations;  // file order; one per asset
  std::vector<platform::MetricRule> metrics;   // file order
  std::set<std::string> breaking;              // assets whose schema change is intended

  // The suite for `asset`, or nullptr. Valid while the manifest is not modified.
  const ExpectationSuite* FindSuite(std::string_view asset) const;
};

// Parses promotion.yaml text. kInvalidArgument listing every error found (up to 20), each as
// "promotion.yaml:LINE:COLUMN: key.path: what is wrong", one per line.
Result<PromotionManifest> ParsePromotionManifest(std::string_view yaml_text);

}  // namespace sluice::gates
