// Child processes for the end-to-end tests: run a command to completion
// (capturing stdout, stderr and the exit code, with a timeout), or start a
// long-running one (the server) with its output going to files.
//
// Children inherit the test's environment minus every SLUICE_* variable (so a
// developer's SLUICE_TOKEN never leaks into a test), plus the variables the
// caller gives. They die with the test process (PR_SET_PDEATHSIG), so a
// crashed test leaves no server behind.
//
// Not thread-safe: the tests drive children from one thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace sluice::e2e {

using Env = std::map<std::string, std::string>;

// How a child ended.
struct ExitInfo {
  int code = -1;   // exit status when it exited, else -1
  int signal = 0;  // the signal that killed it, else 0
  std::string ToString() const;
};

struct RunResult {
  ExitInfo exit;
  bool timed_out = false;  // killed by Run after the timeout
  std::string out;
  std::string err;
  int code() const { return exit.code; }
  // Everything a failure message needs: command line, exit, stdout, stderr.
  std::string Describe() const;
  std::string command;
};

// Runs argv (argv[0] is a path) to completion with stdin from /dev/null.
// Kills it (SIGKILL) after `timeout`.
RunResult RunCommand(const std::vector<std::string>& argv, const Env& env,
                     std::chrono::milliseconds timeout = std::chrono::seconds(15));

// A started child whose stdout and stderr go to files.
class Child {
 public:
  static Result<std::unique_ptr<Child>> Spawn(const std::vector<std::string>& argv, const Env& env,
                                              const std::string& stdout_path,
                                              const std::string& stderr_path);
  // Kills (SIGKILL) and reaps the child if it is still running.
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  // The exit, once the child has ended (reaps it); nullopt while it runs.
  std::optional<ExitInfo> Poll();
  // Waits up to `timeout` for the child to end; nullopt if it still runs.
  std::optional<ExitInfo> Wait(std::chrono::milliseconds timeout);
  void Signal(int signal);

 private:
  explicit Child(pid_t pid) : pid_(pid) {}
  pid_t pid_;
  std::optional<ExitInfo> exit_;
};

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on
// destruction unless SLUICE_E2E_KEEP is set (then its path is printed).
class TempDir {
 public:
  static Result<std::unique_ptr<TempDir>> Make(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// The whole content of a file; "" when it cannot be read.
std::string ReadFile(const std::string& path);
Status WriteFile(const std::string& path, const std::string& content);

}  // namespace sluice::e2e
