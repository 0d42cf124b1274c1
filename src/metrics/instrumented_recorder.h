// InstrumentedRecorder: an audit::Recorder that passes every event to an
// inner recorder (the audit log) and measures it: the time of each Record
// goes into sluice_audit_append_duration_seconds (failed appends too, a
// slow failure is worth seeing) and each event recorded successfully
// counts once in sluice_audit_events_total{decision="allow"|"deny"}.
//
// The inner status is returned unchanged: a failed append still fails the
// request (audit/recorder.h), measuring it changes nothing.
//
// Ownership: borrows `inner` and `metrics`, which must outlive it.
// Thread-safety: as thread-safe as the inner recorder (the metrics are).
#pragma once

#include "audit/event.h"
#include "audit/recorder.h"
#include "common/status.h"
#include "metrics/sluice_metrics.h"

namespace sluice::metrics {

class InstrumentedRecorder final : public audit::Recorder {
 public:
  InstrumentedRecorder(audit::Recorder& inner, SluiceMetrics& metrics)
      : inner_(inner), metrics_(metrics) {}

  Status Record(const audit::Event& event) override;

 private:
  audit::Recorder& inner_;
  SluiceMetrics& metrics_;
};

}  // namespace sluice::metrics
