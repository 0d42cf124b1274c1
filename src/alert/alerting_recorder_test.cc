#include "alert/alerting_recorder.h"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "alert/mock_alert_store.h"
#include "alert/test_util.h"
#include "http/server.h"

namespace sluice::alert {
namespace {

using testing::DefaultEngine;
using testing::Denial;
using testing::kT0;

// An inner recorder that keeps events, or fails every Record when told to.
class FakeRecorder final : public audit::Recorder {
 public:
  Status Record(const audit::Event& event) override {
    std::lock_guard lock(mu_);
    if (fail_) return Unavailable("audit log is down");
    events_.push_back(event);
    return Status::Ok();
  }
  void set_fail(bool fail) {
    std::lock_guard lock(mu_);
    fail_ = fail;
  }
  std::size_t size() const {
    std::lock_guard lock(mu_);
    return events_.size();
  }

 private:
  mutable std::mutex mu_;
  bool fail_ = false;
  std::vector<audit::Event> events_;
};

TEST(AlertingRecorderTest, StoresAlertsForRecordedEvents) {
  FakeRecorder inner;
  MockAlertStore store;
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  auto recorder = AlertingRecorder::Make(inner, *engine, store, nullptr);
  ASSERT_TRUE(recorder.ok()) << recorder.status().ToString();
  for (int i = 0; i < 19; ++i) ASSERT_TRUE((*recorder)->Record(Denial("mallory", kT0 + i)).ok());
  (*recorder)->Flush();
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(*(*recorder)->OpenAlerts(), 0);
  ASSERT_TRUE((*recorder)->Record(Denial("mallory", kT0 + 19)).ok());
  (*recorder)->Flush();
  EXPECT_EQ(inner.size(), 20u);
  ASSERT_EQ(store.size(), 1u);
  Result<std::vector<Alert>> alerts = store.List("open", 10);
  ASSERT_TRUE(alerts.ok());
  EXPECT_EQ((*alerts)[0].rule_id, "denial-burst");
  EXPECT_EQ((*recorder)->alerts_fired(), 1u);
  EXPECT_EQ(*(*recorder)->OpenAlerts(), 1);
  EXPECT_EQ((*recorder)->dropped(), 0u);
}

TEST(AlertingRecorderTest, FailedRecordingFiresNothing) {
  FakeRecorder inner;
  inner.set_fail(true);
  MockAlertStore store;
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  auto recorder = AlertingRecorder::Make(inner, *engine, store, nullptr);
  ASSERT_TRUE(recorder.ok());
  for (int i = 0; i < 30; ++i) {
    Status s = (*recorder)->Record(Denial("mallory", kT0 + i));
    EXPECT_EQ(s.code(), StatusCode::kUnavailable);  // the inner error, unchanged
  }
  (*recorder)->Flush();
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ((*recorder)->alerts_fired(), 0u);
  // And those events were never counted: 19 recorded denials later still do not fire.
  inner.set_fail(false);
  for (int i = 0; i < 19; ++i) ASSERT_TRUE((*recorder)->Record(Denial("mallory", kT0 + i)).ok());
  (*recorder)->Flush();
  EXPECT_EQ(store.size(), 0u);
}

TEST(AlertingRecorderTest, StoreFailuresAreCountedNotReturned) {
  FakeRecorder inner;
  MockAlertStore store;
  store.FailNextInserts(1, Unavailable("disk full"));
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  auto recorder = AlertingRecorder::Make(inner, *engine, store, nullptr);
  ASSERT_TRUE(recorder.ok());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE((*recorder)->Record(Denial("mallory", kT0 + i)).ok());
  (*recorder)->Flush();
  EXPECT_EQ((*recorder)->alerts_fired(), 1u);
  EXPECT_EQ((*recorder)->store_failures(), 1u);
  EXPECT_EQ(store.size(), 0u);
}

TEST(AlertingRecorderTest, AfterStopEventsAreRecordedButNotEvaluated) {
  FakeRecorder inner;
  MockAlertStore store;
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  auto recorder = AlertingRecorder::Make(inner, *engine, store, nullptr);
  ASSERT_TRUE(recorder.ok());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE((*recorder)->Record(Denial("mallory", kT0 + i)).ok());
  (*recorder)->Stop();  // evaluates what is queued first
  EXPECT_EQ(store.size(), 1u);
  ASSERT_TRUE((*recorder)->Record(Denial("mallory", kT0 + 100)).ok());
  EXPECT_EQ(inner.size(), 21u);
  EXPECT_EQ((*recorder)->dropped(), 1u);
  (*recorder)->Flush();  // returns at once after Stop
  (*recorder)->Stop();   // idempotent
  AlertingRecorderOptions zero;
  zero.queue_capacity = 0;
  EXPECT_EQ(AlertingRecorder::Make(inner, *engine, store, nullptr, zero).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(AlertingRecorderTest, EndToEndDeliversToTheWebhook) {
  std::mutex mu;
  std::vector<nlohmann::json> received;
  http::Server::Options options;
  options.port = 0;
  options.threads = 1;
  auto server = http::Server::Start(options, [&](http::Request& req) {
    std::lock_guard lock(mu);
    received.push_back(nlohmann::json::parse(req.body, nullptr, false));
    http::Response res;
    res.status = 200;
    return res;
  });
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  FakeRecorder inner;
  MockAlertStore store;
  auto engine = DefaultEngine();
  ASSERT_NE(engine, nullptr);
  WebhookOptions webhook;
  webhook.initial_backoff = std::chrono::milliseconds(20);
  webhook.max_backoff = std::chrono::milliseconds(20);
  auto notifier = WebhookNotifier::Make(
      "http://127.0.0.1:" + std::to_string((*server)->port()) + "/alerts", store, webhook);
  ASSERT_TRUE(notifier.ok()) << notifier.status().ToString();
  auto recorder = AlertingRecorder::Make(inner, *engine, store, notifier->get());
  ASSERT_TRUE(recorder.ok());

  audit::Event open = testing::MakeEvent("breakglass.open", "oncall", true, kT0);
  ASSERT_TRUE((*recorder)->Record(open).ok());
  (*recorder)->Stop();
  (*notifier)->Stop(std::chrono::milliseconds(10000));

  ASSERT_EQ(store.size(), 1u);
  Result<std::vector<Alert>> alerts = store.List("", 10);
  ASSERT_TRUE(alerts.ok());
  const Alert& a = (*alerts)[0];
  EXPECT_EQ(a.rule_id, "break-glass-opened");
  EXPECT_EQ(a.delivery.attempts, 1);
  EXPECT_TRUE(a.delivery.delivered_ms.has_value());
  std::lock_guard lock(mu);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0]["id"], a.id);
  EXPECT_EQ(received[0]["severity"], "critical");
  EXPECT_EQ(received[0]["request_ids"], nlohmann::json::array({open.request_id}));
}

}  // namespace
}  // namespace sluice::alert
