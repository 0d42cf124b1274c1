#include "server/retention_sweeper.h"

#include <iostream>

namespace sluice::server {

std::unique_ptr<RetentionSweeper> RetentionSweeper::Start(service::Service& service,
                                                          std::chrono::seconds interval) {
  std::unique_ptr<RetentionSweeper> sweeper(new RetentionSweeper(service, interval));
  sweeper->thread_ = std::thread([s = sweeper.get()] { s->Run(); });
  return sweeper;
}

RetentionSweeper::~RetentionSweeper() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RetentionSweeper::Run() {
  service::Caller system;
  system.principal.name = "system";
  system.principal.kind = store::PrincipalKind::kService;
  system.principal.roles = {"system"};
  system.meta.request_id = "retention-sweeper";
  system.meta.user_agent = "sluice-retention-sweeper";
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    auto swept = service_.SweepExpired(system);
    if (!swept.ok()) {
      std::cerr << "sluice: retention sweep failed: " << swept.status().ToString() << "\n";
    }
    lock.lock();
  }
}

}  // namespace sluice::server
