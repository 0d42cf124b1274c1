// HTTP request and response as Sluice's handlers see them: plain values,
// independent of the HTTP library, so handlers and the router can be tested
// without a socket.
//
// Bodies are held whole in memory; the server enforces a body size limit
// before a Request is built. Streaming bodies (chunk uploads) will get their
// own handler type when the catalog needs them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::http {

// Header names are stored lowercased; lookups are case-insensitive.
class Headers {
 public:
  void Set(std::string_view name, std::string value);
  // Empty view when absent.
  std::string_view Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query, e.g. "/api/v1/whoami"
  std::string query;   // raw query string without '?', may be empty
  Headers headers;
  std::string body;
  std::string remote_address;  // "127.0.0.1:53422"
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  Headers headers;  // extra headers; Content-Type and Content-Length are set by the server
};

// Percent-decodes a path segment or query component. Returns false on a
// malformed escape ("%4", "%zz") or an encoded NUL.
bool PercentDecode(std::string_view in, std::string& out);

// Parses "a=1&b=x%20y" into a map (last value wins). Returns false on a
// malformed escape.
bool ParseQuery(std::string_view query, std::map<std::string, std::string>& out);

}  // namespace sluice::http
