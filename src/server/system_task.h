// SystemTask: a background thread that runs one piece of upkeep every
// `interval`, as the principal "system" (kind
// service, role "system"), through the service's door like any other
// caller, so every run is authorized and recorded. The server runs two:
// the retention sweep (expired copies) and the scan of pushed versions
// whose scan was left for the background.
//
// Ownership: owns its thread; `work` must stay callable until destruction.
// Stops (and joins) on destruction; a run in progress finishes first.
// Thread-safety: the destructor may run on any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/status.h"
#include "service/caller.h"

namespace sluice::server {

class SystemTask {
 public:
  using Work = std::function<Status(const service::Caller& system)>;

  // `name` appears in the events' request id and in error messages.
  static std::unique_ptr<SystemTask> Start(std::string name, std::chrono::milliseconds interval,
                                           Work work);
  ~SystemTask();

  SystemTask(const SystemTask&) = delete;
  SystemTask& operator=(const SystemTask&) = delete;

 private:
  SystemTask(std::string name, std::chrono::milliseconds interval, Work work)
      : name_(std::move(name)), interval_(interval), work_(std::move(work)) {}
  void Run();

  const std::string name_;
  const std::chrono::milliseconds interval_;
  const Work work_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace sluice::server
