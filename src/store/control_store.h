// ControlStore: where the control plane keeps its policy versions and
// sessions. SqliteControlStore implements it over the metadata database.
//
// Thread-safety: implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/control_records.h"

namespace sluice::store {

class ControlStore {
 public:
  virtual ~ControlStore() = default;

  // Stores `v` as the next version (ignoring v.version); returns its number.
  virtual Result<std::int64_t> AddPolicyVersion(const PolicyVersion& v) = 0;
  // kNotFound for an unknown version.
  virtual Result<PolicyVersion> GetPolicyVersion(std::int64_t version) = 0;
  // nullopt before the first version.
  virtual Result<std::optional<PolicyVersion>> LatestPolicyVersion() = 0;
  // Newest first, files included.
  virtual Result<std::vector<PolicyVersion>> ListPolicyVersions() = 0;

  // kAlreadyExists for a duplicate id.
  virtual Status CreateSession(const SessionRecord& session) = 0;
  virtual Result<SessionRecord> GetSession(std::string_view id) = 0;
  // A principal's sessions ("" for everyone's), newest first; closed and
  // expired ones only when `include_ended`.
  virtual Result<std::vector<SessionRecord>> ListSessions(std::string_view principal,
                                                          bool include_ended,
                                                          std::int64_t now_ms) = 0;
  // kNotFound for an unknown id; kFailedPrecondition when already closed.
  virtual Status CloseSession(std::string_view id, std::int64_t now_ms) = 0;
  virtual Result<std::int64_t> CountOpenSessions(std::int64_t now_ms) = 0;

  virtual Status CreateBreakGlass(const BreakGlassRecord& request) = 0;
  // With its approvals. kNotFound for an unknown id.
  virtual Result<BreakGlassRecord> GetBreakGlass(std::string_view id) = 0;
  // Newest first, at most 200.
  virtual Result<std::vector<BreakGlassRecord>> ListBreakGlass() = 0;
  // kAlreadyExists when this approver already approved it.
  virtual Status AddBreakGlassApproval(std::string_view id, const BreakGlassApproval& a) = 0;
  // Records the session a request opened; kFailedPrecondition when it
  // already opened one (a request opens at most one session).
  virtual Status MarkBreakGlassOpened(std::string_view id, std::string_view session_id) = 0;
};

}  // namespace sluice::store
