// ColumnChecker: one column's expectations (not_null, unique, allowed, range, regex,
// max_null_fraction) evaluated over its values one at a time, so a file of any length is checked
// in one streaming pass. The file readers (expectations.cc) feed it; it knows nothing of CSV or
// JSON Lines beyond the Cell they hand over.
//
// Memory: constant per column, except the unique check, which keeps every distinct value (exact
// answers need that). It is bounded twice: at most `max_unique_values` distinct values per
// column, and a UniqueBudget of bytes shared by all columns of one file; past either bound the
// set is freed and the check fails with "too many values to check uniqueness" instead of growing
// without limit.
//
// Ownership: borrows the ColumnExpectation and the UniqueBudget, which must outlive it.
// Thread-safety: none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "gates/promotion_manifest.h"
#include "gates/regex_matcher.h"

namespace sluice::gates {

// One value of a column as the file gives it.
struct Cell {
  std::string_view text;
  bool null = false;
  // The file's format says this value is a number (a numeric CSV field; a JSON number). Only
  // numbers can satisfy a range.
  bool numeric = false;
};

// Hashing for string sets looked up by string_view without building a string per lookup.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

struct UniqueBudget {
  size_t bytes_left = 0;
};

class ColumnChecker {
 public:
  // Approximate bytes one distinct value costs besides its text (hash node and bucket).
  static constexpr size_t kUniqueOverheadBytes = 64;

  // kInvalidArgument if the expectation's regex does not compile (ParsePromotionManifest has
  // checked it; suites built in code have not).
  static Result<ColumnChecker> Make(const ColumnExpectation& spec, size_t max_unique_values,
                                    UniqueBudget* budget);

  // The next row's value. `line` is the 1-based line of the file it is on.
  void Add(uint64_t line, const Cell& cell);

  // Marks the column as present in the file (a column never marked is reported as absent).
  void MarkPresent() { present_ = true; }

  // Appends this column's findings to `messages` (violations only) and returns the numbers
  // measured; false in *passed if any check failed. `rows` is the number of rows read.
  nlohmann::json Finish(uint64_t rows, std::vector<std::string>& messages, bool* passed) const;

 private:
  struct Violation {
    uint64_t count = 0;
    uint64_t first_line = 0;
    std::string first_value;  // already quoted for a message
  };

  ColumnChecker(const ColumnExpectation& spec, std::optional<RegexMatcher> regex,
                size_t max_unique_values, UniqueBudget* budget);

  static void Record(Violation& v, uint64_t line, std::string_view value);
  void CheckUnique(uint64_t line, std::string_view value);

  const ColumnExpectation* spec_;
  std::optional<RegexMatcher> regex_;
  StringSet allowed_;
  size_t max_unique_values_;
  UniqueBudget* budget_;

  bool present_ = false;
  uint64_t nulls_ = 0;
  uint64_t values_ = 0;  // non-null
  Violation not_null_, unique_, allowed_violation_, range_, regex_violation_;
  uint64_t not_numbers_ = 0;        // counted in range_ too
  uint64_t too_long_to_match_ = 0;  // counted in regex_violation_ too
  StringSet seen_;
  size_t seen_bytes_ = 0;
  bool unique_overflow_ = false;
};

}  // namespace sluice::gates
