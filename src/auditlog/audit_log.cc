#include "auditlog/audit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "auditlog/checkpoint.h"
#include "auditlog/file_io.h"
#include "auditlog/note.h"

namespace sluice::auditlog {
namespace {

// Which log a thread last returned from, and after which batch: a caller
// that comes back before the next batch completes is a "returner" the next
// leader may wait for (see Gathering in the header).
struct LastReturn {
  const void* log = nullptr;
  std::uint32_t after_batch = 0;  // AuditLog::batches_done_ then
};
thread_local LastReturn last_return;

std::string Join(const std::string& dir, const std::string& name) {
  return dir + "/" + name;
}

}  // namespace

std::string CheckpointFileName(std::uint64_t size) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%020llu%s", static_cast<unsigned long long>(size),
                kCheckpointSuffix);
  return buf;
}

AuditLog::AuditLog(const AuditLogOptions& options, SigningKey key, std::string origin, int fd,
                   int read_fd)
    : options_(options),
      key_(std::move(key)),
      origin_(std::move(origin)),
      events_path_(Join(options.dir, kEventsFile)),
      fd_(fd),
      read_fd_(read_fd) {}

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const AuditLogOptions& options) {
  if (options.dir.empty()) return InvalidArgument("the audit log directory is not set");
  if (options.key_path.empty()) return InvalidArgument("the audit signing key path is not set");
  if (options.checkpoint_interval.count() <= 0) {
    return InvalidArgument("the checkpoint interval must be positive");
  }
  SLUICE_RETURN_IF_ERROR(MakeDirectory(options.dir, 0700));
  SLUICE_RETURN_IF_ERROR(MakeDirectory(Join(options.dir, kCheckpointsDir), 0700));
  if (!options.external_checkpoint_dir.empty()) {
    SLUICE_RETURN_IF_ERROR(MakeDirectory(options.external_checkpoint_dir, 0700));
  }
  SLUICE_ASSIGN_OR_RETURN(SigningKey key, SigningKey::LoadOrCreate(options.key_path));
  std::string origin = options.origin;
  if (origin.empty()) {
    SLUICE_ASSIGN_OR_RETURN(origin, DefaultOrigin(options.platform, key.verifying_key()));
  } else {
    SLUICE_RETURN_IF_ERROR(ValidateKeyName(origin));
  }

  const std::string path = Join(options.dir, kEventsFile);
  int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      // The new file's directory entry must survive a crash too.
      Status synced = SyncDirectory(options.dir);
      if (!synced.ok()) {
        ::close(fd);
        return synced;
      }
    }
  }
  if (fd < 0) return ErrnoStatus("cannot open " + path);
  const int read_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (read_fd < 0) {
    Status s = ErrnoStatus("cannot open " + path);
    ::close(fd);
    return s;
  }
  std::unique_ptr<AuditLog> log(
      new AuditLog(options, std::move(key), std::move(origin), fd, read_fd));
  SLUICE_RETURN_IF_ERROR(log->Recover());
  log->recovered_ = true;
  log->checkpointer_ = std::thread(&AuditLog::CheckpointLoop, log.get());
  return log;
}

AuditLog::~AuditLog() {
  Close().IgnoreError();
  ::close(read_fd_);
}

