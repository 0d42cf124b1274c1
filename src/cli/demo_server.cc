#include "cli/demo_server.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace sluice::cli {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

Result<std::unique_ptr<DemoServer>> DemoServer::Start() {
  std::unique_ptr<DemoServer> server(new DemoServer());
  std::string pattern = (std::filesystem::temp_directory_path() / "sluice-demo-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return Unavailable("cannot make a temporary directory");
  server->dir_ = pattern;
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return Unavailable("cannot find this executable (/proc/self/exe)");
  self[n] = '\0';
  const std::string data = server->dir_ + "/data";
  const std::string err = server->dir_ + "/serve.err";
  std::vector<std::string> args = {self,       "serve",       "--data",       data,
                                   "--listen", "127.0.0.1:0", "--access-log", "off"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&files, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int rc = ::posix_spawn(&server->pid_, self, &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (rc != 0) {
    server->pid_ = -1;
    return Unavailable("cannot start sluice serve");
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = Slurp(err);
    const auto api = text.find("API: ");
    const auto end = text.find("/api/v1\n", api == std::string::npos ? 0 : api);
    if (api != std::string::npos && end != std::string::npos) {
      server->url_ = text.substr(api + 5, end - api - 5);
      std::string token = Slurp(data + "/admin.token");
      while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
      server->admin_token_ = token;
      return server;
    }
    int status = 0;
    if (::waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
      server->pid_ = -1;
      return Unavailable("sluice serve ended before it was ready:\n" + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return Unavailable("sluice serve was not ready within 30 s:\n" + Slurp(err));
}

DemoServer::~DemoServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

}  // namespace sluice::cli
