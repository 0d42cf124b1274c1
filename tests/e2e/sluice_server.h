// A real `sluice serve` process for the end-to-end tests, plus helpers to run
// the `sluice` CLI against it and to talk raw HTTP to it.
//
//   auto server = SluiceServer::Start(data_dir, log_dir);   // waits for /health
//   RunResult r = (*server)->Cli({"whoami", "--json"}, token);
//   Result<ExitInfo> e = (*server)->Stop();                // SIGTERM, bounded wait
//
// The server listens on 127.0.0.1 on a port picked free just before the start
// (retried if another process takes it first). Its stdout (the access log)
// and stderr go to files in `log_dir`, readable at any time.
#pragma once

#include <chrono>
#include <csignal>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"
#include "e2e/process.h"
#include "http/client.h"
#include "http/message.h"

namespace sluice::e2e {

// The sluice executable under test and the source tree (for platforms/).
std::string SluiceBinary();
std::string SourceDir();

// Runs `sluice ARGS...` with `env` (no server involved).
RunResult Sluice(const std::vector<std::string>& args, const Env& env = {});

// A port that was free a moment ago on 127.0.0.1; 0 on failure.
std::uint16_t PickFreePort();

class SluiceServer {
 public:
  // Starts `sluice serve --data DATA_DIR --listen 127.0.0.1:PORT EXTRA_ARGS...`
  // and waits (up to `ready_timeout`) until GET /api/v1/health answers 200.
  static Result<std::unique_ptr<SluiceServer>> Start(
      const std::string& data_dir, const std::string& log_dir,
      const std::vector<std::string>& extra_args = {},
      std::chrono::milliseconds ready_timeout = std::chrono::seconds(30));

  // Sends `signal` (SIGTERM by default) and waits up to `timeout` for the
  // exit. An error if the server did not exit in time (it is then killed).
  Result<ExitInfo> Stop(std::chrono::milliseconds timeout = std::chrono::seconds(5),
                        int signal = SIGTERM);

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return child_->pid(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& data_dir() const { return data_dir_; }

  // The server's stdout (the access log) and stderr so far.
  std::string Stdout() const { return ReadFile(stdout_path_); }
  std::string Stderr() const { return ReadFile(stderr_path_); }
  // DATA/admin.token without its trailing newline; "" when absent.
  std::string AdminToken() const;
  // DATA/audit/events.log, parsed line by line (a line that is not JSON becomes
  // a string holding the raw line, so a test can report it).
  std::vector<nlohmann::json> Events() const;

  // Runs `sluice ARGS...` with SLUICE_SERVER set to this server and
  // SLUICE_TOKEN set to `token` (left unset when `token` is empty), and
  // SLUICE_SESSION to `session` when given.
  RunResult Cli(const std::vector<std::string>& args, const std::string& token,
                const std::string& session = "") const;

  // One raw HTTP request. `token` "" sends no Authorization header.
  Result<http::Response> Send(
      const std::string& method, const std::string& path, const std::string& token,
      const std::string& body = "",
      const std::vector<std::pair<std::string, std::string>>& headers = {}) const;

 private:
  SluiceServer() = default;

  std::unique_ptr<Child> child_;
  std::uint16_t port_ = 0;
  std::string data_dir_;
  std::string stdout_path_;
  std::string stderr_path_;
};

// True when `text` contains `needle`, for readable EXPECTs.
inline bool Contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// Splits text into lines (without the newlines); a final empty line is dropped.
std::vector<std::string> Lines(const std::string& text);

}  // namespace sluice::e2e
