// MockChunkStore: an in-memory ChunkStore with fault injection, for unit
// tests of the components above storage (uploads, garbage collection,
// fsck). Header-only. It keeps the ChunkStore contract (hash checks, the
// shared error messages) so that tests see what production would.
//
// Faults: FailNextPuts(n, status) makes the next n Puts fail with `status`
// and store nothing; FailNextGets likewise for Get and Verify; Corrupt(id)
// flips one stored byte so that Get and Verify report kDataLoss. The clock
// for modified_ms is settable (SetNowMs) so that tests of a collector's
// grace period need no sleeping.
//
// Thread-safety: all methods are thread-safe (one mutex).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "storage/chunk_store.h"

namespace sluice::storage {

class MockChunkStore final : public ChunkStore {
 public:
  Result<bool> Contains(const ChunkId& id) override {
    std::lock_guard lock(mu_);
    return chunks_.contains(id);
  }

  Status Put(const ChunkId& id, std::string_view bytes) override {
    std::lock_guard lock(mu_);
    if (Status fault = TakeFault(&put_faults_); !fault.ok()) return fault;
    SLUICE_RETURN_IF_ERROR(CheckBytes(id, bytes));
    ++puts_;
    Stored& stored = chunks_[id];
    stored.bytes.assign(bytes);
    stored.modified_ms = now_ms_;
    return Status::Ok();
  }

  Result<std::string> Get(const ChunkId& id) override {
    std::lock_guard lock(mu_);
    if (Status fault = TakeFault(&get_faults_); !fault.ok()) return fault;
    SLUICE_ASSIGN_OR_RETURN(const Stored* stored, Find(id));
    return stored->bytes;
  }

  Result<ChunkInfo> Stat(const ChunkId& id) override {
    std::lock_guard lock(mu_);
    auto it = chunks_.find(id);
    if (it == chunks_.end()) return MissingChunk(id);
    return ChunkInfo{id, it->second.bytes.size(), it->second.modified_ms};
  }

  Result<std::uint64_t> Verify(const ChunkId& id) override {
    std::lock_guard lock(mu_);
    if (Status fault = TakeFault(&get_faults_); !fault.ok()) return fault;
    SLUICE_ASSIGN_OR_RETURN(const Stored* stored, Find(id));
    return std::uint64_t{stored->bytes.size()};
  }

  Status Remove(const ChunkId& id) override {
    std::lock_guard lock(mu_);
    chunks_.erase(id);
    return Status::Ok();
  }

  // Visits a snapshot, in id order, so `visit` may call back into the store.
  Status ForEach(const std::function<Status(const ChunkInfo&)>& visit) override {
    std::vector<ChunkInfo> infos;
    {
      std::lock_guard lock(mu_);
      for (const auto& [id, stored] : chunks_) {
        infos.push_back(ChunkInfo{id, stored.bytes.size(), stored.modified_ms});
      }
    }
    for (const ChunkInfo& info : infos) SLUICE_RETURN_IF_ERROR(visit(info));
    return Status::Ok();
  }

  // --- Fault injection and inspection ---

  void FailNextPuts(int n, Status status) { AddFaults(&put_faults_, n, std::move(status)); }
  void FailNextGets(int n, Status status) { AddFaults(&get_faults_, n, std::move(status)); }

  // Flips the first byte of a stored chunk (an empty chunk gains a byte).
  // False if the chunk is absent.
  bool Corrupt(const ChunkId& id) {
    std::lock_guard lock(mu_);
    auto it = chunks_.find(id);
    if (it == chunks_.end()) return false;
    std::string& bytes = it->second.bytes;
    if (bytes.empty()) {
      bytes.push_back('x');
    } else {
      bytes[0] = static_cast<char>(bytes[0] ^ 0x01);
    }
    return true;
  }

  void SetNowMs(std::int64_t now_ms) {
    std::lock_guard lock(mu_);
    now_ms_ = now_ms;
  }

  // Successful Puts, re-puts of present chunks included (refused and
  // failed ones are not counted).
  int puts() const {
    std::lock_guard lock(mu_);
    return puts_;
  }

  std::size_t size() const {
    std::lock_guard lock(mu_);
    return chunks_.size();
  }

 private:
  struct Stored {
    std::string bytes;
    std::int64_t modified_ms = 0;
  };

  void AddFaults(std::deque<Status>* faults, int n, Status status) {
    std::lock_guard lock(mu_);
    for (int i = 0; i < n; ++i) faults->push_back(status);
  }

  // The next injected fault, or OK. Requires mu_.
  static Status TakeFault(std::deque<Status>* faults) {
    if (faults->empty()) return Status::Ok();
    Status fault = std::move(faults->front());
    faults->pop_front();
    return fault;
  }

  // The stored chunk, checked against its id. Requires mu_.
  Result<const Stored*> Find(const ChunkId& id) const {
    auto it = chunks_.find(id);
    if (it == chunks_.end()) return MissingChunk(id);
    const ChunkId actual = ChunkId::Of(it->second.bytes);
    if (actual != id) {
      return CorruptChunk(
          id, "its " + std::to_string(it->second.bytes.size()) + " bytes hash to " + actual.hex());
    }
    return &it->second;
  }

  mutable std::mutex mu_;
  std::map<ChunkId, Stored> chunks_;
  std::deque<Status> put_faults_;
  std::deque<Status> get_faults_;
  std::int64_t now_ms_ = 0;
  int puts_ = 0;
};

}  // namespace sluice::storage
