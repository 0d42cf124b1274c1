#include "server/serve.h"

#include <malloc.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "http/server.h"
#include "server/api.h"
#include "server/system_task.h"

namespace sluice::server {

Status ParseListenAddress(const std::string& text, std::string& host, std::uint16_t& port) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) {
    return InvalidArgument("listen address \"" + text + "\" must be HOST:PORT");
  }
  host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  int value = 0;
  for (char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9' || value > 65535) {
      return InvalidArgument("listen address \"" + text + "\" has a bad port");
    }
    value = value * 10 + (c - '0');
  }
  if (value > 65535) return InvalidArgument("listen address \"" + text + "\" has a bad port");
  port = static_cast<std::uint16_t>(value);
  return Status::Ok();
}

Status Serve(const ServeOptions& options) {
  // Chunk bodies (up to 4 MiB) are allocated and freed per request on many
  // threads. glibc raises its mmap threshold after such frees, after which
  // they come from per-thread arenas that keep the memory: peak RSS grew to
  // 86 MiB on a 1 GiB push. A fixed threshold keeps large buffers mmapped
  // and returned at once (docs/benchmarks.md: RSS <= 64 MiB).
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  std::string host;
  std::uint16_t port = 0;
  SLUICE_RETURN_IF_ERROR(ParseListenAddress(options.listen, host, port));

  // Block the termination signals before any thread starts, so every thread
  // inherits the mask and sigwait below is the only place they arrive.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<Instance> instance, Instance::Open(options.instance));

  std::FILE* log_file = stdout;
  if (options.access_log == "off") {
    log_file = nullptr;
  } else if (options.access_log != "-") {
    log_file = std::fopen(options.access_log.c_str(), "a");
    if (log_file == nullptr) {
      return InvalidArgument("cannot open access log " + options.access_log);
    }
  }
  AccessLog access_log(log_file);
  Api api(instance->service(), access_log, &instance->metrics());

  http::Server::Options server_options;
  server_options.host = host;
  server_options.port = port;
  // Handlers block on fdatasync (every audited request; chunk uploads), so
  // far more threads than cores: the audit log's group commit then gathers
  // up to one event per thread into each sync (measured: 4 threads 3,200
  // audited req/s, 16 threads 6,700, 32 no better; docs/benchmarks.md).
  server_options.threads =
      options.threads > 0
          ? options.threads
          : static_cast<int>(std::max(16u, 4 * std::thread::hardware_concurrency()));
  // Chunk uploads: one chunk per request, at most the chunker's 4 MiB.
  server_options.large_body_paths = {{"/api/v1/assets/", std::size_t{4} << 20}};
  SLUICE_ASSIGN_OR_RETURN(
      std::unique_ptr<http::Server> server,
      http::Server::Start(server_options, [&api](http::Request& r) { return api.Handle(r); }));

  service::Service& service = instance->service();
  std::unique_ptr<SystemTask> sweeper;
  if (options.sweep_interval.count() > 0) {
    sweeper = SystemTask::Start("retention-sweeper", options.sweep_interval,
                                [&service](const service::Caller& system) {
                                  return service.SweepExpired(system).status();
                                });
  }
  // Pushed versions too large to scan within their push are scanned here.
  std::unique_ptr<SystemTask> scanner = SystemTask::Start(
      "scanner", std::chrono::seconds(1), [&service](const service::Caller& system) {
        return service.ScanPendingVersions(system).status();
      });

  // One write, so whoever watches stderr for the API line (scripts, the e2e
  // fixture) sees the whole banner once it sees that line.
  std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::ostringstream banner;
  if (!instance->created_admin_token_path().empty()) {
    banner << "first start: the admin token is in " << instance->created_admin_token_path()
           << " (mode 0600)\n";
  } else {
    banner << "admin token: " << instance->data_dir()
           << "/admin.token if it was kept from the first start\n";
  }
  if (options.instance.audit_checkpoint_dir.empty()) {
    banner << "warning: no --audit-checkpoints directory: a rewrite of the whole audit log "
              "could only be detected against checkpoints kept elsewhere\n";
  }
  banner << "to watch the platform's story played against this server: make demo (or: sluice "
            "demo --use-server --token \"$(cat "
         << instance->data_dir() << "/admin.token)\")\n";
  banner << "sluice serving the " << instance->platform().name << " ladder from "
         << instance->data_dir() << "\n"
         << "API: http://" << shown_host << ":" << server->port() << "/api/v1\n";
  std::cerr << banner.str() << std::flush;

  int received = 0;
  sigwait(&signals, &received);
  std::cerr << "sluice: " << (received == SIGINT ? "SIGINT" : "SIGTERM")
            << " received, shutting down\n";
  sweeper.reset();
  scanner.reset();
  server->Stop();
  if (log_file != nullptr && log_file != stdout) std::fclose(log_file);
  return Status::Ok();
}

}  // namespace sluice::server
