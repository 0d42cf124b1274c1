// Serve: `sluice serve` — opens the instance, starts the HTTP API, and runs
// until SIGINT or SIGTERM, then shuts down cleanly.
#pragma once

#include <chrono>
#include <string>

#include "common/status.h"
#include "server/instance.h"

namespace sluice::server {

struct ServeOptions {
  InstanceOptions instance;
  std::string listen = "127.0.0.1:7070";  // HOST:PORT; port 0 picks a free one
  int threads = 0;                        // 0: 4 per core, at least 16
  std::string access_log = "-";           // "-" stdout, "off", or a file path
  // How often expired copies are purged; 0 turns the sweeper off.
  std::chrono::seconds sweep_interval{600};
};

// Blocks until a termination signal. Returns the error that prevented
// starting, or OK after a clean shutdown.
Status Serve(const ServeOptions& options);

// Splits "HOST:PORT" ("[::1]:7070" for IPv6).
Status ParseListenAddress(const std::string& text, std::string& host, std::uint16_t& port);

}  // namespace sluice::server
