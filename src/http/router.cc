#include "http/router.h"

namespace sluice::http {
namespace {

// Splits "/a/b/c" into {"a","b","c"}; a trailing slash yields an empty last
// segment so "/x/" never matches "/x".
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

MatchKind MatchPattern(std::string_view pattern, std::string_view path, PathParams& params) {
  std::vector<std::string_view> pat = Segments(pattern);
  std::vector<std::string_view> got = Segments(path);
  if (pat.size() != got.size()) return MatchKind::kNotFound;
  for (std::size_t i = 0; i < pat.size(); ++i) {
    std::string_view p = pat[i];
    if (p.size() >= 2 && p.front() == '{' && p.back() == '}') {
      if (got[i].empty()) return MatchKind::kNotFound;
      std::string decoded;
      if (!PercentDecode(got[i], decoded)) return MatchKind::kBadPath;
      params[std::string(p.substr(1, p.size() - 2))] = std::move(decoded);
    } else if (p != got[i]) {
      return MatchKind::kNotFound;
    }
  }
  return MatchKind::kFound;
}

}  // namespace sluice::http
