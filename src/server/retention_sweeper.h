// RetentionSweeper: a background thread that purges expired copies every
// `interval`, as the principal "system" (kind service, role "system"),
// through the service's door like any other caller, so every sweep is
// authorized and recorded.
//
// Ownership: borrows the Service, which must outlive it. Stops (and joins)
// on destruction; a sweep in progress finishes first.
// Thread-safety: Start once; the destructor may run on any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "service/service.h"

namespace sluice::server {

class RetentionSweeper {
 public:
  static std::unique_ptr<RetentionSweeper> Start(service::Service& service,
                                                 std::chrono::seconds interval);
  ~RetentionSweeper();

  RetentionSweeper(const RetentionSweeper&) = delete;
  RetentionSweeper& operator=(const RetentionSweeper&) = delete;

 private:
  RetentionSweeper(service::Service& service, std::chrono::seconds interval)
      : service_(service), interval_(interval) {}
  void Run();

  service::Service& service_;
  const std::chrono::seconds interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace sluice::server
