// RegexMatcher: the `regex` expectation, with bounded cost per value.
//
// Patterns are ECMAScript (std::regex; RE2 is not available on the supported Debian release)
// compiled in libstdc++'s polynomial mode: matching runs the NFA breadth-first instead of
// backtracking, so "(a|a)*b" cannot take exponential time, and the match does not recurse once
// per input character (no stack overflow on long values). The price is that back-references
// ("\1") are refused at compile time. To bound the cost of one match (value length x NFA states):
//   - a pattern is at most kMaxPatternBytes bytes,
//   - its estimated NFA size (counted repetitions multiply: "(ab){100}" is ~200 states) is at
//     most kMaxPatternStates,
//   - a value longer than kMaxValueBytes is not matched at all (FullMatch says nullopt) and the
//     caller counts it as a violation.
// Matching is on bytes: "." matches one byte of a multi-byte UTF-8 character.
//
// Ownership: a value; copies share nothing mutable. Thread-safety: FullMatch is const and safe
// to call from several threads.
#pragma once

#include <cstddef>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::gates {

class RegexMatcher {
 public:
  static constexpr size_t kMaxPatternBytes = 1024;
  static constexpr size_t kMaxPatternStates = 1000;
  static constexpr size_t kMaxValueBytes = 4096;

  // kInvalidArgument with the reason for an empty, overlong, too complex or malformed pattern.
  static Result<RegexMatcher> Compile(std::string_view pattern);

  // Whether the whole of `value` matches; nullopt when the value is longer than kMaxValueBytes
  // (or, defensively, if the regex engine gives up on it).
  std::optional<bool> FullMatch(std::string_view value) const;

  const std::string& pattern() const { return pattern_; }

 private:
  RegexMatcher(std::string pattern, std::regex re)
      : pattern_(std::move(pattern)), re_(std::move(re)) {}

  std::string pattern_;
  std::regex re_;
};

// The estimated number of NFA states of `pattern` (saturating; exposed for tests).
size_t EstimatePatternStates(std::string_view pattern);

}  // namespace sluice::gates
