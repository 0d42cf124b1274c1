// Column-name context: what a column's name says about its values, as Macie uses keywords near
// a match. "customer_email", "CustomerEmail" and "customer.email" all name an email column;
// "order_id" and "part_no" name identifiers that merely look like card or phone numbers.
//
// A name is split into lower-case words at every non-alphanumeric byte, at lower-to-upper case
// changes (camelCase) and between letters and digits; the words are also joined into one
// string ("dateofbirth") so that compounds written without separators still match.
//
// A detector's context words (detectors.h) are matched as whole words ("dob", "tel": short
// words that would otherwise match inside unrelated words) or as substrings of the joined form
// ("birth" finds birthdate and date_of_birth). Negative words are whole words only.
//
// Thread-safety: values and pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::scan {

struct ColumnName {
  std::vector<std::string> words;  // lower case
  std::string joined;              // the words concatenated
};

ColumnName AnalyzeColumnName(std::string_view name);

struct ContextWords {
  std::span<const std::string_view> words;       // positive, whole words
  std::span<const std::string_view> substrings;  // positive, inside the joined form
  std::span<const std::string_view> negative;    // negative, whole words
};

enum class NameContext { kNone, kPositive, kNegative };

// Positive if a positive word matches and no negative one does; negative if only a negative
// one does; kNone if neither, or both (a name that says both is no evidence either way).
NameContext MatchNameContext(const ColumnName& name, const ContextWords& context);

}  // namespace sluice::scan