Status AuditLog::Record(const audit::Event& event) {
  Result<EncodedEvent> encoded = EncodeEvent(event);
  if (!encoded.ok()) return encoded.status();

  std::unique_lock lock(mu_);
  if (!failed_.ok()) return failed_;
  if (closed_) return Unavailable("the audit log is closed");
  const std::uint64_t seq = next_seq_++;
  const std::string prev_hex = seq > 0 ? HashHex(last_leaf_) : std::string();
  const std::size_t start = pending_.size();
  AppendCanonicalEvent(*encoded, seq, prev_hex, pending_);
  const Hash leaf = LeafHash(std::string_view(pending_).substr(start));
  pending_.push_back('\n');
  if (seq % kIndexStride == 0) pending_index_.push_back(pending_base_ + start);
  pending_leaves_.push_back(leaf);
  pending_keys_.push_back({event.principal, event.action, event.environment, event.allowed});
  last_leaf_ = leaf;
  if (last_return.log == this && last_return.after_batch == batches_done_.load()) {
    ++returners_;
    // Wake the gathering leader only when its batch is complete: every
    // wake-up is a context switch, and callers come back by the dozen.
    if (gathering_ && returners_ >= last_batch_events_) joined_.notify_one();
  }

  while (durable_count_.load(std::memory_order_acquire) <= seq) {
    if (!failed_.ok()) return failed_;
    if (leader_active_) {
      // Wait for the leader's batch without touching mu_: a mutex handed
      // from one woken waiter to the next costs a context switch each, and
      // with dozens of waiters that convoy, not the disk, set the pace.
      const std::uint32_t batch = batches_done_.load(std::memory_order_acquire);
      lock.unlock();
      batches_done_.wait(batch, std::memory_order_acquire);
      if (durable_count_.load(std::memory_order_acquire) > seq) {
        last_return = {this, batches_done_.load(std::memory_order_acquire)};
        return Status::Ok();
      }
      lock.lock();
      continue;
    }
    // Lead: write and sync everything pending (our line and whatever queued
    // up while the previous leader synced), then wake everyone it covers.
    leader_active_ = true;
    const auto delay =
        std::min<std::chrono::nanoseconds>(options_.max_group_commit_delay, last_sync_time_ / 2);
    if (returners_ < last_batch_events_ && delay.count() > 0) {
      gathering_ = true;
      joined_.wait_for(lock, delay, [&] { return returners_ >= last_batch_events_; });
      gathering_ = false;
    }
    std::string batch;
    batch.swap(pending_);
    std::vector<Hash> batch_leaves;
    batch_leaves.swap(pending_leaves_);
    std::vector<std::uint64_t> batch_index;
    batch_index.swap(pending_index_);
    std::vector<EventKeys> batch_keys;
    batch_keys.swap(pending_keys_);
    const std::uint64_t batch_end = next_seq_;
    pending_base_ += batch.size();
    lock.unlock();

    const auto sync_start = std::chrono::steady_clock::now();
    Status status = WriteAndSync(batch);
    const auto sync_time = std::chrono::steady_clock::now() - sync_start;
    if (status.ok()) {
      std::lock_guard tree_lock(tree_mu_);
      for (const Hash& l : batch_leaves) {
        leaves_.Append(l);
        frontier_.Append(l);
      }
      offsets_.insert(offsets_.end(), batch_index.begin(), batch_index.end());
      durable_bytes_ += batch.size();
    }
    if (status.ok()) index_.Add(batch_end - batch_keys.size(), batch_keys);

    lock.lock();
    leader_active_ = false;
    if (status.ok()) {
      durable_count_.store(batch_end, std::memory_order_release);
      ++sync_count_;
      last_batch_events_ = batch_leaves.size();
      returners_ = 0;
      last_sync_time_ = sync_time;
    } else {
      failed_ = Unavailable("the audit log failed (" + status.message() +
                            "); it accepts no further events until it is reopened");
    }
    batches_done_.fetch_add(1, std::memory_order_release);
    batches_done_.notify_all();
    committed_.notify_all();
  }
  last_return = {this, batches_done_.load(std::memory_order_acquire)};
  return Status::Ok();
}

Status AuditLog::WriteAndSync(const std::string& batch) {
  SLUICE_RETURN_IF_ERROR(WriteAll(fd_, batch, events_path_));
  while (::fdatasync(fd_) != 0) {
    if (errno != EINTR) return ErrnoStatus("cannot fdatasync " + events_path_);
  }
  return Status::Ok();
}

Status AuditLog::Close() {
  std::lock_guard close_lock(close_mu_);
  if (close_done_) return close_status_;
  close_done_ = true;
  Status status;
  {
    std::unique_lock lock(mu_);
    closed_ = true;
    // Events already accepted still get written by their own callers.
    committed_.wait(lock, [&] { return !leader_active_ && (pending_.empty() || !failed_.ok()); });
    status = failed_;
  }
  if (checkpointer_.joinable()) {
    {
      std::lock_guard stop_lock(stop_mu_);
      stop_ = true;
    }
    stop_cv_.notify_all();
    checkpointer_.join();
  }
  if (recovered_) {
    Status written = MaybeWriteCheckpoint();
    if (status.ok()) status = written;
  }
  ::close(fd_);
  close_status_ = status;
  return status;
}

void AuditLog::CheckpointLoop() {
  std::unique_lock lock(stop_mu_);
  while (!stop_cv_.wait_for(lock, options_.checkpoint_interval, [&] { return stop_; })) {
    lock.unlock();
    MaybeWriteCheckpoint().IgnoreError();  // kept in checkpoint_status_; retried next time
    lock.lock();
  }
}

Status AuditLog::MaybeWriteCheckpoint() {
  std::uint64_t size;
  Hash root;
  {
    std::lock_guard tree_lock(tree_mu_);
    size = frontier_.size();
    if (latest_checkpoint_ && latest_checkpoint_->size == size) return Status::Ok();
    root = frontier_.Root();
  }
  Result<std::string> text = MakeSignedCheckpoint(origin_, size, root, key_);
  Status status = text.status();
  if (status.ok()) {
    const std::string name = CheckpointFileName(size);
    status = WriteFileDurably(Join(Join(options_.dir, kCheckpointsDir), name), *text, 0600);
    if (!options_.external_checkpoint_dir.empty()) {
      Status external = WriteFileDurably(Join(options_.external_checkpoint_dir, name), *text, 0600);
      if (status.ok()) status = external;
    }
  }
  std::lock_guard tree_lock(tree_mu_);
  checkpoint_status_ = status;
  if (status.ok()) latest_checkpoint_ = SignedCheckpoint{std::move(*text), size, root};
  return status;
}

}  // namespace sluice::auditlog
