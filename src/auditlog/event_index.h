// EventIndex: an in-memory inverted index of the audit log, so that a query
// by principal, action, environment or decision reads only the events that
// match instead of scanning the log.
//
// For each (field, value) the index keeps the ascending sequence numbers of
// the events that have it (a posting list). A query intersects the lists of
// the fields it filters on, starting from a sequence number. Time is not
// indexed here: the log is in time order, so AuditLog's callers binary-search
// it (see Service::QueryAudit).
//
// Rebuilt from the log at every Open (the log is the only truth; the index
// is never written to disk, so it cannot disagree with it after a crash).
// Memory: about 4 x 8 bytes per event plus one entry per distinct value; 10
// million events take ~320 MB, as much as the leaf hashes.
//
// Thread-safety: all methods are thread-safe (a shared mutex; Add takes it
// exclusively, once per group-commit batch).
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace sluice::auditlog {

// The indexed fields of one event.
struct EventKeys {
  std::string principal;  // principal name ("" when unauthenticated)
  std::string action;
  std::string environment;
  bool allowed = false;
};

// What a query filters on; an empty string (or nullopt) matches everything.
struct EventFilter {
  std::string principal;
  std::string action;
  std::string environment;
  std::optional<bool> allowed;

  bool empty() const {
    return principal.empty() && action.empty() && environment.empty() && !allowed;
  }
};

class EventIndex {
 public:
  // Appends events `first_seq`, `first_seq + 1`, ...: sequence numbers must
  // grow (the caller adds each batch once, in log order).
  void Add(std::uint64_t first_seq, std::span<const EventKeys> keys);

  // Up to `max_count` ascending sequence numbers >= `from_seq` and < `end_seq`
  // of events matching every field `filter` sets. Precondition: !filter.empty().
  std::vector<std::uint64_t> Find(const EventFilter& filter, std::uint64_t from_seq,
                                  std::uint64_t end_seq, std::size_t max_count) const;

 private:
  using Postings = std::vector<std::uint64_t>;
  static std::string Key(char field, const std::string& value) { return field + value; }

  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Postings> postings_;  // GUARDED_BY(mu_) "p"+name, "a"+action...
};

}  // namespace sluice::auditlog
