// AuditLog: the tamper-evident audit log, a drop-in audit::Recorder.
//
// Every event becomes one canonical line of DIR/events.log (canonical.h),
// chained to the previous one by `prev` (the hex leaf hash of event seq-1)
// and hashed into an RFC 6962 Merkle tree whose (size, root) a background
// thread signs as a C2SP checkpoint at least every checkpoint_interval while
// the log grows, and once more on Close. Checkpoints go to DIR/checkpoints/
// and to an external directory (another disk, a mount an attacker with the
// data directory does not control). docs/audit-format.md has the format.
//
// Durability: Record returns OK only after the fdatasync(2) that covers the
// event's line succeeded. Concurrent callers share syncs (group commit): one
// of them, the leader, writes everything pending with one write(2) and one
// fdatasync while the others wait; then the next leader takes what queued
// up meanwhile. So under load one sync serves many events. Record blocks its
// thread for about one sync (milliseconds on most disks): throughput grows
// with the number of threads calling it, up to (callers / sync latency).
//
// Gathering: right after a sync, the callers it released usually come back
// with their next event within microseconds, but the next leader would
// otherwise start without them, and writers would split into two groups
// that alternate syncs. So a leader whose batch lacks some of the previous
// batch's callers waits for them, at most max_group_commit_delay and at most
// half the last sync's duration, then syncs whatever it has.
//
// Fail closed: when a write or sync fails, every caller waiting on it gets
// kUnavailable and the log refuses all later events (kUnavailable) until it
// is reopened: after a failed fdatasync the kernel may have dropped the
// dirty pages, so nothing later could be trusted to be on disk. An event
// whose Record failed may or may not be in the file after a restart.
//
// Opening recovers: the log is re-read and re-hashed; a torn last line (no
// newline: a crash mid-write, never acknowledged) is cut off; anything else
// that is not a well-formed, correctly chained canonical event, or a latest
// checkpoint (internal or external) that the log does not match, makes Open
// fail with kDataLoss: the log is not repaired silently, run VerifyAuditDir.
//
// Memory: 32 bytes of leaf hash per event (LeafStore), ~32 bytes of query
// index (EventIndex), plus 8 bytes per 256 events of file offsets; 10
// million events take ~650 MB.
//
// Ownership: owns its file descriptors and the checkpoint thread (started by
// Open, joined by Close). Thread-safety: all methods are thread-safe;
// ReadEvents and the proofs never block Record for long (they read the
// durable prefix, see LeafStore).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "audit/recorder.h"
#include "auditlog/canonical.h"
#include "auditlog/event_index.h"
#include "auditlog/hash.h"
#include "auditlog/leaf_store.h"
#include "auditlog/merkle.h"
#include "auditlog/signing_key.h"

namespace sluice::auditlog {

inline constexpr char kEventsFile[] = "events.log";
inline constexpr char kCheckpointsDir[] = "checkpoints";
inline constexpr char kCheckpointSuffix[] = ".checkpoint";

// "00000000000000000042.checkpoint": the file name of the checkpoint of a
// tree size (zero-padded to 20 digits, so names sort by size).
std::string CheckpointFileName(std::uint64_t size);

struct AuditLogOptions {
  std::string dir;       // DATA/audit; created (mode 0700) if missing
  std::string key_path;  // e.g. DATA/keys/audit-ed25519.pem; created if missing
  // The checkpoint origin. "" means DefaultOrigin(platform, key).
  std::string origin;
  std::string platform = "sluice";
  // Where copies of every checkpoint go; "" for none. Created if missing.
  std::string external_checkpoint_dir;
  std::chrono::milliseconds checkpoint_interval{1000};
  // See "Gathering" above; zero disables the wait.
  std::chrono::microseconds max_group_commit_delay{500};
};

// A signed checkpoint the log wrote.
struct SignedCheckpoint {
  std::string text;  // the whole signed note, as in the checkpoint files
  std::uint64_t size = 0;
  Hash root{};
};

class AuditLog final : public audit::Recorder {
 public:
  static Result<std::unique_ptr<AuditLog>> Open(const AuditLogOptions& options);
  ~AuditLog() override;  // Close(), ignoring its status

  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Appends the event and returns once it is durable. kUnavailable when the
  // log has failed or is closed; kInvalidArgument when the event has no
  // canonical form (canonical.h: NaN in details, time out of range).
  Status Record(const audit::Event& event) override;

  // Waits for events in flight, stops the checkpoint thread, writes the
  // final checkpoint and closes the files. Later Records fail. Returns the
  // first error among those steps (also: a failed log's error). Idempotent.
  Status Close();

  // Durable events: the size of the tree, and its root.
  std::uint64_t size() const;
  Hash Root() const;
  // Root of the tree of the first `size` events; kInvalidArgument when
  // size exceeds size().
  Result<Hash> RootAt(std::uint64_t size) const;

  // The last checkpoint written (or found at Open), if any.
  std::optional<SignedCheckpoint> LatestCheckpoint() const;
  // OK, or the error of the last failed checkpoint write (the next attempt
  // retries; checkpoint failures do not fail Record).
  Status CheckpointStatus() const;

  // Reads back durable events from the file, from `from_seq` on, at most
  // `max_count`, calling `visit` for each until it returns false.
  // kDataLoss when the file no longer holds what was written.
  Status ReadEvents(std::uint64_t from_seq, std::uint64_t max_count,
                    const std::function<bool(const StoredEvent&)>& visit) const;

