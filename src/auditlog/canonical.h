// The canonical form of an audit event: the bytes that are stored as one
// line of events.log, hashed into the Merkle tree and chained by `prev`.
// docs/audit-format.md defines it; in short, an RFC 8785 (JCS) object:
//
//   {"action":..,"client_address":..,"decision":"allow"|"deny","details":..,
//    "determining_policies":[..],"environment":..,"outcome":..,
//    "policy_errors":[..],"prev":"<hex leaf hash of event seq-1, or "">",
//    "principal":{"kind":..,"name":..},"request_id":..,
//    "resource":{"id":..,"type":..},"seq":<0-based position>,"session":null,
//    "time":"YYYY-MM-DDTHH:MM:SS.mmmZ","user_agent":..}
//
// Writing and reading are exact inverses on canonical bytes: for any line
// that ParseStoredEvent accepts, CanonicalEvent of the result gives the same
// bytes (stored_event_fuzz checks it), and every other line is rejected. So
// accepting a line is the canonicality check.
//
// Thread-safety: stateless.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "audit/event.h"
#include "auditlog/event_index.h"
#include "common/status.h"

namespace sluice::auditlog {

// An event as the log holds it: its position and its link to the previous
// event, plus the event itself.
struct StoredEvent {
  std::uint64_t seq = 0;
  std::string prev;  // 64 lowercase hex digits; "" for seq 0
  audit::Event event;
};

// The canonical bytes, split around the two members that only the log can
// fill in (seq and prev), so that the expensive part of encoding runs before
// the log takes its lock. Assemble with AppendCanonicalEvent.
struct EncodedEvent {
  std::string before_prev;  // `{"action":...,"prev":"`
  std::string before_seq;   // `","principal":...,"seq":`
  std::string after_seq;    // `,"session":null,...}`
};

// kInvalidArgument when the event cannot be written canonically: a time
// outside years 0000..9999, or `details` holding NaN, an infinity, a binary
// value or nesting deeper than kMaxJcsDepth. Invalid UTF-8 in strings is
// written as U+FFFD (see jcs.h).
Result<EncodedEvent> EncodeEvent(const audit::Event& event);

// Appends the canonical bytes of the event (no newline) to `out`.
// `prev_hex` is "" or 64 lowercase hex digits.
void AppendCanonicalEvent(const EncodedEvent& encoded, std::uint64_t seq, std::string_view prev_hex,
                          std::string& out);

// EncodeEvent and AppendCanonicalEvent in one call.
Result<std::string> CanonicalEvent(const audit::Event& event, std::uint64_t seq,
                                   std::string_view prev_hex);

// Reads one canonical event (the line without its newline).
// kInvalidArgument, naming the byte offset, for anything not canonical.
Result<StoredEvent> ParseStoredEvent(std::string_view line);

// The chain fields of a canonical event, read without decoding the rest:
// the fast path of verification and of opening a log. Validates the whole
// line exactly as ParseStoredEvent does.
struct EventLink {
  std::uint64_t seq = 0;
  std::string_view prev_hex;  // views `line`
};
// When `keys` is given, the fields the event index needs are decoded into it.
Result<EventLink> ScanStoredEvent(std::string_view line, EventKeys* keys = nullptr);

}  // namespace sluice::auditlog
