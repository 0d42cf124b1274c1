// LocalChunkStore: a ChunkStore in a local directory, one file per chunk
// (docs/storage-format.md describes the layout and the protocol):
//
//   <root>/chunks/<first 2 hex digits of the id>/<64 hex digits>
//   <root>/tmp/<id>.<random>.tmp        chunks being written
//
// Put writes a temporary file, fsyncs it, renames it to its final name and
// fsyncs the directory, so a chunk file under its final name is always
// complete, and a Put that returned OK survives a crash. Chunk files are
// created with mode 0640 and directories with 0750 (less the umask): chunk
// bytes may be production data, readable by the owner and, for backups, its
// group only.
//
// Open creates the directories (the 256 prefix directories too, so a Put
// never creates one) and removes temporary files older than
// kStaleTempAgeMs, the leftovers of Puts that a crash interrupted. Younger
// ones are kept: they may belong to a Put in flight in another process
// sharing the root.
//
// Thread-safety: all methods are thread-safe. The store has no mutable
// state of its own; concurrent Puts of one chunk each write their own
// temporary file and rename it over the same name atomically, and other
// processes may share the root the same way.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "storage/chunk_store.h"

namespace sluice::storage {

class LocalChunkStore final : public ChunkStore {
 public:
  static constexpr unsigned kFileMode = 0640;
  static constexpr unsigned kDirectoryMode = 0750;
  // Much longer than any Put takes, however slow the disk.
  static constexpr std::int64_t kStaleTempAgeMs = 60 * 60 * 1000;

  // Opens the store at `root`, creating it if needed. Errors name the path.
  static Result<std::unique_ptr<LocalChunkStore>> Open(std::string root);

  LocalChunkStore(const LocalChunkStore&) = delete;
  LocalChunkStore& operator=(const LocalChunkStore&) = delete;

  Result<bool> Contains(const ChunkId& id) override;
  // kResourceExhausted("storage <root> is full writing chunk <id> (...)")
  // on ENOSPC, EDQUOT or EFBIG, with the temporary file removed.
  Status Put(const ChunkId& id, std::string_view bytes) override;
  Result<std::string> Get(const ChunkId& id) override;
  Result<ChunkInfo> Stat(const ChunkId& id) override;
  Result<std::uint64_t> Verify(const ChunkId& id) override;
  // Does not fsync the directory: a removal lost in a crash only brings
  // back garbage, which the next collection removes again.
  Status Remove(const ChunkId& id) override;
  // Files in chunks/ that are not named like a chunk of their directory are
  // not chunks: skipped, never visited (so never collected).
  Status ForEach(const std::function<Status(const ChunkInfo&)>& visit) override;

  const std::string& root() const { return root_; }

  // The file that holds (or would hold) the chunk.
  std::string PathOf(const ChunkId& id) const;

 private:
  explicit LocalChunkStore(std::string root);

  Status RemoveStaleTempFiles();
  Status EnsurePrefixDirectory(const std::string& prefix_dir);
  // A Status for a failed write of chunk `id`: the "full" message for
  // ENOSPC/EDQUOT/EFBIG, else FileError naming `what`.
  Status WriteError(int err, const ChunkId& id, const std::string& what) const;
  // Writes, fsyncs and closes the temporary file `temp_path`.
  Status WriteTempFile(const ChunkId& id, const std::string& temp_path, std::string_view bytes);

  const std::string root_;
  const std::string chunks_dir_;
  const std::string tmp_dir_;
};

}  // namespace sluice::storage
