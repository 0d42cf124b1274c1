// ScopedTimer: observes the seconds from its construction to its
// destruction (std::chrono::steady_clock) into a histogram child.
//
//   {
//     ScopedTimer timer(metrics.authz_duration->With());
//     decision = authorizer.Authorize(request);
//   }  // observed here
//
// Stop() observes early and returns the seconds; Cancel() observes nothing
// (an aborted operation that should not count). Either way the destructor
// then observes nothing.
//
// Ownership: borrows the child, which its Registry keeps alive.
// Thread-safety: one timer is used by one thread; Observe is thread-safe.
#pragma once

#include <chrono>

#include "metrics/histogram.h"

namespace sluice::metrics {

// Seconds elapsed on the steady clock since `start`.
inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

class ScopedTimer {
 public:
  explicit ScopedTimer(Histogram::Child& child)
      : child_(&child), start_(std::chrono::steady_clock::now()) {}
  ~ScopedTimer() {
    if (child_ != nullptr) child_->Observe(SecondsSince(start_));
  }
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

  double ElapsedSeconds() const { return SecondsSince(start_); }

  // Observes the elapsed seconds now (the first call only) and returns them.
  double Stop() {
    const double seconds = SecondsSince(start_);
    if (child_ != nullptr) child_->Observe(seconds);
    child_ = nullptr;
    return seconds;
  }

  void Cancel() { child_ = nullptr; }

 private:
  Histogram::Child* child_;  // null once stopped or cancelled
  const std::chrono::steady_clock::time_point start_;
};

}  // namespace sluice::metrics
