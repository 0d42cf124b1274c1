// Delimiter detection for CSV files whose delimiter is not given: the comma, semicolon (common
// where the comma is the decimal separator), tab and pipe.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

namespace sluice::tabular {

// The candidates, in order of preference on a tie.
inline constexpr char kCsvDelimiterCandidates[] = {',', ';', '\t', '|'};

// Picks the delimiter of the CSV text that begins with `sample` (the first few KiB of a file,
// after any BOM). Looks at up to the first 10 non-blank lines, counting each candidate outside
// double quotes. A candidate must occur in the first line (the header). Among those, one that
// occurs equally often on every line wins over one that does not; then the one with more
// occurrences in the header; then the earlier candidate. With no candidate in the header: ','.
//
// `complete` says whether `sample` is the whole input; when it is not, an unterminated last line
// is left out (it was cut by the sample size, so its counts would be wrong).
char DetectCsvDelimiter(std::string_view sample, bool complete);

}  // namespace sluice::tabular
