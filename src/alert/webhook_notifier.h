// WebhookNotifier: delivers alerts to an HTTP endpoint, with retries and exponential backoff,
// from a background thread, and records each attempt's outcome in the AlertStore.
//
// Each alert is POSTed as its JSON form (alert.h, AlertToJson) with Content-Type
// application/json and an `X-Sluice-Alert-Id` header. A 2xx response means delivered; anything
// else (another status, a transport error, a timeout) is retried after
// min(initial_backoff * 2^(attempt-1), max_backoff), up to max_attempts attempts. Delivery is
// at least once: a lost 2xx makes a retry, so receivers should de-duplicate by alert id.
// Alerts wait in a bounded queue ordered by when they are due, so one failing alert does not
// hold back the others. After every attempt AlertStore::RecordDelivery gets (attempts so far,
// delivered_ms, last_error), so the store shows delivery progress even across a crash.
//
// URLs: http://host[:port][/path][?query]. https is refused (kInvalidArgument): the HTTP
// client (http/client.h) speaks plain HTTP only; deliver through a local TLS-terminating proxy.
//
// Ownership: borrows the store, which must outlive the notifier; owns its thread (started by
// Make, joined by Stop or the destructor). Thread-safety: all methods are thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "alert/alert.h"
#include "alert/alert_store.h"
#include "common/status.h"

namespace sluice::http {
class Client;
}  // namespace sluice::http

namespace sluice::alert {

struct WebhookOptions {
  int max_attempts = 5;
  std::chrono::milliseconds initial_backoff{1000};
  std::chrono::milliseconds max_backoff{60000};
  std::chrono::seconds timeout{10};   // per attempt: connect, send, and read the response
  std::size_t queue_capacity = 1024;  // alerts waiting or being attempted
};

// The parts of a webhook URL.
struct WebhookTarget {
  std::string host;
  std::uint16_t port = 80;
  std::string path = "/";  // with a leading '/'
  std::string query;       // without '?'
};

// kInvalidArgument for anything but http://host[:port][/path][?query].
Result<WebhookTarget> ParseWebhookUrl(const std::string& url);

class WebhookNotifier {
 public:
  // kInvalidArgument for a bad URL or options (max_attempts < 1, backoffs <= 0,
  // timeout < 1s, queue_capacity 0); kUnavailable when the thread cannot start.
  static Result<std::unique_ptr<WebhookNotifier>> Make(const std::string& url, AlertStore& store,
                                                       WebhookOptions options = {});
  // Stop(0): abandons whatever is still queued.
  ~WebhookNotifier();

  WebhookNotifier(const WebhookNotifier&) = delete;
  WebhookNotifier& operator=(const WebhookNotifier&) = delete;

  // Queues the alert for delivery; never blocks on the network. kResourceExhausted when the
  // queue is full (the alert's delivery is recorded as dropped); kFailedPrecondition after Stop.
  Status Enqueue(const Alert& alert);

  // Refuses new alerts and keeps delivering (and retrying) the queued ones until none is left
  // or `deadline` has passed; then records the rest as abandoned and joins the thread. An
  // attempt in flight at the deadline finishes first (at most `timeout` later). Idempotent.
  void Stop(std::chrono::milliseconds deadline);

  // Counters since Make.
  std::uint64_t delivered() const;  // got a 2xx
  std::uint64_t failed() const;     // max_attempts attempts, none a 2xx
  std::uint64_t dropped() const;    // refused by Enqueue: queue full
  std::uint64_t abandoned() const;  // still queued when Stop's deadline passed

 private:
  using Clock = std::chrono::steady_clock;
  struct Pending {
    Alert alert;
    int attempts = 0;
    std::string last_error;  // of the last attempt
  };

  WebhookNotifier(WebhookTarget target, AlertStore& store, WebhookOptions options)
      : target_(std::move(target)), store_(store), options_(options) {}
  void Run();
  // One POST; "" when delivered, else what went wrong.
  std::string Attempt(http::Client& client, const Alert& alert);
  void Record(const Pending& p, std::optional<std::int64_t> delivered_ms, const std::string& error);

  const WebhookTarget target_;
  AlertStore& store_;
  const WebhookOptions options_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::multimap<Clock::time_point, Pending> queue_;  // GUARDED_BY(mu_) by due time
  std::size_t in_flight_ = 0;                        // GUARDED_BY(mu_) 0 or 1; counts as queued
  bool stopping_ = false;                            // GUARDED_BY(mu_)
  Clock::time_point stop_deadline_;                  // GUARDED_BY(mu_) valid when stopping_
  std::uint64_t delivered_ = 0;                      // GUARDED_BY(mu_)
  std::uint64_t failed_ = 0;                         // GUARDED_BY(mu_)
  std::uint64_t dropped_ = 0;                        // GUARDED_BY(mu_)
  std::uint64_t abandoned_ = 0;                      // GUARDED_BY(mu_)
  std::mutex stop_mu_;                               // serializes Stop (join once)
  std::thread thread_;
};

}  // namespace sluice::alert
