#include "server/query_params.h"

#include <charconv>

namespace sluice::server {

Result<QueryParams> Query(const http::Request& req) {
  QueryParams q;
  if (!http::ParseQuery(req.query, q)) return InvalidArgument("malformed query string");
  return q;
}

Result<std::int64_t> Number(const QueryParams& q, const std::string& key, std::int64_t fallback) {
  auto it = q.find(key);
  if (it == q.end() || it->second.empty()) return fallback;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || v < 0) {
    return InvalidArgument("\"" + key + "\" must be a non-negative integer");
  }
  return v;
}

std::string Text(const QueryParams& q, const std::string& key) {
  auto it = q.find(key);
  return it == q.end() ? std::string() : it->second;
}

}  // namespace sluice::server
