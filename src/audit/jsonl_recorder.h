// JsonlRecorder: the interim recorder, one JSON line per event appended to a
// file (DATA/events.jsonl), until the Merkle audit log of issue 5 replaces it.
//
// Each event is one write(2) of a whole line to an O_APPEND descriptor under
// a mutex, so lines never interleave. It does not fsync: the interim log is
// as durable as the page cache; durable group commit is issue 5's.
//
// Thread-safe. Owns its file descriptor.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "audit/recorder.h"

namespace sluice::audit {

class JsonlRecorder final : public Recorder {
 public:
  // Opens (creating, mode 0600) `path` for appending.
  static Result<std::unique_ptr<JsonlRecorder>> Open(const std::string& path);
  ~JsonlRecorder() override;

  Status Record(const Event& event) override;

 private:
  explicit JsonlRecorder(int fd) : fd_(fd) {}

  std::mutex mu_;
  int fd_;  // writes guarded by mu_
};

}  // namespace sluice::audit
