#include "gates/regex_matcher.h"

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

namespace sluice::gates {
namespace {

constexpr size_t kSaturated = size_t{1} << 40;

size_t SaturatingMul(size_t a, size_t b) {
  if (a != 0 && b > kSaturated / a) return kSaturated;
  return std::min(a * b, kSaturated);
}

size_t SaturatingAdd(size_t a, size_t b) {
  return std::min(a + b, kSaturated);
}

// Reads "{n}", "{n,}" or "{n,m}" at pattern[i] (which is '{'); on success sets the largest
// repeat count (n + 1 for "{n,}": the open end loops back on one more copy) and the index after
// '}'. Anything else is a literal '{' in ECMAScript.
bool ReadBraces(std::string_view pattern, size_t i, size_t* count, size_t* next) {
  size_t j = i + 1;
  auto read_number = [&](size_t* out) {
    const size_t start = j;
    size_t n = 0;
    while (j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9') {
      n = std::min(n * 10 + static_cast<size_t>(pattern[j] - '0'), kSaturated);
      ++j;
    }
    *out = n;
    return j > start;
  };
  size_t low = 0;
  if (!read_number(&low)) return false;
  size_t high = low;
  if (j < pattern.size() && pattern[j] == ',') {
    ++j;
    if (!read_number(&high)) high = SaturatingAdd(low, 1);
  }
  if (j >= pattern.size() || pattern[j] != '}') return false;
  *count = std::max(low, high);
  *next = j + 1;
  return true;
}

}  // namespace

// A rough count of what libstdc++'s compiler builds: one state per atom, a group costs its
// content plus two, and a quantifier copies its atom (counted repetitions once per repeat).
// Overestimates are fine: the limit is generous for real patterns.
size_t EstimatePatternStates(std::string_view pattern) {
  struct Frame {
    size_t alternatives = 0;  // cost of the finished alternatives
    size_t sequence = 0;      // cost of the current alternative
    size_t last = 0;          // cost of the last atom, which a quantifier applies to
  };
  std::vector<Frame> stack(1);
  auto atom = [&](size_t cost) {
    stack.back().sequence = SaturatingAdd(stack.back().sequence, cost);
    stack.back().last = cost;
  };
  auto repeat = [&](size_t copies) {
    Frame& f = stack.back();
    const size_t grown = SaturatingMul(f.last, copies);
    f.sequence = SaturatingAdd(f.sequence - f.last, grown);
    f.last = grown;
  };
  size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\\') {
      i += 2;
      atom(1);
    } else if (c == '[') {
      ++i;
      if (i < pattern.size() && pattern[i] == '^') ++i;
      if (i < pattern.size() && pattern[i] == ']') ++i;
      while (i < pattern.size() && pattern[i] != ']') i += pattern[i] == '\\' ? 2 : 1;
      ++i;
      atom(1);
    } else if (c == '(') {
      stack.emplace_back();
      ++i;
      if (i + 1 < pattern.size() && pattern[i] == '?') i += 2;  // (?: (?= (?!
    } else if (c == ')') {
      ++i;
      if (stack.size() == 1) continue;  // unbalanced; the compiler will say so
      const Frame inner = stack.back();
      stack.pop_back();
      atom(SaturatingAdd(SaturatingAdd(inner.alternatives, inner.sequence), 2));
    } else if (c == '|') {
      ++i;
      Frame& f = stack.back();
      f.alternatives = SaturatingAdd(SaturatingAdd(f.alternatives, f.sequence), 1);
      f.sequence = 0;
      f.last = 0;
    } else if (c == '*' || c == '+' || c == '?') {
      ++i;
      if (i < pattern.size() && pattern[i] == '?') ++i;  // lazy
      repeat(2);
    } else if (size_t count = 0, next = 0; c == '{' && ReadBraces(pattern, i, &count, &next)) {
      i = next;
      if (i < pattern.size() && pattern[i] == '?') ++i;
      repeat(SaturatingAdd(count, 1));
    } else {
      ++i;
      atom(1);
    }
  }
  size_t total = 0;
  while (!stack.empty()) {
    total = SaturatingAdd(total, SaturatingAdd(stack.back().alternatives, stack.back().sequence));
    stack.pop_back();
  }
  return total;
}

Result<RegexMatcher> RegexMatcher::Compile(std::string_view pattern) {
  if (pattern.empty()) return InvalidArgument("the pattern is empty");
  if (pattern.size() > kMaxPatternBytes) {
    return InvalidArgument("the pattern is longer than " + std::to_string(kMaxPatternBytes) +
                           " bytes");
  }
  const size_t states = EstimatePatternStates(pattern);
  if (states > kMaxPatternStates) {
    return InvalidArgument("the pattern is too complex (about " + std::to_string(states) +
                           " states; at most " + std::to_string(kMaxPatternStates) +
                           "): use smaller counted repetitions");
  }
  try {
    std::regex re(pattern.begin(), pattern.end(),
                  std::regex::ECMAScript | std::regex_constants::__polynomial);
    return RegexMatcher(std::string(pattern), std::move(re));
  } catch (const std::regex_error& e) {
    return InvalidArgument(std::string("not a valid ECMAScript regular expression: ") + e.what());
  } catch (const std::exception& e) {
    return InvalidArgument(std::string("cannot compile the pattern: ") + e.what());
  }
}

std::optional<bool> RegexMatcher::FullMatch(std::string_view value) const {
  if (value.size() > kMaxValueBytes) return std::nullopt;
  try {
    return std::regex_match(value.begin(), value.end(), re_);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace sluice::gates
