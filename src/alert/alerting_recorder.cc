#include "alert/alerting_recorder.h"

#include <system_error>
#include <utility>

#include "alert/event_view.h"

namespace sluice::alert {

Result<std::unique_ptr<AlertingRecorder>> AlertingRecorder::Make(audit::Recorder& inner,
                                                                 AlertEngine& engine,
                                                                 AlertStore& store,
                                                                 WebhookNotifier* notifier,
                                                                 AlertingRecorderOptions options) {
  if (options.queue_capacity == 0) return InvalidArgument("alert queue_capacity must be > 0");
  std::unique_ptr<AlertingRecorder> r(
      new AlertingRecorder(inner, engine, store, notifier, options));
  try {
    r->thread_ = std::thread([p = r.get()] { p->Run(); });
  } catch (const std::system_error& e) {
    return Unavailable(std::string("cannot start the alerting thread: ") + e.what());
  }
  return r;
}

AlertingRecorder::~AlertingRecorder() {
  Stop();
}

Status AlertingRecorder::Record(const audit::Event& event) {
  SLUICE_RETURN_IF_ERROR(inner_.Record(event));
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= options_.queue_capacity) {
      ++dropped_;
      return Status::Ok();
    }
    queue_.push_back(event);
  }
  work_.notify_one();
  return Status::Ok();
}

void AlertingRecorder::Flush() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [&] { return (queue_.empty() && !busy_) || exited_; });
}

void AlertingRecorder::Stop() {
  std::lock_guard stop_lock(stop_mu_);
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AlertingRecorder::Evaluate(const audit::Event& event) {
  std::vector<Alert> alerts = engine_.Observe(EventView(event));
  std::uint64_t store_failures = 0, notify_failures = 0;
  for (const Alert& alert : alerts) {
    if (!store_.Insert(alert).ok()) ++store_failures;
    if (notifier_ != nullptr && !notifier_->Enqueue(alert).ok()) ++notify_failures;
  }
  std::lock_guard lock(mu_);
  fired_ += alerts.size();
  store_failures_ += store_failures;
  notify_failures_ += notify_failures;
}

void AlertingRecorder::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) {  // stopping, and everything is evaluated
      exited_ = true;
      idle_.notify_all();
      return;
    }
    std::deque<audit::Event> batch;
    batch.swap(queue_);
    busy_ = true;
    lock.unlock();
    for (const audit::Event& event : batch) Evaluate(event);
    lock.lock();
    busy_ = false;
    idle_.notify_all();
  }
}

std::uint64_t AlertingRecorder::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}
std::uint64_t AlertingRecorder::alerts_fired() const {
  std::lock_guard lock(mu_);
  return fired_;
}
std::uint64_t AlertingRecorder::store_failures() const {
  std::lock_guard lock(mu_);
  return store_failures_;
}
std::uint64_t AlertingRecorder::notify_failures() const {
  std::lock_guard lock(mu_);
  return notify_failures_;
}

Result<std::int64_t> AlertingRecorder::OpenAlerts() {
  return store_.Count(kStateOpen);
}

}  // namespace sluice::alert
