// AuditLog, reading side: recovery at Open, ReadEvents, roots and proofs.
// (Writing, group commit and checkpoints are in audit_log.cc.)
#include <unistd.h>

#include <optional>

#include "auditlog/audit_log.h"
#include "auditlog/checkpoint.h"
#include "auditlog/file_io.h"
#include "auditlog/line_reader.h"

namespace sluice::auditlog {
namespace {

std::string Join(const std::string& dir, const std::string& name) {
  return dir + "/" + name;
}

// The size a checkpoint file name announces, or nullopt for other names.
std::optional<std::uint64_t> SizeFromFileName(const std::string& name) {
  const std::size_t digits = 20;
  if (name.size() != digits + std::string_view(kCheckpointSuffix).size()) return std::nullopt;
  std::uint64_t size = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    size = size * 10 + static_cast<std::uint64_t>(name[i] - '0');
  }
  return size;
}

}  // namespace

// Runs before the log is shared: no locking needed, but the members are
// written under their mutexes anyway to keep the GUARDED_BY contract plain.
Status AuditLog::Recover() {
  std::lock_guard lock(mu_);
  std::lock_guard tree_lock(tree_mu_);
  LineReader reader(read_fd_, events_path_, 0);
  std::uint64_t index = 0;
  Hash previous{};
  std::string expected_prev;
  std::string_view line;
  std::vector<EventKeys> keys(1);
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&line));
    if (!more) break;
    auto damaged = [&](const std::string& what) {
      return DataLoss(events_path_ + ": event " + std::to_string(index) + " (byte offset " +
                      std::to_string(reader.line_offset()) + ") " + what +
                      "; the log is damaged or was altered: run the audit verifier");
    };
    Result<EventLink> link = ScanStoredEvent(line, &keys[0]);
    if (!link.ok()) return damaged("is not a canonical event: " + link.status().message());
    if (link->seq != index) return damaged("has seq " + std::to_string(link->seq));
    expected_prev.clear();
    if (index > 0) AppendHashHex(previous, expected_prev);
    if (link->prev_hex != expected_prev) return damaged("does not chain to the event before it");
    const Hash leaf = LeafHash(line);
    if (index % kIndexStride == 0) offsets_.push_back(reader.line_offset());
    leaves_.Append(leaf);
    frontier_.Append(leaf);
    index_.Add(index, keys);
    previous = leaf;
    ++index;
  }
  const std::uint64_t good_bytes = reader.tail_offset();

  SLUICE_RETURN_IF_ERROR(CheckLatestCheckpoint(Join(options_.dir, kCheckpointsDir), false));
  if (!options_.external_checkpoint_dir.empty()) {
    SLUICE_RETURN_IF_ERROR(CheckLatestCheckpoint(options_.external_checkpoint_dir, true));
  }

  if (!reader.tail().empty()) {
    // A line without its newline was never acknowledged (Record returns
    // after the sync of the whole line): cut it off.
    if (::ftruncate(fd_, static_cast<off_t>(good_bytes)) != 0 || ::fdatasync(fd_) != 0) {
      return ErrnoStatus("cannot truncate the torn last line of " + events_path_);
    }
  }
  next_seq_ = index;
  durable_count_ = index;
  last_leaf_ = previous;
  pending_base_ = good_bytes;
  durable_bytes_ = good_bytes;
  return Status::Ok();
}

// Called with tree_mu_ held, from Recover.
Status AuditLog::CheckLatestCheckpoint(const std::string& dir, bool external) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<std::string> names, ListDirectory(dir, kCheckpointSuffix));
  const std::string* latest = nullptr;
  for (const std::string& name : names) {
    if (SizeFromFileName(name)) latest = &name;  // sorted: the last one is the largest
  }
  if (latest == nullptr) return Status::Ok();
  const std::string path = Join(dir, *latest);
  auto refuse = [&](const std::string& what) {
    return DataLoss("checkpoint " + path + " " + what +
                    "; refusing to open the audit log: run the audit verifier");
  };
  SLUICE_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  Result<Checkpoint> checkpoint = ParseAndVerifyCheckpoint(text, key_.verifying_key(), origin_);
  if (!checkpoint.ok()) return refuse("is not valid: " + checkpoint.status().message());
  if (checkpoint->size != *SizeFromFileName(*latest)) return refuse("does not match its file name");
  if (checkpoint->size > leaves_.size()) {
    return refuse("covers " + std::to_string(checkpoint->size) + " events but the log has " +
                  std::to_string(leaves_.size()) + " complete events");
  }
  if (leaves_.TakeSnapshot().RootAt(checkpoint->size) != checkpoint->root) {
    return refuse("does not match the log's first " + std::to_string(checkpoint->size) + " events");
  }
  if (!latest_checkpoint_ || latest_checkpoint_->size < checkpoint->size ||
      (!external && latest_checkpoint_->size == checkpoint->size)) {
    latest_checkpoint_ = SignedCheckpoint{std::move(text), checkpoint->size, checkpoint->root};
  }
  return Status::Ok();
}

std::uint64_t AuditLog::size() const {
  std::lock_guard lock(tree_mu_);
  return frontier_.size();
}

Hash AuditLog::Root() const {
  std::lock_guard lock(tree_mu_);
  return frontier_.Root();
}

