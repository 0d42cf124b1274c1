// A throwaway `sluice serve` for `sluice demo`: this executable started as a
// child on a free port with a fresh data directory under a temporary
// directory, stopped (SIGTERM, then waited for) and removed when the object
// goes away.
//
// Ownership: owns the child process and the directory. Not thread-safe.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "common/status.h"

namespace sluice::cli {

class DemoServer {
 public:
  // Starts the server and waits (up to 30 s) for its banner's API line.
  static Result<std::unique_ptr<DemoServer>> Start();
  ~DemoServer();
  DemoServer(const DemoServer&) = delete;
  DemoServer& operator=(const DemoServer&) = delete;

  const std::string& url() const { return url_; }
  const std::string& admin_token() const { return admin_token_; }
  const std::string& dir() const { return dir_; }

 private:
  DemoServer() = default;

  pid_t pid_ = -1;
  std::string dir_;
  std::string url_;
  std::string admin_token_;
};

}  // namespace sluice::cli
