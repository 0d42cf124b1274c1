#include "alert/webhook_notifier.h"

#include <algorithm>
#include <system_error>
#include <vector>

#include "common/clock.h"
#include "http/client.h"

namespace sluice::alert {

Result<WebhookTarget> ParseWebhookUrl(const std::string& url) {
  if (url.starts_with("https://")) {
    return InvalidArgument("webhook URL \"" + url +
                           "\": https is not supported (the HTTP client speaks plain HTTP); "
                           "deliver through a local TLS-terminating proxy");
  }
  SLUICE_ASSIGN_OR_RETURN(http::Endpoint endpoint, http::ParseServerUrl(url));
  WebhookTarget target;
  target.host = endpoint.host;
  target.port = endpoint.port;
  const std::string rest = url.substr(std::string_view("http://").size());
  const std::size_t slash = rest.find('/');
  if (rest.substr(0, slash).find('?') != std::string::npos) {
    return InvalidArgument("webhook URL \"" + url + "\": put a path before the query");
  }
  if (slash != std::string::npos) {
    std::string path = rest.substr(slash);
    const std::size_t question = path.find('?');
    if (question != std::string::npos) {
      target.query = path.substr(question + 1);
      path.resize(question);
    }
    target.path = path;
  }
  for (char c : target.path + target.query) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '#' || c == 0x7f) {
      return InvalidArgument("webhook URL \"" + url + "\" has a space, control character or #");
    }
  }
  return target;
}

Result<std::unique_ptr<WebhookNotifier>> WebhookNotifier::Make(const std::string& url,
                                                               AlertStore& store,
                                                               WebhookOptions options) {
  SLUICE_ASSIGN_OR_RETURN(WebhookTarget target, ParseWebhookUrl(url));
  if (options.max_attempts < 1) return InvalidArgument("webhook max_attempts must be >= 1");
  if (options.initial_backoff.count() <= 0 || options.max_backoff < options.initial_backoff) {
    return InvalidArgument("webhook backoffs must be positive, initial <= max");
  }
  if (options.timeout.count() < 1) return InvalidArgument("webhook timeout must be >= 1s");
  if (options.queue_capacity == 0) return InvalidArgument("webhook queue_capacity must be > 0");
  std::unique_ptr<WebhookNotifier> n(new WebhookNotifier(std::move(target), store, options));
  try {
    n->thread_ = std::thread([p = n.get()] { p->Run(); });
  } catch (const std::system_error& e) {
    return Unavailable(std::string("cannot start the webhook thread: ") + e.what());
  }
  return n;
}

WebhookNotifier::~WebhookNotifier() {
  Stop(std::chrono::milliseconds(0));
}

Status WebhookNotifier::Enqueue(const Alert& alert) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return FailedPrecondition("the webhook notifier is stopped");
    if (queue_.size() + in_flight_ < options_.queue_capacity) {
      queue_.emplace(Clock::now(), Pending{alert, 0, {}});
      wake_.notify_all();
      return Status::Ok();
    }
    ++dropped_;
  }
  store_.RecordDelivery(alert.id, 0, std::nullopt, "dropped: webhook queue full").IgnoreError();
  return ResourceExhausted("webhook queue full (" + std::to_string(options_.queue_capacity) +
                           " alerts); alert " + alert.id + " not delivered");
}

void WebhookNotifier::Stop(std::chrono::milliseconds deadline) {
  std::lock_guard stop_lock(stop_mu_);
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      stopping_ = true;
      stop_deadline_ = Clock::now() + deadline;
    }
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string WebhookNotifier::Attempt(http::Client& client, const Alert& alert) {
  http::Request request;
  request.method = "POST";
  request.path = target_.path;
  request.query = target_.query;
  request.headers.Set("content-type", "application/json");
  request.headers.Set("user-agent", "sluice-alert");
  request.headers.Set("x-sluice-alert-id", alert.id);
  request.body = DumpJson(AlertToJson(alert));
  Result<http::Response> response = client.Send(request);
  if (!response.ok()) return response.status().ToString();
  if (response->status >= 200 && response->status <= 299) return "";
  std::string error = "HTTP " + std::to_string(response->status);
  if (!response->body.empty()) error += ": " + response->body.substr(0, 200);
  return error;
}

void WebhookNotifier::Record(const Pending& p, std::optional<std::int64_t> delivered_ms,
                             const std::string& error) {
  // Best effort: the store being down must not stop deliveries.
  store_.RecordDelivery(p.alert.id, p.attempts, delivered_ms, error).IgnoreError();
}

void WebhookNotifier::Run() {
  std::unique_ptr<http::Client> client =
      http::Client::Make(http::Endpoint{target_.host, target_.port}, options_.timeout);
  std::unique_lock lock(mu_);
  for (;;) {
    if (queue_.empty()) {
      if (stopping_) return;
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      continue;
    }
    const Clock::time_point now = Clock::now();
    if (stopping_ && now >= stop_deadline_) {
      std::vector<Pending> rest;
      for (auto& [due, p] : queue_) rest.push_back(std::move(p));
      queue_.clear();
      abandoned_ += rest.size();
      lock.unlock();
      for (const Pending& p : rest) {
        Record(p, std::nullopt,
               "abandoned: notifier stopped" + (p.last_error.empty() ? "" : "; " + p.last_error));
      }
      return;
    }
    const Clock::time_point due = queue_.begin()->first;
    if (now < due) {
      wake_.wait_until(lock, stopping_ ? std::min(due, stop_deadline_) : due);
      continue;
    }
    Pending p = std::move(queue_.begin()->second);
    queue_.erase(queue_.begin());
    in_flight_ = 1;
    lock.unlock();

    ++p.attempts;
    const std::string error = Attempt(*client, p.alert);
    p.last_error = error;
    if (error.empty()) {
      Record(p, NowMillis(), "");
    } else {
      Record(p, std::nullopt, error);
    }
    lock.lock();
    in_flight_ = 0;
    if (error.empty()) {
      ++delivered_;
    } else if (p.attempts >= options_.max_attempts) {
      ++failed_;
    } else {
      std::chrono::milliseconds backoff = options_.initial_backoff;
      for (int i = 1; i < p.attempts && backoff < options_.max_backoff; ++i) backoff *= 2;
      backoff = std::min(backoff, options_.max_backoff);
      queue_.emplace(Clock::now() + backoff, std::move(p));
    }
  }
}

std::uint64_t WebhookNotifier::delivered() const {
  std::lock_guard lock(mu_);
  return delivered_;
}
std::uint64_t WebhookNotifier::failed() const {
  std::lock_guard lock(mu_);
  return failed_;
}
std::uint64_t WebhookNotifier::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}
std::uint64_t WebhookNotifier::abandoned() const {
  std::lock_guard lock(mu_);
  return abandoned_;
}

}  // namespace sluice::alert
