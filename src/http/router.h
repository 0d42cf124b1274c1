// Router: maps (method, path) to a handler.
//
// Patterns are literal segments and `{name}` captures, e.g.
// "/api/v1/principals/{name}/tokens". A capture matches one non-empty,
// percent-decoded segment. Each route declares whether it needs an
// authenticated caller; the API layer enforces that before calling the
// handler, and a test walks Routes() to prove every non-public route refuses
// anonymous callers.
//
// Thread-safety: build the router fully, then share it read-only among
// server threads; Match() is const and lock-free.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace sluice::http {

enum class Access { kPublic, kAuthenticated };

using PathParams = std::map<std::string, std::string>;

template <typename Context>
struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::kAuthenticated;
  std::function<Response(Context&, const Request&, const PathParams&)> handler;
};

// Outcome of matching a request against the routes.
enum class MatchKind { kFound, kNotFound, kMethodNotAllowed, kBadPath };

// Matches `path` against `pattern`, filling `params`. Exposed for tests.
MatchKind MatchPattern(std::string_view pattern, std::string_view path, PathParams& params);

template <typename Context>
class Router {
 public:
  void Add(Route<Context> route) { routes_.push_back(std::move(route)); }

  // On kFound, `route` and `params` are set. kMethodNotAllowed when the path
  // matches some route but none with this method.
  MatchKind Match(std::string_view method, std::string_view path, const Route<Context>*& route,
                  PathParams& params) const {
    bool path_matched = false;
    for (const auto& r : routes_) {
      PathParams p;
      MatchKind k = MatchPattern(r.pattern, path, p);
      if (k == MatchKind::kBadPath) return k;
      if (k != MatchKind::kFound) continue;
      path_matched = true;
      if (r.method == method) {
        route = &r;
        params = std::move(p);
        return MatchKind::kFound;
      }
    }
    return path_matched ? MatchKind::kMethodNotAllowed : MatchKind::kNotFound;
  }

  const std::vector<Route<Context>>& routes() const { return routes_; }

 private:
  std::vector<Route<Context>> routes_;
};

}  // namespace sluice::http
