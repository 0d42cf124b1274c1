#include "gates/column_checker.h"

#include <charconv>
#include <cmath>
#include <utility>

#include "gates/message_text.h"

namespace sluice::gates {
namespace {

std::string Column(const ColumnExpectation& spec) {
  return "column " + Quote(spec.column, 128);
}

std::string FirstAt(uint64_t line, const std::string& value) {
  std::string out = " (first at line " + std::to_string(line);
  if (!value.empty()) out += ": " + value;
  return out + ")";
}

std::string RangeText(const NumericRange& r) {
  if (r.min && r.max) return "outside [" + FormatNumber(*r.min) + ", " + FormatNumber(*r.max) + "]";
  if (r.min) return "below " + FormatNumber(*r.min);
  return "above " + FormatNumber(r.max.value_or(0));
}

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // Out of double's range is still a number: an integer beyond 1e308 is above any bound.
  if (ec == std::errc::result_out_of_range && ptr == text.data() + text.size()) {
    return text.front() == '-' ? -HUGE_VAL : HUGE_VAL;
  }
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

Result<ColumnChecker> ColumnChecker::Make(const ColumnExpectation& spec, size_t max_unique_values,
                                          UniqueBudget* budget) {
  std::optional<RegexMatcher> regex;
  if (spec.regex) {
    Result<RegexMatcher> compiled = RegexMatcher::Compile(*spec.regex);
    if (!compiled.ok()) {
      return InvalidArgument(Column(spec) + ": regex: " + compiled.status().message());
    }
    regex = std::move(compiled).value();
  }
  return ColumnChecker(spec, std::move(regex), max_unique_values, budget);
}

ColumnChecker::ColumnChecker(const ColumnExpectation& spec, std::optional<RegexMatcher> regex,
                             size_t max_unique_values, UniqueBudget* budget)
    : spec_(&spec),
      regex_(std::move(regex)),
      max_unique_values_(max_unique_values),
      budget_(budget) {
  if (spec.allowed) allowed_.insert(spec.allowed->begin(), spec.allowed->end());
}

void ColumnChecker::Record(Violation& v, uint64_t line, std::string_view value) {
  if (v.count++ == 0) {
    v.first_line = line;
    v.first_value = Quote(value);
  }
}

void ColumnChecker::CheckUnique(uint64_t line, std::string_view value) {
  if (unique_overflow_) return;
  if (seen_.find(value) != seen_.end()) {
    Record(unique_, line, value);
    return;
  }
  const size_t cost = value.size() + kUniqueOverheadBytes;
  if (seen_.size() >= max_unique_values_ || cost > budget_->bytes_left) {
    // Give the memory back (to the other columns too) and stop: an answer from part of the
    // column would be a guess.
    unique_overflow_ = true;
    budget_->bytes_left += seen_bytes_;
    seen_bytes_ = 0;
    StringSet().swap(seen_);
    return;
  }
  budget_->bytes_left -= cost;
  seen_bytes_ += cost;
  seen_.emplace(value);
}

void ColumnChecker::Add(uint64_t line, const Cell& cell) {
  if (cell.null) {
    ++nulls_;
    if (spec_->not_null && not_null_.count++ == 0) not_null_.first_line = line;
    return;
  }
  ++values_;
  const std::string_view value = cell.text;
  if (spec_->unique) CheckUnique(line, value);
  if (spec_->allowed && allowed_.find(value) == allowed_.end()) {
    Record(allowed_violation_, line, value);
  }
  if (spec_->range) {
    std::optional<double> number = cell.numeric ? ParseNumber(value) : std::nullopt;
    if (!number) {
      ++not_numbers_;
      Record(range_, line, value);
    } else if ((spec_->range->min && *number < *spec_->range->min) ||
               (spec_->range->max && *number > *spec_->range->max)) {
      Record(range_, line, value);
    }
  }
  if (regex_) {
    std::optional<bool> match = regex_->FullMatch(value);
    if (!match) ++too_long_to_match_;
    if (!match.value_or(false)) Record(regex_violation_, line, value);
  }
}

nlohmann::json ColumnChecker::Finish(uint64_t rows, std::vector<std::string>& messages,
                                     bool* passed) const {
  const ColumnExpectation& spec = *spec_;
  nlohmann::json m = {{"present", present_}};
  if (!present_) {
    messages.push_back(Column(spec) + " is not in the file");
    *passed = false;
    return m;
  }
  const double null_fraction = rows == 0 ? 0.0 : static_cast<double>(nulls_) / rows;
  m["nulls"] = nulls_;
  m["values"] = values_;
  m["null_fraction"] = null_fraction;
  nlohmann::json violations = nlohmann::json::object();
  const std::string of_values = " of " + std::to_string(values_) + " values";
  auto report = [&](const char* check, const Violation& v, const std::string& what) {
    violations[check] = v.count;
    if (v.count == 0) return;
    messages.push_back(Column(spec) + ": " + what + FirstAt(v.first_line, v.first_value));
    *passed = false;
  };
  if (spec.not_null) {
    report("not_null", not_null_,
           std::to_string(not_null_.count) + " of " + std::to_string(rows) + " values are null");
  }
  if (spec.unique) {
    if (unique_overflow_) {
      m["unique_checked"] = false;
      messages.push_back(Column(spec) + ": too many values to check uniqueness (more than " +
                         std::to_string(max_unique_values_) +
                         " distinct values, or out of memory budget); failed unchecked");
      *passed = false;
    }
    report("unique", unique_,
           std::to_string(unique_.count) + of_values + " repeat an earlier value");
  }
  if (spec.allowed) {
    report("allowed", allowed_violation_,
           std::to_string(allowed_violation_.count) + of_values + " are not allowed");
  }
  if (spec.range) {
    m["not_numbers"] = not_numbers_;
    std::string what = std::to_string(range_.count) + of_values + " " + RangeText(*spec.range);
    if (not_numbers_ > 0) what += " (" + std::to_string(not_numbers_) + " of them not numbers)";
    report("range", range_, what);
  }
  if (spec.regex) {
    m["too_long_to_match"] = too_long_to_match_;
    std::string what = std::to_string(regex_violation_.count) + of_values + " do not match " +
                       Quote(spec.regex.value_or(""), 128);
    if (too_long_to_match_ > 0) {
      what += " (" + std::to_string(too_long_to_match_) + " longer than " +
              std::to_string(RegexMatcher::kMaxValueBytes) + " bytes, not matched)";
    }
    report("regex", regex_violation_, what);
  }
  if (spec.max_null_fraction && null_fraction > *spec.max_null_fraction) {
    messages.push_back(Column(spec) + ": null fraction " + FormatNumber(null_fraction) + " (" +
                       std::to_string(nulls_) + " of " + std::to_string(rows) +
                       " rows) is above the maximum " + FormatNumber(*spec.max_null_fraction));
    violations["max_null_fraction"] = 1;
    *passed = false;
  }
  m["violations"] = std::move(violations);
  return m;
}

}  // namespace sluice::gates
