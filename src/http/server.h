// Server: an HTTP/1.1 server on Boost.Beast + Asio.
//
// Accepts connections on one address, reads requests with keep-alive, and
// hands each complete request to a single Handler, whose Response it writes
// back. A fixed pool of threads runs the event loop; handlers run on those
// threads and may block briefly (SQLite calls), so the pool is sized for it.
//
// Limits enforced before the handler sees anything: header size, body size
// (413 problem), malformed HTTP (400 problem), idle connections (timeout).
//
// Ownership: Start() returns the only owner. Destroying the Server stops it.
// Thread-safety: Stop() and port() may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "http/message.h"

namespace sluice::http {

class Server {
 public:
  using Handler = std::function<Response(Request&)>;

  struct Options {
    std::string host = "127.0.0.1";
    std::uint16_t port = 7070;  // 0 picks a free port; see port()
    int threads = 0;            // 0: one per core
    std::size_t body_limit = 1 << 20;
    // Paths starting with one of these prefixes accept bodies up to the
    // given size instead (chunk uploads). Checked after the headers arrive,
    // so a large body is refused before it is read.
    std::vector<std::pair<std::string, std::size_t>> large_body_paths;
    std::size_t header_limit = 16 << 10;
    int idle_timeout_seconds = 60;
  };

  // Binds and starts serving. Fails (kUnavailable) when the address is in use
  // or cannot be bound, (kInvalidArgument) when the host is not an address.
  static Result<std::unique_ptr<Server>> Start(const Options& options, Handler handler);

  virtual ~Server() = default;

  // The bound port (useful with port 0).
  virtual std::uint16_t port() const = 0;

  // Stops accepting, closes connections and joins the threads. Idempotent.
  virtual void Stop() = 0;

 protected:
  Server() = default;
};

}  // namespace sluice::http
