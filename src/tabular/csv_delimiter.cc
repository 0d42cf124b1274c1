#include "tabular/csv_delimiter.h"

#include <array>
#include <cstddef>
#include <vector>

namespace sluice::tabular {
namespace {

constexpr size_t kCandidateCount = sizeof(kCsvDelimiterCandidates);
constexpr size_t kMaxSampleLines = 10;

using Counts = std::array<size_t, kCandidateCount>;

// Splits the sample into lines (a newline inside double quotes does not end a line) and counts
// each candidate per non-blank line.
std::vector<Counts> CountPerLine(std::string_view sample, bool complete) {
  std::vector<Counts> lines;
  Counts current{};
  bool in_quotes = false;
  bool line_has_bytes = false;
  for (char c : sample) {
    if (c == '"') {
      // A doubled quote toggles twice, so quoted text stays quoted.
      in_quotes = !in_quotes;
    } else if (!in_quotes && (c == '\n' || c == '\r')) {
      if (line_has_bytes) lines.push_back(current);
      if (lines.size() == kMaxSampleLines) return lines;
      current = Counts{};
      line_has_bytes = false;
      continue;
    } else if (!in_quotes) {
      for (size_t k = 0; k < kCandidateCount; ++k) {
        if (c == kCsvDelimiterCandidates[k]) ++current[k];
      }
    }
    line_has_bytes = true;
  }
  // The last line is whole only if the input ends there; a lone partial line is still the best
  // evidence there is.
  if (line_has_bytes && (complete || lines.empty())) lines.push_back(current);
  return lines;
}

}  // namespace

char DetectCsvDelimiter(std::string_view sample, bool complete) {
  std::vector<Counts> lines = CountPerLine(sample, complete);
  if (lines.empty()) return ',';
  int best = -1;
  bool best_consistent = false;
  size_t best_count = 0;
  for (size_t k = 0; k < kCandidateCount; ++k) {
    size_t header_count = lines[0][k];
    if (header_count == 0) continue;
    bool consistent = true;
    for (const Counts& line : lines) consistent = consistent && line[k] == header_count;
    bool better = best < 0 || (consistent && !best_consistent) ||
                  (consistent == best_consistent && header_count > best_count);
    if (better) {
      best = static_cast<int>(k);
      best_consistent = consistent;
      best_count = header_count;
    }
  }
  return best < 0 ? ',' : kCsvDelimiterCandidates[best];
}

}  // namespace sluice::tabular
