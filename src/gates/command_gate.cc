#include "gates/command_gate.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>
#include <vector>

#include "gates/message_text.h"
#include "platform/utf8.h"

namespace sluice::gates {
namespace {

using Clock = std::chrono::steady_clock;

// posix_spawn_file_actions_addchdir_np arrived in glibc 2.29.
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 29))
#define SLUICE_HAVE_SPAWN_CHDIR 1
#else
#define SLUICE_HAVE_SPAWN_CHDIR 0
#endif

class OwnedFd {
 public:
  explicit OwnedFd(int fd = -1) : fd_(fd) {}
  OwnedFd(const OwnedFd&) = delete;
  OwnedFd& operator=(const OwnedFd&) = delete;
  ~OwnedFd() { Reset(); }
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

std::string ErrnoText(int error) {
  return platform::ToValidUtf8(std::strerror(error));
}

// Starts argv[0] in a new process group (its pgid is its pid) with stdin /dev/null, stdout and
// stderr on `out_fd`, cwd `dir` and exactly `envp`. Returns the pid or an errno.
std::pair<pid_t, int> Spawn(const std::vector<char*>& argv, const std::vector<char*>& envp,
                            const std::string& dir, int out_fd) {
#if SLUICE_HAVE_SPAWN_CHDIR
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  if (int e = posix_spawn_file_actions_init(&actions); e != 0) return {-1, e};
  if (int e = posix_spawnattr_init(&attr); e != 0) {
    posix_spawn_file_actions_destroy(&actions);
    return {-1, e};
  }
  sigset_t none;
  sigset_t all;
  sigemptyset(&none);
  sigfillset(&all);
  int e = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  if (e == 0) e = posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  if (e == 0) e = posix_spawn_file_actions_adddup2(&actions, out_fd, 2);
  if (e == 0) e = posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  // Its own group, so a timeout can kill everything it started; a clean signal state, since the
  // server may block or ignore signals (SIGPIPE) that the command expects to work.
  if (e == 0) {
    e = posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  }
  if (e == 0) e = posix_spawnattr_setpgroup(&attr, 0);
  if (e == 0) e = posix_spawnattr_setsigmask(&attr, &none);
  if (e == 0) e = posix_spawnattr_setsigdefault(&attr, &all);
  pid_t pid = -1;
  if (e == 0) e = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  return {e == 0 ? pid : -1, e};
#else
  // Only async-signal-safe calls between fork and exec.
  const pid_t pid = ::fork();
  if (pid < 0) return {-1, errno};
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int s = 1; s < NSIG; ++s) signal(s, SIG_DFL);
    setpgid(0, 0);
    const int in = ::open("/dev/null", O_RDONLY);
    if (in < 0 || ::dup2(in, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(out_fd, 2) < 0 ||
        ::chdir(dir.c_str()) != 0) {
      _exit(127);
    }
    ::execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also from the parent, so the group exists before any kill
  return {pid, 0};
#endif
}

// Keeps the last `limit` bytes of everything appended.
class Tail {
 public:
  explicit Tail(size_t limit) : limit_(limit) {}
  void Append(const char* data, size_t n) {
    total_ += n;
    text_.append(data, n);
    if (text_.size() > 2 * limit_ + 4096) text_.erase(0, text_.size() - limit_);
  }
  uint64_t total() const { return total_; }
  std::string Text() const { return SanitizeBlock(text_, limit_, /*keep_tail=*/true); }

 private:
  size_t limit_;
  std::string text_;
  uint64_t total_ = 0;
};

// Reads what the pipe has now; sets *eof when the writers have all closed it.
void Drain(int fd, Tail& tail, bool* eof) {
  char buf[4096];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      tail.Append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n == 0) *eof = true;
    if (n < 0 && errno == EINTR) continue;
    return;  // EOF, EAGAIN, or an error (treated as the end of the output)
  }
}

// True once the process has exited, without reaping it (so its pid, which is also its process
// group id, cannot be reused before the group is killed).
bool HasExited(pid_t pid) {
  siginfo_t info;
  info.si_pid = 0;
  while (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    if (errno != EINTR) return true;  // ECHILD: nothing left to wait for
  }
  return info.si_pid == pid;
}

int Reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return status;
}

}  // namespace

