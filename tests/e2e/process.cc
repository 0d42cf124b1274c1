#include "e2e/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

extern char** environ;

namespace sluice::e2e {
namespace {

using Clock = std::chrono::steady_clock;

ExitInfo Decode(int wait_status) {
  ExitInfo info;
  if (WIFEXITED(wait_status)) info.code = WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) info.signal = WTERMSIG(wait_status);
  return info;
}

// The inherited environment without SLUICE_*, plus `extra`.
std::vector<std::string> BuildEnvironment(const Env& extra) {
  Env merged;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::size_t eq = entry.find('=');
    if (eq == std::string::npos || entry.rfind("SLUICE_", 0) == 0) continue;
    merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [k, v] : extra) merged[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : merged) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::string CommandLine(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) out.append(out.empty() ? "" : " ").append(a);
  return out;
}

// fork + execve with stdin from /dev/null and stdout/stderr on the given
// descriptors. Everything the child touches is prepared before fork: after
// it only async-signal-safe calls are made.
Result<pid_t> SpawnProcess(const std::vector<std::string>& argv, const Env& env, int out_fd,
                           int err_fd) {
  if (argv.empty()) return InvalidArgument("empty command");
  std::vector<std::string> args = argv;
  std::vector<std::string> vars = BuildEnvironment(env);
  std::vector<char*> argp = Pointers(args);
  std::vector<char*> envp = Pointers(vars);

  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0) return Internal(std::string("open /dev/null: ") + std::strerror(errno));
  int exec_error[2];
  if (::pipe2(exec_error, O_CLOEXEC) != 0) {
    ::close(null_fd);
    return Internal(std::string("pipe2: ") + std::strerror(errno));
  }
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    int e = errno;
    ::close(null_fd);
    ::close(exec_error[0]);
    ::close(exec_error[1]);
    return Internal(std::string("fork: ") + std::strerror(e));
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(126);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &dfl, nullptr);
    ::sigaction(SIGTERM, &dfl, nullptr);
    ::sigaction(SIGINT, &dfl, nullptr);
    ::dup2(null_fd, 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    ::execve(argp[0], argp.data(), envp.data());
    int e = errno;
    [[maybe_unused]] ssize_t n = ::write(exec_error[1], &e, sizeof e);
    ::_exit(127);
  }
  ::close(null_fd);
  ::close(exec_error[1]);
  int child_errno = 0;
  ssize_t n;
  do {
    n = ::read(exec_error[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  ::close(exec_error[0]);
  if (n > 0) {
    ::waitpid(pid, nullptr, 0);
    return Internal("cannot execute " + argv[0] + ": " + std::strerror(child_errno));
  }
  return pid;
}

}  // namespace

std::string ExitInfo::ToString() const {
  if (signal != 0) return "killed by signal " + std::to_string(signal);
  return "exit code " + std::to_string(code);
}

std::string RunResult::Describe() const {
  std::ostringstream s;
  s << "command: " << command << "\n"
    << (timed_out ? "TIMED OUT, " : "") << exit.ToString() << "\n"
    << "--- stdout ---\n"
    << out << "--- stderr ---\n"
    << err << "--------------";
  return s.str();
}

RunResult RunCommand(const std::vector<std::string>& argv, const Env& env,
                     std::chrono::milliseconds timeout) {
  RunResult result;
  result.command = CommandLine(argv);
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.err = std::string("pipe2: ") + std::strerror(errno);
    return result;
  }
  Result<pid_t> pid = SpawnProcess(argv, env, out_pipe[1], err_pipe[1]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (!pid.ok()) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    result.err = pid.status().message();
    return result;
  }

  const Clock::time_point deadline = Clock::now() + timeout;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_count = 2;
  while (open_count > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      break;
    }
    int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[4096];
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  for (auto& fd : fds) {
    if (fd.fd >= 0) ::close(fd.fd);
  }

  int wait_status = 0;
  while (true) {
    pid_t done = ::waitpid(*pid, &wait_status, WNOHANG);
    if (done == *pid) break;
    if (done < 0 && errno != EINTR) break;
    if (Clock::now() >= deadline) {
      result.timed_out = true;
      ::kill(*pid, SIGKILL);
      ::waitpid(*pid, &wait_status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  result.exit = Decode(wait_status);
  return result;
}

Result<std::unique_ptr<Child>> Child::Spawn(const std::vector<std::string>& argv, const Env& env,
                                            const std::string& stdout_path,
                                            const std::string& stderr_path) {
  int out_fd = ::open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  int err_fd = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (out_fd < 0 || err_fd < 0) {
    if (out_fd >= 0) ::close(out_fd);
    if (err_fd >= 0) ::close(err_fd);
    return Internal("cannot open the output files " + stdout_path + ", " + stderr_path);
  }
  Result<pid_t> pid = SpawnProcess(argv, env, out_fd, err_fd);
  ::close(out_fd);
  ::close(err_fd);
  if (!pid.ok()) return pid.status();
  return std::unique_ptr<Child>(new Child(*pid));
}

Child::~Child() {
  if (exit_) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

std::optional<ExitInfo> Child::Poll() {
  if (exit_) return exit_;
  int wait_status = 0;
  pid_t done = ::waitpid(pid_, &wait_status, WNOHANG);
  if (done == pid_) exit_ = Decode(wait_status);
  return exit_;
}

std::optional<ExitInfo> Child::Wait(std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  while (!Poll() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return exit_;
}

void Child::Signal(int signal) {
  if (!exit_) ::kill(pid_, signal);
}

Result<std::unique_ptr<TempDir>> TempDir::Make(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern =
      std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/" + prefix + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Internal("mkdtemp " + pattern + ": " + std::strerror(errno));
  }
  return std::unique_ptr<TempDir>(new TempDir(pattern));
}

TempDir::~TempDir() {
  if (std::getenv("SLUICE_E2E_KEEP") != nullptr) {
    std::cerr << "SLUICE_E2E_KEEP: kept " << path_ << "\n";
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Status WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) return Internal("cannot write " + path);
  return Status::Ok();
}

}  // namespace sluice::e2e
