#include "metrics/instrumented_recorder.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace sluice::metrics {
namespace {

// Keeps events, or fails with `fail` when it is not OK.
class FakeRecorder final : public audit::Recorder {
 public:
  Status Record(const audit::Event& event) override {
    if (!fail.ok()) return fail;
    events.push_back(event);
    return Status::Ok();
  }
  Status fail;
  std::vector<audit::Event> events;
};

audit::Event MakeEvent(bool allowed) {
  audit::Event event;
  event.action = "asset.read";
  event.allowed = allowed;
  return event;
}

TEST(InstrumentedRecorderTest, CountsEventsAndTimesAppends) {
  std::unique_ptr<SluiceMetrics> metrics = std::move(SluiceMetrics::Make()).value();
  FakeRecorder inner;
  InstrumentedRecorder recorder(inner, *metrics);
  ASSERT_TRUE(recorder.Record(MakeEvent(true)).ok());
  ASSERT_TRUE(recorder.Record(MakeEvent(false)).ok());
  ASSERT_TRUE(recorder.Record(MakeEvent(false)).ok());
  ASSERT_EQ(inner.events.size(), 3u);
  EXPECT_EQ(inner.events[0].action, "asset.read");
  EXPECT_EQ(metrics->audit_events->With({"allow"}).Value(), 1);
  EXPECT_EQ(metrics->audit_events->With({"deny"}).Value(), 2);
  EXPECT_EQ(metrics->audit_append_duration->With().Read().count, 3u);
}

TEST(InstrumentedRecorderTest, PropagatesTheInnerStatusAndCountsNoFailedEvent) {
  std::unique_ptr<SluiceMetrics> metrics = std::move(SluiceMetrics::Make()).value();
  FakeRecorder inner;
  inner.fail = Unavailable("audit log: disk full");
  InstrumentedRecorder recorder(inner, *metrics);
  const Status status = recorder.Record(MakeEvent(true));
  EXPECT_EQ(status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), "audit log: disk full");
  EXPECT_TRUE(inner.events.empty());
  EXPECT_EQ(metrics->audit_events->With({"allow"}).Value(), 0);
  EXPECT_EQ(metrics->audit_append_duration->With().Read().count, 1u);  // timed all the same
}

}  // namespace
}  // namespace sluice::metrics
