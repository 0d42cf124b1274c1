#include "alert/webhook_notifier.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "alert/mock_alert_store.h"
#include "http/server.h"

namespace sluice::alert {
namespace {

using std::chrono::milliseconds;

// A local webhook receiver that answers 500 to the first `failures` POSTs, then 204.
class Receiver {
 public:
  explicit Receiver(int failures) : failures_(failures) {}

  bool Start() {
    http::Server::Options options;
    options.port = 0;
    options.threads = 1;
    auto server = http::Server::Start(options, [this](http::Request& req) {
      std::lock_guard lock(mu_);
      requests_.push_back(req);
      http::Response res;
      res.status = static_cast<int>(requests_.size()) <= failures_ ? 500 : 204;
      if (res.status == 500) res.body = "try later";
      return res;
    });
    if (!server.ok()) return false;
    server_ = std::move(*server);
    return true;
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }

  std::vector<http::Request> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  const int failures_;
  mutable std::mutex mu_;
  std::vector<http::Request> requests_;
  std::unique_ptr<http::Server> server_;
};

Alert MakeAlert(std::string id) {
  Alert a;
  a.id = std::move(id);
  a.rule_id = "denial-burst";
  a.severity = "warning";
  a.description = "d";
  a.group = {{"principal.name", "mallory"}};
  a.value = 20;
  a.threshold = 20;
  return a;
}

WebhookOptions FastRetries(int max_attempts) {
  WebhookOptions o;
  o.max_attempts = max_attempts;
  o.initial_backoff = milliseconds(20);
  o.max_backoff = milliseconds(40);
  o.timeout = std::chrono::seconds(5);
  return o;
}

TEST(WebhookNotifierTest, RetriesUntilDelivered) {
  Receiver receiver(2);
  ASSERT_TRUE(receiver.Start());
  MockAlertStore store;
  ASSERT_TRUE(store.Insert(MakeAlert("a1")).ok());
  auto notifier =
      WebhookNotifier::Make(receiver.Url("/hooks/sluice?team=sec"), store, FastRetries(5));
  ASSERT_TRUE(notifier.ok()) << notifier.status().ToString();
  ASSERT_TRUE((*notifier)->Enqueue(MakeAlert("a1")).ok());
  (*notifier)->Stop(milliseconds(10000));  // drains, retries included

  std::vector<http::Request> requests = receiver.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const http::Request& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path, "/hooks/sluice");
    EXPECT_EQ(r.query, "team=sec");
    EXPECT_EQ(r.headers.Get("x-sluice-alert-id"), "a1");
    nlohmann::json body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body["id"], "a1");
    EXPECT_EQ(body["rule_id"], "denial-burst");
    EXPECT_EQ(body["group"]["principal.name"], "mallory");
  }
  Result<Alert> stored = store.Get("a1");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->delivery.attempts, 3);
  EXPECT_TRUE(stored->delivery.delivered_ms.has_value());
  EXPECT_EQ(stored->delivery.last_error, "");
  EXPECT_EQ(store.deliveries_recorded(), 3);  // one per attempt
  EXPECT_EQ((*notifier)->delivered(), 1u);
  EXPECT_EQ((*notifier)->failed(), 0u);
}

TEST(WebhookNotifierTest, GivesUpAfterMaxAttempts) {
  Receiver receiver(100);
  ASSERT_TRUE(receiver.Start());
  MockAlertStore store;
  ASSERT_TRUE(store.Insert(MakeAlert("a1")).ok());
  auto notifier = WebhookNotifier::Make(receiver.Url(""), store, FastRetries(3));
  ASSERT_TRUE(notifier.ok()) << notifier.status().ToString();
  ASSERT_TRUE((*notifier)->Enqueue(MakeAlert("a1")).ok());
  (*notifier)->Stop(milliseconds(10000));
  EXPECT_EQ(receiver.requests().size(), 3u);
  EXPECT_EQ(receiver.requests()[0].path, "/");
  Result<Alert> stored = store.Get("a1");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->delivery.attempts, 3);
  EXPECT_FALSE(stored->delivery.delivered_ms.has_value());
  EXPECT_EQ(stored->delivery.last_error, "HTTP 500: try later");
  EXPECT_EQ((*notifier)->failed(), 1u);
  EXPECT_EQ((*notifier)->Enqueue(MakeAlert("a2")).code(), StatusCode::kFailedPrecondition);
}

TEST(WebhookNotifierTest, UnreachableEndpointIsRetriedAndAbandonedAtTheDeadline) {
  MockAlertStore store;
  ASSERT_TRUE(store.Insert(MakeAlert("a1")).ok());
  WebhookOptions options = FastRetries(1000);
  options.initial_backoff = milliseconds(50);
  options.max_backoff = milliseconds(50);
  options.queue_capacity = 1;
  // Port 1 on loopback: connection refused at once.
  auto notifier = WebhookNotifier::Make("http://127.0.0.1:1/hook", store, options);
  ASSERT_TRUE(notifier.ok()) << notifier.status().ToString();
  ASSERT_TRUE((*notifier)->Enqueue(MakeAlert("a1")).ok());
  EXPECT_EQ((*notifier)->Enqueue(MakeAlert("a2")).code(), StatusCode::kResourceExhausted);
  EXPECT_EQ((*notifier)->dropped(), 1u);
  (*notifier)->Stop(milliseconds(300));
  EXPECT_EQ((*notifier)->abandoned(), 1u);
  Result<Alert> stored = store.Get("a1");
  ASSERT_TRUE(stored.ok());
  EXPECT_GE(stored->delivery.attempts, 2);
  EXPECT_EQ(stored->delivery.last_error.rfind("abandoned: notifier stopped; unavailable", 0), 0u)
      << stored->delivery.last_error;
}

TEST(WebhookUrlTest, ParsesHttpUrlsOnly) {
  Result<WebhookTarget> t = ParseWebhookUrl("http://hooks.example:8080/a/b?x=1&y=2");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->host, "hooks.example");
  EXPECT_EQ(t->port, 8080);
  EXPECT_EQ(t->path, "/a/b");
  EXPECT_EQ(t->query, "x=1&y=2");
  t = ParseWebhookUrl("http://hooks.example");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->port, 80);
  EXPECT_EQ(t->path, "/");
  for (const char* bad : {"https://hooks.example/x", "ftp://x/", "http://", "http://h:99999/",
                          "http://h/a b", "http://h?x=1", "hooks.example/x"}) {
    EXPECT_EQ(ParseWebhookUrl(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  MockAlertStore store;
  EXPECT_EQ(WebhookNotifier::Make("https://h/x", store).status().code(),
            StatusCode::kInvalidArgument);
  WebhookOptions zero;
  zero.max_attempts = 0;
  EXPECT_EQ(WebhookNotifier::Make("http://h/x", store, zero).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sluice::alert
