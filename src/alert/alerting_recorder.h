// AlertingRecorder: an audit::Recorder that records through an inner recorder (the audit log)
// and then feeds each recorded event to the alert engine, off the request path.
//
// Record(e) calls inner.Record(e) and returns its status unchanged. Only if that succeeded is
// the event queued for alerting: a bounded queue (queue_capacity; the thread takes it in
// batches, so at most twice that many events are held) drained by one background thread,
// which runs AlertEngine::Observe(EventView(e)), inserts every fired alert into the store and
// hands it to the notifier (when there is one). Alerting never blocks or fails a request: when
// the queue is full the event is not evaluated and dropped() counts it; store and notifier
// failures are counted (store_failures(), notify_failures()), never returned.
//
// So an alert can lag its event by the queue's length, and an event dropped under overload can
// keep a rule from firing. An event whose recording failed never fires anything: it did not
// happen, as far as the record goes.
//
// Ownership: borrows the inner recorder, the engine, the store and the notifier (optional),
// which must outlive it; owns its thread (started by Make, joined by Stop or the destructor).
// Stop does not stop the notifier: its owner does, after this recorder's Stop.
// Thread-safety: all methods are thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "alert/alert_store.h"
#include "alert/engine.h"
#include "alert/webhook_notifier.h"
#include "audit/recorder.h"

namespace sluice::alert {

struct AlertingRecorderOptions {
  std::size_t queue_capacity = 65'536;
};

class AlertingRecorder final : public audit::Recorder {
 public:
  // `notifier` may be null (alerts are stored only). kInvalidArgument for queue_capacity 0;
  // kUnavailable when the thread cannot start.
  static Result<std::unique_ptr<AlertingRecorder>> Make(audit::Recorder& inner, AlertEngine& engine,
                                                        AlertStore& store,
                                                        WebhookNotifier* notifier,
                                                        AlertingRecorderOptions options = {});
  ~AlertingRecorder() override;  // Stop()

  AlertingRecorder(const AlertingRecorder&) = delete;
  AlertingRecorder& operator=(const AlertingRecorder&) = delete;

  // inner.Record(event); on success, queues the event for alerting (or counts a drop).
  Status Record(const audit::Event& event) override;

  // Waits until every event queued before the call has been evaluated and its alerts stored
  // and handed to the notifier. For tests and shutdown.
  void Flush();

  // Evaluates what is queued, then stops the thread. Later Records still reach the inner
  // recorder but are not evaluated (they count as dropped). Idempotent.
  void Stop();

  // Counters since Make.
  std::uint64_t dropped() const;          // events not evaluated: queue full or stopped
  std::uint64_t alerts_fired() const;     // alerts the engine fired
  std::uint64_t store_failures() const;   // fired alerts the store refused
  std::uint64_t notify_failures() const;  // fired alerts the notifier refused

  // Open alerts in the store (one indexed COUNT for SqliteAlertStore).
  Result<std::int64_t> OpenAlerts();

 private:
  AlertingRecorder(audit::Recorder& inner, AlertEngine& engine, AlertStore& store,
                   WebhookNotifier* notifier, AlertingRecorderOptions options)
      : inner_(inner), engine_(engine), store_(store), notifier_(notifier), options_(options) {}
  void Run();
  void Evaluate(const audit::Event& event);

  audit::Recorder& inner_;
  AlertEngine& engine_;
  AlertStore& store_;
  WebhookNotifier* const notifier_;  // may be null
  const AlertingRecorderOptions options_;

  mutable std::mutex mu_;
  std::condition_variable work_;       // queue_ gained an event, or stopping_
  std::condition_variable idle_;       // the thread finished a batch
  std::deque<audit::Event> queue_;     // GUARDED_BY(mu_)
  bool busy_ = false;                  // GUARDED_BY(mu_) a batch is being evaluated
  bool stopping_ = false;              // GUARDED_BY(mu_)
  bool exited_ = false;                // GUARDED_BY(mu_) the thread has returned
  std::uint64_t dropped_ = 0;          // GUARDED_BY(mu_)
  std::uint64_t fired_ = 0;            // GUARDED_BY(mu_)
  std::uint64_t store_failures_ = 0;   // GUARDED_BY(mu_)
  std::uint64_t notify_failures_ = 0;  // GUARDED_BY(mu_)
  std::mutex stop_mu_;                 // serializes Stop (join once)
  std::thread thread_;
};

}  // namespace sluice::alert
