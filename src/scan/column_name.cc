#include "scan/column_name.h"

#include "scan/text.h"

namespace sluice::scan {

ColumnName AnalyzeColumnName(std::string_view name) {
  ColumnName out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    out.joined += word;
    out.words.push_back(std::move(word));
    word.clear();
  };
  char prev = 0;
  for (char c : name.substr(0, 256)) {
    if (!IsAlnum(c)) {
      flush();
      prev = 0;
      continue;
    }
    bool boundary = (prev >= 'a' && prev <= 'z' && c >= 'A' && c <= 'Z') ||
                    (IsDigit(prev) != IsDigit(c) && prev != 0);
    if (boundary) flush();
    word.push_back(ToLower(c));
    prev = c;
  }
  flush();
  return out;
}

NameContext MatchNameContext(const ColumnName& name, const ContextWords& context) {
  auto has_word = [&name](std::string_view w) {
    for (const std::string& word : name.words) {
      if (word == w) return true;
    }
    return false;
  };
  bool positive = false;
  for (std::string_view w : context.words) positive = positive || has_word(w);
  for (std::string_view s : context.substrings) {
    positive = positive || name.joined.find(s) != std::string::npos;
  }
  bool negative = false;
  for (std::string_view w : context.negative) negative = negative || has_word(w);
  if (positive && !negative) return NameContext::kPositive;
  if (negative && !positive) return NameContext::kNegative;
  return NameContext::kNone;
}

}  // namespace sluice::scan
