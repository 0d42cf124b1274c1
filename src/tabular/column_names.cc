#include "tabular/column_names.h"

#include <unordered_set>

namespace sluice::tabular {

std::vector<std::string> MakeUniqueColumnNames(std::vector<std::string> names) {
  // Every name as written is reserved up front, so a later column's own name is never taken by
  // a suffix invented for an earlier duplicate.
  std::unordered_set<std::string> taken(names.begin(), names.end());
  std::unordered_set<std::string> kept;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string& name = names[i];
    if (!name.empty() && kept.insert(name).second) continue;
    std::string base = name.empty() ? "column_" + std::to_string(i + 1) : name;
    // A generated name is tried bare first; a duplicate starts at "_2" (its bare form is taken).
    std::string candidate = name.empty() ? base : base + "_2";
    for (size_t suffix = name.empty() ? 2 : 3; taken.count(candidate) > 0; ++suffix) {
      candidate = base + "_" + std::to_string(suffix);
    }
    taken.insert(candidate);
    kept.insert(candidate);
    name = std::move(candidate);
  }
  return names;
}

}  // namespace sluice::tabular
