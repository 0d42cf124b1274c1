#include "metrics/instrumented_recorder.h"

#include <chrono>

#include "metrics/timer.h"

namespace sluice::metrics {

Status InstrumentedRecorder::Record(const audit::Event& event) {
  const auto start = std::chrono::steady_clock::now();
  Status status = inner_.Record(event);
  metrics_.ObserveAuditAppend(SecondsSince(start), event.allowed, status.ok());
  return status;
}

}  // namespace sluice::metrics
