// VerifyAuditDir: the offline check of an audit directory (DATA/audit) that
// an auditor runs with the log's public key, pinned outside the data
// directory. It re-reads events.log and
//   - checks every line is a canonical event (canonical.h), at its seq, with
//     prev = the leaf hash of the line before (locating breaks: chain_check.h);
//   - recomputes the Merkle tree, and for every checkpoint file, internal
//     (DIR/checkpoints) and external, checks its signature by `key`, its
//     origin, that its file name matches its size, that the log has at least
//     that many events, and that the log's root at that size is its root;
//   - checks that checkpoints agree with each other (one size, one root).
// A log rewritten wholesale, self-consistently, with its internal
// checkpoints re-signed under another key or deleted, is caught by the
// external checkpoints (root mismatch, or a signature by another key).
//
// Every problem found goes into the report, not just the first.
//
// Thread-safety: stateless; it only reads files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "auditlog/chain_check.h"
#include "auditlog/hash.h"
#include "auditlog/signing_key.h"
#include "common/status.h"

namespace sluice::auditlog {

struct VerifyOptions {
  std::string dir;                      // the audit directory (holds events.log)
  std::string external_checkpoint_dir;  // "" when there is none
  // The expected checkpoint origin; "" accepts each checkpoint's own origin
  // but requires all checkpoints to share one.
  std::string origin;
};

struct VerifyReport {
  std::uint64_t events = 0;                // complete lines in events.log
  Hash root{};                             // Merkle root over all of them
  std::uint64_t checkpoints = 0;           // internal checkpoint files examined
  std::uint64_t external_checkpoints = 0;  // external checkpoint files examined
  // The largest size vouched for by a checkpoint that verified completely
  // (signature, origin, root); 0 when none did.
  std::uint64_t verified_size = 0;
  std::vector<VerifyProblem> problems;

  bool ok() const { return problems.empty(); }
};

// kNotFound when options.dir does not exist; kUnavailable when a file
// cannot be read (an unreadable checkpoint file is reported as a problem
// instead). Everything the files reveal goes into the report.
Result<VerifyReport> VerifyAuditDir(const VerifyOptions& options, const VerifyingKey& key);

}  // namespace sluice::auditlog
