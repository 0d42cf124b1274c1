// ColumnProfile: what one pass learns about one column's non-null values: the type (widened
// as tabular/value_types.h says), how many values, min and max ordered by that type, a
// HyperLogLog distinct estimate and the top values.
//
// The caller types each value (CsvFieldType or JsonValueType) and hashes it once (Hash64);
// is_string() lets it skip typing once the column has widened to string, which no value can
// narrow again. Min and max are kept for every ordering the final type might need: bytewise
// always; numerically while the column is integer/float; chronologically (UTC instants; a date
// is the start of its day, a timestamp without an offset is taken as UTC) while it is
// date/timestamp. Integer and float values are compared as doubles when mixed.
//
// Memory: constant (the sketches) plus the current min and max strings. Thread-safety: none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scan/hll.h"
#include "scan/top_values.h"
#include "tabular/table_schema.h"

namespace sluice::scan {

class ColumnProfile {
 public:
  bool is_string() const { return type_ == tabular::ColumnType::kString; }

  // A non-null value, its own type, and Hash64(value).
  void Add(std::string_view value, tabular::ColumnType type, uint64_t hash);
  // A non-null CSV field, typed here as tabular::CsvFieldType would (with a fast path for the
  // common small integers that also keeps their value for min and max).
  void AddCsv(std::string_view value, uint64_t hash);
  void Prefetch(uint64_t hash) const {
    hll_.Prefetch(hash);
    top_.Prefetch(hash);
  }
  // Values given to Add/AddCsv may be referred to (not copied) until Settle: the scanner settles
  // every column once per batch.
  void Settle() { top_.Settle(); }

  uint64_t values() const { return values_; }
  // nullopt until a value is seen.
  std::optional<tabular::ColumnType> type() const { return type_; }
  // By the column's type; nullopt without values.
  std::optional<std::string> Min() const;
  std::optional<std::string> Max() const;
  uint64_t DistinctEstimate() const;
  std::vector<std::pair<std::string, uint64_t>> Top(size_t n) const { return top_.Top(n); }

 private:
  struct Number {
    bool is_int = false;
    int64_t i = 0;
    double d = 0;
  };
  struct Instant {
    int64_t seconds = 0;
    int32_t nanos = 0;
    friend auto operator<=>(const Instant&, const Instant&) = default;
  };
  template <typename Key>
  struct Extremes {
    bool any = false;
    Key min_key{}, max_key{};
    std::string min_text, max_text;
  };

  static bool Less(const Number& a, const Number& b);
  void AddCommon(std::string_view value, uint64_t hash);
  void AddNumber(std::string_view value, const Number& n);
  void AddNumberText(std::string_view value, tabular::ColumnType type);
  void AddInstant(std::string_view value, tabular::ColumnType type);
  void AddTemporal(std::string_view value, const Instant& t);

  std::optional<tabular::ColumnType> type_;
  uint64_t values_ = 0;
  HyperLogLog hll_;
  TopValues top_;
  bool any_lexical_ = false;
  std::string lexical_min_, lexical_max_;
  // The first 8 bytes of lexical_min_/max_, big-endian and zero-padded: most comparisons are
  // decided by them without a memcmp.
  uint64_t lexical_min_prefix_ = 0, lexical_max_prefix_ = 0;
  Extremes<Number> numeric_;
  Extremes<Instant> temporal_;
  bool has_true_ = false;
  bool has_false_ = false;
};

}  // namespace sluice::scan
