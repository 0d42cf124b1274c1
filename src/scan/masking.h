// Masking and trimming of values shown in a report, so that a report about a sensitive column
// does not itself leak the data ("j***@example.com", "************1111"), and so that reports
// stay valid UTF-8 and small whatever the input.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "scan/detectors.h"

namespace sluice::scan {

// Characters (UTF-8 code points; stray bytes count one each) are masked with '*':
//   kEmail      the local part's first character kept, then "***@" and the domain; a value
//               without '@' is masked as kFull
//   kKeepLast4  all but the last four characters (all of them when there are at most four)
//   kFull       all
std::string MaskValue(std::string_view value, MaskStyle style);

// Replaces bytes that are not well-formed UTF-8 with U+FFFD, so nlohmann::json can dump them.
std::string SanitizeUtf8(std::string_view text);

// At most `max_bytes` bytes (cut at a character boundary) followed by "..." when cut.
std::string TruncateForReport(std::string_view text, size_t max_bytes);

}  // namespace sluice::scan
