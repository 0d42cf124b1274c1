#include "e2e/sluice_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace sluice::e2e {
namespace {

using Clock = std::chrono::steady_clock;

int NextServerNumber() {
  static int counter = 0;
  return ++counter;
}

}  // namespace

std::string SluiceBinary() {
  return SLUICE_BINARY;
}
std::string SourceDir() {
  return SLUICE_SOURCE_DIR;
}

RunResult Sluice(const std::vector<std::string>& args, const Env& env) {
  std::vector<std::string> argv = {SluiceBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv, env);
}

std::uint16_t PickFreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  std::uint16_t port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Result<std::unique_ptr<SluiceServer>> SluiceServer::Start(
    const std::string& data_dir, const std::string& log_dir,
    const std::vector<std::string>& extra_args, std::chrono::milliseconds ready_timeout) {
  std::string last_error;
  // Another process may take the picked port before the server binds it:
  // then the server exits at once and we try another port.
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::unique_ptr<SluiceServer> server(new SluiceServer());
    server->port_ = PickFreePort();
    if (server->port_ == 0) return Internal("cannot find a free port");
    server->data_dir_ = data_dir;
    std::string stem = log_dir + "/serve-" + std::to_string(NextServerNumber());
    server->stdout_path_ = stem + ".out";
    server->stderr_path_ = stem + ".err";
    std::vector<std::string> argv = {SluiceBinary(), "serve",
                                     "--data",       data_dir,
                                     "--listen",     "127.0.0.1:" + std::to_string(server->port_)};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    SLUICE_ASSIGN_OR_RETURN(server->child_,
                            Child::Spawn(argv, {}, server->stdout_path_, server->stderr_path_));

    const Clock::time_point deadline = Clock::now() + ready_timeout;
    bool exited = false;
    while (Clock::now() < deadline) {
      if (std::optional<ExitInfo> exit = server->child_->Poll()) {
        last_error = "sluice serve ended before it was ready (" + exit->ToString() +
                     "); its stderr:\n" + server->Stderr();
        exited = true;
        break;
      }
      http::Request health;
      health.method = "GET";
      health.path = "/api/v1/health";
      auto client = http::Client::Make({"127.0.0.1", server->port_}, std::chrono::seconds(1));
      Result<http::Response> response = client->Send(health);
      // Ready means answering and having printed its banner (one write,
      // ending with the API line), which tests read.
      if (response.ok() && response->status == 200 &&
          server->Stderr().find("/api/v1\n") != std::string::npos) {
        return server;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!exited) {
      return Unavailable("sluice serve did not answer GET /api/v1/health within " +
                         std::to_string(ready_timeout.count()) + " ms; its stderr:\n" +
                         server->Stderr());
    }
  }
  return Unavailable(last_error);
}

Result<ExitInfo> SluiceServer::Stop(std::chrono::milliseconds timeout, int signal) {
  child_->Signal(signal);
  std::optional<ExitInfo> exit = child_->Wait(timeout);
  if (!exit) {
    child_->Signal(SIGKILL);
    child_->Wait(std::chrono::seconds(5));
    return Unavailable("sluice serve did not exit within " + std::to_string(timeout.count()) +
                       " ms of signal " + std::to_string(signal) + "; its stderr:\n" + Stderr());
  }
  return *exit;
}

std::string SluiceServer::AdminToken() const {
  std::string token = ReadFile(data_dir_ + "/admin.token");
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  return token;
}

std::vector<nlohmann::json> SluiceServer::Events() const {
  std::vector<nlohmann::json> events;
  for (const std::string& line : Lines(ReadFile(data_dir_ + "/audit/events.log"))) {
    nlohmann::json doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    events.push_back(doc.is_discarded() ? nlohmann::json(line) : doc);
  }
  return events;
}

RunResult SluiceServer::Cli(const std::vector<std::string>& args, const std::string& token,
                            const std::string& session) const {
  Env env = {{"SLUICE_SERVER", url()}};
  if (!token.empty()) env["SLUICE_TOKEN"] = token;
  if (!session.empty()) env["SLUICE_SESSION"] = session;
  std::vector<std::string> argv = {SluiceBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunCommand(argv, env);
}

Result<http::Response> SluiceServer::Send(
    const std::string& method, const std::string& path, const std::string& token,
    const std::string& body,
    const std::vector<std::pair<std::string, std::string>>& headers) const {
  http::Request request;
  request.method = method;
  request.path = path;
  request.body = body;
  if (!token.empty()) request.headers.Set("Authorization", "Bearer " + token);
  for (const auto& [name, value] : headers) request.headers.Set(name, value);
  auto client = http::Client::Make({"127.0.0.1", port_}, std::chrono::seconds(10));
  return client->Send(request);
}

}  // namespace sluice::e2e
