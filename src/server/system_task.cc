#include "server/system_task.h"

#include <iostream>

namespace sluice::server {

std::unique_ptr<SystemTask> SystemTask::Start(std::string name, std::chrono::milliseconds interval,
                                              Work work) {
  std::unique_ptr<SystemTask> task(new SystemTask(std::move(name), interval, std::move(work)));
  task->thread_ = std::thread([t = task.get()] { t->Run(); });
  return task;
}

SystemTask::~SystemTask() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SystemTask::Run() {
  service::Caller system;
  system.principal.name = "system";
  system.principal.kind = store::PrincipalKind::kService;
  system.principal.roles = {"system"};
  system.meta.request_id = name_;
  system.meta.user_agent = "sluice-" + name_;
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    if (Status s = work_(system); !s.ok()) {
      std::cerr << "sluice: " << name_ << " failed: " << s.ToString() << "\n";
    }
    lock.lock();
  }
}

}  // namespace sluice::server
