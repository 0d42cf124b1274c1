// AccessLog: one structured JSON line per HTTP request (time, request id,
// principal, method, route, status, duration), written to a FILE*.
//
// Thread-safe: a line is formatted outside the lock and written whole under
// it. Never logs bodies, query strings or tokens.
#pragma once

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace sluice::server {

struct AccessLogEntry {
  std::int64_t time_ms = 0;
  std::string request_id;
  std::string principal;  // "" when unauthenticated
  std::string method;
  std::string route;  // the matched pattern, or the raw path when none matched
  int status = 0;
  double duration_ms = 0;
  std::string client_address;
};

class AccessLog {
 public:
  // `out` is borrowed (stdout by default); nullptr disables the log.
  explicit AccessLog(std::FILE* out) : out_(out) {}
  void Write(const AccessLogEntry& entry);

 private:
  std::mutex mu_;
  std::FILE* out_;  // guarded by mu_
};

}  // namespace sluice::server
