#include "metrics/timer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "metrics/registry.h"

namespace sluice::metrics {
namespace {

TEST(ScopedTimerTest, ObservesElapsedSecondsOnceOnDestruction) {
  Registry registry;
  Histogram::Child& child = (*registry.AddHistogram("t_seconds", "T.", {}, {0.001, 10}))->With();
  {
    ScopedTimer timer(child);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_GE(timer.ElapsedSeconds(), 0.005);
    EXPECT_EQ(child.Read().count, 0u);
  }
  const Histogram::Child::Snapshot s = child.Read();
  EXPECT_EQ(s.count, 1u);
  EXPECT_EQ(s.cumulative[0], 0u);  // > 1 ms
  EXPECT_EQ(s.cumulative[1], 1u);  // < 10 s
  EXPECT_GE(s.sum, 0.005);
}

TEST(ScopedTimerTest, StopObservesEarlyAndCancelNotAtAll) {
  Registry registry;
  Histogram::Child& child = (*registry.AddHistogram("t_seconds", "T."))->With();
  {
    ScopedTimer timer(child);
    const double seconds = timer.Stop();
    EXPECT_GE(seconds, 0);
    EXPECT_EQ(child.Read().count, 1u);
    EXPECT_EQ(child.Read().sum, seconds);
    (void)timer.Stop();
  }
  EXPECT_EQ(child.Read().count, 1u);
  {
    ScopedTimer timer(child);
    timer.Cancel();
  }
  EXPECT_EQ(child.Read().count, 1u);
}

}  // namespace
}  // namespace sluice::metrics