  // Durable events matching `filter` (which must set some field), from
  // `from_seq` on, at most `max_count`, in log order: read through the
  // in-memory index (event_index.h), so only matching events are decoded.
  Status FindEvents(const EventFilter& filter, std::uint64_t from_seq, std::uint64_t max_count,
                    const std::function<bool(const StoredEvent&)>& visit) const;

  // RFC 6962 proofs over the durable tree, computed from the leaf hashes in
  // memory. kInvalidArgument unless index < size <= size(), resp.
  // old_size <= new_size <= size().
  Result<std::vector<Hash>> InclusionProof(std::uint64_t index, std::uint64_t size) const;
  Result<std::vector<Hash>> ConsistencyProof(std::uint64_t old_size, std::uint64_t new_size) const;

  const std::string& origin() const { return origin_; }
  // Where the log and the external checkpoints live (for VerifyAuditDir).
  const std::string& dir() const { return options_.dir; }
  const std::string& external_checkpoint_dir() const { return options_.external_checkpoint_dir; }
  const VerifyingKey& verifying_key() const { return key_.verifying_key(); }
  // The server's Ed25519 key; promotion attestations are signed with it too,
  // so an auditor pins one public key (docs/attestations.md).
  const SigningKey& signing_key() const { return key_; }
  // fdatasync calls made for events so far (group commit: < events).
  std::uint64_t sync_count() const;

 private:
  // Every kIndexStride-th event's file offset is kept (offsets_), so
  // ReadEvents starts at most this many lines before the first event asked
  // for.
  static constexpr std::uint64_t kIndexStride = 256;

  AuditLog(const AuditLogOptions& options, SigningKey key, std::string origin, int fd, int read_fd);
  Status Recover();
  Status CheckLatestCheckpoint(const std::string& dir, bool external);
  Status WriteAndSync(const std::string& batch);
  void CheckpointLoop();
  Status MaybeWriteCheckpoint();

  const AuditLogOptions options_;
  const SigningKey key_;
  const std::string origin_;
  const std::string events_path_;
  const int fd_;       // O_APPEND; written only by the leader of the moment; closed by Close
  const int read_fd_;  // for ReadEvents (pread); closed by the destructor

  // Group commit state.
  mutable std::mutex mu_;
  std::condition_variable committed_;         // a batch completed (for Close)
  std::uint64_t next_seq_ = 0;                // GUARDED_BY(mu_)
  Hash last_leaf_{};                          // GUARDED_BY(mu_) leaf hash of event next_seq_-1
  std::uint64_t pending_base_ = 0;            // GUARDED_BY(mu_) file offset where pending_ goes
  std::string pending_;                       // GUARDED_BY(mu_) lines not yet written
  std::vector<Hash> pending_leaves_;          // GUARDED_BY(mu_)
  std::vector<EventKeys> pending_keys_;       // GUARDED_BY(mu_) for index_
  std::vector<std::uint64_t> pending_index_;  // GUARDED_BY(mu_) offsets of seq % stride == 0
  bool leader_active_ = false;                // GUARDED_BY(mu_)
  // Written under mu_ by the leader; read without it by waiting callers.
  std::atomic<std::uint64_t> durable_count_{0};
  // Batches completed (synced or failed), wrapping; waiting callers block
  // on it (std::atomic::wait, a futex) instead of on a condition variable.
  std::atomic<std::uint32_t> batches_done_{0};
  Status failed_;                        // GUARDED_BY(mu_) sticky; OK while healthy
  bool closed_ = false;                  // GUARDED_BY(mu_)
  std::uint64_t sync_count_ = 0;         // GUARDED_BY(mu_) batches written and synced
  std::uint64_t last_batch_events_ = 0;  // GUARDED_BY(mu_) events in the last synced batch
  std::uint64_t returners_ = 0;          // GUARDED_BY(mu_) callers of it that came back since
  std::chrono::nanoseconds last_sync_time_{0};  // GUARDED_BY(mu_)
  bool gathering_ = false;                      // GUARDED_BY(mu_) a leader waits in joined_
  std::condition_variable joined_;              // a caller queued an event while gathering_

  // The durable tree; written by the leader after each sync.
  mutable std::mutex tree_mu_;
  LeafStore leaves_;                    // GUARDED_BY(tree_mu_)
  CompactRange frontier_;               // GUARDED_BY(tree_mu_)
  std::vector<std::uint64_t> offsets_;  // GUARDED_BY(tree_mu_) of seq k * kIndexStride
  std::uint64_t durable_bytes_ = 0;     // GUARDED_BY(tree_mu_)
  std::optional<SignedCheckpoint> latest_checkpoint_;  // GUARDED_BY(tree_mu_)
  Status checkpoint_status_;                           // GUARDED_BY(tree_mu_)

  // Durable events by principal, action, environment, decision (its own lock).
  EventIndex index_;

  // The checkpoint thread.
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stop_ = false;  // GUARDED_BY(stop_mu_)
  std::thread checkpointer_;

  std::mutex close_mu_;      // serializes Close
  bool recovered_ = false;   // set once by Open before the log is shared
  bool close_done_ = false;  // GUARDED_BY(close_mu_)
  Status close_status_;      // GUARDED_BY(close_mu_)
};

}  // namespace sluice::auditlog
