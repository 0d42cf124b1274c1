// Records of the control plane's own state (issue 6): versioned policy sets
// and just-in-time sessions. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sluice::store {

// One file of a policy set, e.g. {"10-interactive.cedar", "..."}.
struct PolicyFile {
  std::string name;
  std::string text;

  friend bool operator==(const PolicyFile&, const PolicyFile&) = default;
};

// A version of the whole policy set: a push replaces every file at once,
// and a rollback pushes an old version's files again as a new version.
struct PolicyVersion {
  std::int64_t version = 0;  // 1, 2, ... assigned by the store
  std::vector<PolicyFile> files;
  std::string author;
  std::int64_t created_ms = 0;
  std::string comment;
};

// A just-in-time session: a principal's declared purpose for working in one
// environment until `expires_ms`. The secret's SHA-256 is stored, never the
// secret.
struct SessionRecord {
  std::string id;
  std::string secret_hash;
  std::string principal;
  std::string environment;
  std::string purpose;
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
  std::optional<std::int64_t> closed_ms;
  bool break_glass = false;

  bool open_at(std::int64_t now_ms) const { return !closed_ms && now_ms < expires_ms; }
};

// A request to break the glass: a person asks for a short read-write
// session in an automation-only environment, with a reason; two approvers
// who are not the requester must approve before it can be opened, once.
struct BreakGlassApproval {
  std::string approver;
  std::int64_t approved_ms = 0;
  std::string comment;
};

struct BreakGlassRecord {
  std::string id;
  std::string requester;
  std::string environment;
  std::string reason;
  std::int64_t ttl_s = 3600;  // of the session it opens
  std::int64_t created_ms = 0;
  std::string session_id;                     // set once opened
  std::vector<BreakGlassApproval> approvals;  // in approval order
};

}  // namespace sluice::store
