// Client: a small synchronous HTTP/1.1 client for the CLI and for tests.
//
// One connection per Client, opened lazily and reused while the server keeps
// it alive (reopened once if the server closed it). Not thread-safe: use one
// Client per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "http/message.h"

namespace sluice::http {

struct Endpoint {
  std::string host;
  std::uint16_t port = 0;
};

// Parses "http://host:port" (path ignored, must be http). InvalidArgument
// otherwise: TLS is terminated in front of Sluice, not in it, for now.
Result<Endpoint> ParseServerUrl(const std::string& url);

class Client {
 public:
  static std::unique_ptr<Client> Make(Endpoint endpoint,
                                      std::chrono::seconds timeout = std::chrono::seconds(30));
  virtual ~Client() = default;

  // Sends `request` (method, path, query, headers, body) and returns the
  // response. Transport failures are kUnavailable with the server address.
  virtual Result<Response> Send(const Request& request) = 0;

 protected:
  Client() = default;
};

}  // namespace sluice::http