GateResult RunCommand(const platform::CommandGate& gate, const std::string& bundle_dir,
                      const CommandOptions& options) {
  GateResult r;
  r.gate = "command:" + platform::ToValidUtf8(gate.name);
  r.passed = false;
  nlohmann::json argv_json = nlohmann::json::array();
  for (const std::string& a : gate.argv) argv_json.push_back(platform::ToValidUtf8(a));
  r.measured = {{"argv", argv_json}};

  if (gate.argv.empty() || gate.argv[0].empty() || gate.argv[0].front() != '/') {
    r.messages.push_back("the command must be given as an absolute path (argv[0])");
    return r;
  }
  for (const std::string& a : gate.argv) {
    if (a.find('\0') != std::string::npos) {
      r.messages.push_back("an argument contains a NUL byte");
      return r;
    }
  }
  if (gate.timeout.count() <= 0) {
    r.messages.push_back("the timeout must be at least 1 s");
    return r;
  }
  std::error_code ec;
  const std::string dir = std::filesystem::absolute(bundle_dir, ec).lexically_normal().string();
  if (ec || !std::filesystem::is_directory(dir, ec)) {
    r.messages.push_back("the bundle directory " + Quote(bundle_dir, 256) + " does not exist");
    return r;
  }

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    r.messages.push_back("cannot make a pipe: " + ErrnoText(errno));
    return r;
  }
  OwnedFd read_end(fds[0]);
  OwnedFd write_end(fds[1]);
  ::fcntl(read_end.get(), F_SETFL, O_NONBLOCK);

  std::vector<std::string> env_strings = {"PATH=/usr/bin:/bin", "SLUICE_BUNDLE_DIR=" + dir};
  std::vector<char*> envp;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_strings = gate.argv;
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  const Clock::time_point start = Clock::now();
  const auto [pid, spawn_error] = Spawn(argv, envp, dir, write_end.get());
  write_end.Reset();  // the child has its copy; EOF comes when it (and its children) close theirs
  if (pid < 0) {
    r.messages.push_back("cannot start " + Quote(gate.argv[0], 256) + ": " +
                         ErrnoText(spawn_error));
    return r;
  }

  const Clock::time_point deadline = start + gate.timeout;
  Tail tail(options.output_tail_bytes);
  bool eof = false;
  bool timed_out = false;
  while (!HasExited(pid)) {
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      timed_out = true;
      break;
    }
    // Wake at least every 100 ms to notice an exit while a background process holds the pipe.
    const auto wait = std::min(std::chrono::ceil<std::chrono::milliseconds>(deadline - now),
                               std::chrono::milliseconds(100));
    pollfd p{read_end.get(), POLLIN, 0};
    const int ready = ::poll(eof ? nullptr : &p, eof ? 0 : 1, static_cast<int>(wait.count()));
    if (ready > 0) Drain(read_end.get(), tail, &eof);
  }
  // The leader is a zombie (or still running, on timeout): its pid still names the group.
  ::kill(-pid, SIGKILL);
  const int status = Reap(pid);
  if (!eof) Drain(read_end.get(), tail, &eof);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);

  r.measured["duration_ms"] = elapsed.count();
  r.measured["output_bytes"] = tail.total();
  r.measured["timed_out"] = timed_out;
  r.measured["exit_code"] = nullptr;
  r.measured["signal"] = nullptr;
  if (timed_out) {
    r.messages.push_back("timed out after " + std::to_string(gate.timeout.count()) + " s");
  } else if (status < 0) {
    r.messages.push_back("lost track of the command (is SIGCHLD ignored?)");
  } else if (WIFEXITED(status)) {
    const int code = WEXITSTATUS(status);
    r.measured["exit_code"] = code;
    r.passed = code == 0;
    r.messages.push_back("exited with status " + std::to_string(code));
  } else if (WIFSIGNALED(status)) {
    r.measured["signal"] = WTERMSIG(status);
    r.messages.push_back("killed by signal " + std::to_string(WTERMSIG(status)));
  }
  if (tail.total() > 0) {
    const std::string text = tail.Text();
    r.messages.push_back(tail.total() > options.output_tail_bytes
                             ? "output (last " + std::to_string(options.output_tail_bytes) +
                                   " of " + std::to_string(tail.total()) + " bytes):\n" + text
                             : "output:\n" + text);
  }
  return r;
}

}  // namespace sluice::gates