Result<Hash> AuditLog::RootAt(std::uint64_t size) const {
  LeafStore::Snapshot snapshot;
  {
    std::lock_guard lock(tree_mu_);
    snapshot = leaves_.TakeSnapshot();
  }
  if (size > snapshot.size()) {
    return InvalidArgument("tree size " + std::to_string(size) + " exceeds the log's " +
                           std::to_string(snapshot.size()) + " events");
  }
  return snapshot.RootAt(size);
}

std::optional<SignedCheckpoint> AuditLog::LatestCheckpoint() const {
  std::lock_guard lock(tree_mu_);
  return latest_checkpoint_;
}

Status AuditLog::CheckpointStatus() const {
  std::lock_guard lock(tree_mu_);
  return checkpoint_status_;
}

std::uint64_t AuditLog::sync_count() const {
  std::lock_guard lock(mu_);
  return sync_count_;
}

Status AuditLog::ReadEvents(std::uint64_t from_seq, std::uint64_t max_count,
                            const std::function<bool(const StoredEvent&)>& visit) const {
  std::uint64_t size;
  std::uint64_t start_offset;
  std::uint64_t end_offset;
  {
    std::lock_guard lock(tree_mu_);
    size = leaves_.size();
    if (from_seq >= size || max_count == 0) return Status::Ok();
    start_offset = offsets_[from_seq / kIndexStride];
    end_offset = durable_bytes_;
  }
  LineReader reader(read_fd_, events_path_, start_offset, end_offset);
  std::uint64_t seq = from_seq / kIndexStride * kIndexStride;
  std::uint64_t delivered = 0;
  std::string_view line;
  while (seq < size && delivered < max_count) {
    SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&line));
    if (!more) return DataLoss(events_path_ + " ends before event " + std::to_string(seq));
    if (seq >= from_seq) {
      Result<StoredEvent> stored = ParseStoredEvent(line);
      if (!stored.ok() || stored->seq != seq) {
        return DataLoss(events_path_ + ": event " + std::to_string(seq) +
                        " changed since it was written");
      }
      ++delivered;
      if (!visit(*stored)) break;
    }
    ++seq;
  }
  return Status::Ok();
}

Status AuditLog::FindEvents(const EventFilter& filter, std::uint64_t from_seq,
                            std::uint64_t max_count,
                            const std::function<bool(const StoredEvent&)>& visit) const {
  std::uint64_t size;
  std::uint64_t end_offset;
  {
    std::lock_guard lock(tree_mu_);
    size = leaves_.size();
    end_offset = durable_bytes_;
  }
  const std::vector<std::uint64_t> seqs = index_.Find(filter, from_seq, size, max_count);
  // Walk the file once, in order: a reader restarts at the indexed offset
  // of a block only when the next match is in a later block; in between,
  // lines are skipped without being decoded.
  std::optional<LineReader> reader;
  std::uint64_t at = 0;  // seq of the line reader->Next returns next
  std::string_view line;
  for (const std::uint64_t seq : seqs) {
    if (!reader || seq / kIndexStride != at / kIndexStride || seq < at) {
      std::uint64_t block_offset;
      {
        std::lock_guard lock(tree_mu_);
        block_offset = offsets_[seq / kIndexStride];
      }
      reader.emplace(read_fd_, events_path_, block_offset, end_offset);
      at = seq / kIndexStride * kIndexStride;
    }
    for (;; ++at) {
      SLUICE_ASSIGN_OR_RETURN(bool more, reader->Next(&line));
      if (!more) return DataLoss(events_path_ + " ends before event " + std::to_string(seq));
      if (at == seq) break;
    }
    ++at;
    Result<StoredEvent> stored = ParseStoredEvent(line);
    if (!stored.ok() || stored->seq != seq) {
      return DataLoss(events_path_ + ": event " + std::to_string(seq) +
                      " changed since it was written");
    }
    if (!visit(*stored)) break;
  }
  return Status::Ok();
}

Result<std::vector<Hash>> AuditLog::InclusionProof(std::uint64_t index, std::uint64_t size) const {
  LeafStore::Snapshot snapshot;
  {
    std::lock_guard lock(tree_mu_);
    snapshot = leaves_.TakeSnapshot();
  }
  if (size > snapshot.size()) {
    return InvalidArgument("tree size " + std::to_string(size) + " exceeds the log's " +
                           std::to_string(snapshot.size()) + " events");
  }
  return auditlog::InclusionProof(
      [&snapshot](std::uint64_t b, std::uint64_t e) { return snapshot.SubtreeRoot(b, e); }, index,
      size);
}

Result<std::vector<Hash>> AuditLog::ConsistencyProof(std::uint64_t old_size,
                                                     std::uint64_t new_size) const {
  LeafStore::Snapshot snapshot;
  {
    std::lock_guard lock(tree_mu_);
    snapshot = leaves_.TakeSnapshot();
  }
  if (new_size > snapshot.size()) {
    return InvalidArgument("tree size " + std::to_string(new_size) + " exceeds the log's " +
                           std::to_string(snapshot.size()) + " events");
  }
  return auditlog::ConsistencyProof(
      [&snapshot](std::uint64_t b, std::uint64_t e) { return snapshot.SubtreeRoot(b, e); },
      old_size, new_size);
}

}  // namespace sluice::auditlog
