#include "scan/names.h"

#include <string>
#include <unordered_set>

#include "scan/text.h"

namespace sluice::scan {
namespace {

struct NameLists {
  std::unordered_set<std::string> first;
  std::unordered_set<std::string> last;
};

// names.txt: "[first]" and "[last]" start sections; names are separated by whitespace;
// '#' starts a comment to the end of the line.
NameLists Parse(std::string_view text) {
  NameLists lists;
  std::unordered_set<std::string>* section = nullptr;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (IsAsciiSpace(c)) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && !IsAsciiSpace(text[i]) && text[i] != '#') ++i;
    std::string word(text.substr(start, i - start));
    if (word == "[first]") {
      section = &lists.first;
    } else if (word == "[last]") {
      section = &lists.last;
    } else if (section != nullptr) {
      for (char& ch : word) ch = ToLower(ch);
      section->insert(std::move(word));
    }
  }
  return lists;
}

const NameLists& Lists() {
  static const NameLists* lists = new NameLists(Parse(internal::NamesText()));
  return *lists;
}

bool Contains(const std::unordered_set<std::string>& set, std::string_view word) {
  if (word.empty() || word.size() > 32) return false;
  char buf[32];
  for (size_t i = 0; i < word.size(); ++i) buf[i] = ToLower(word[i]);
  return set.contains(std::string(buf, word.size()));
}

}  // namespace

bool IsCommonFirstName(std::string_view word) {
  return Contains(Lists().first, word);
}
bool IsCommonSurname(std::string_view word) {
  return Contains(Lists().last, word);
}
size_t FirstNameCount() {
  return Lists().first.size();
}
size_t SurnameCount() {
  return Lists().last.size();
}

}  // namespace sluice::scan
