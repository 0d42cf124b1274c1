// Recorder: where the service layer writes audit events.
//
// Record() returns once the event is written; a service use case answers its
// caller only after that, so nothing is done unrecorded. A failing recorder
// fails the request (kUnavailable): no record, no action.
// Implementations must be thread-safe.
#pragma once

#include "audit/event.h"
#include "common/status.h"

namespace sluice::audit {

class Recorder {
 public:
  virtual ~Recorder() = default;
  virtual Status Record(const Event& event) = 0;
};

}  // namespace sluice::audit
