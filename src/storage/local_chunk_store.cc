#include "storage/local_chunk_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/crypto.h"
#include "storage/posix_file.h"

namespace sluice::storage {
namespace {

// Verify reads a chunk in blocks of this size, whatever its size.
constexpr std::size_t kVerifyBlockSize = 1 << 20;

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};
using UniqueDir = std::unique_ptr<DIR, DirCloser>;

struct DigestContextFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

std::int64_t ModifiedMs(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

// The two hex digits naming prefix directory `index` (0..255).
std::string PrefixName(int index) {
  const char byte = static_cast<char>(index);
  return HexEncode(std::string_view(&byte, 1));
}

// Calls `visit(name)` for each entry of the open directory but "." and "..".
// A readdir failure is returned as its errno (0 when the walk completes).
template <typename Visit>
int ForEachEntry(DIR* dir, Visit&& visit, Status* visit_status) {
  for (;;) {
    errno = 0;
    const struct dirent* entry = ::readdir(dir);
    if (entry == nullptr) return errno;
    const std::string_view name(entry->d_name);
    if (name == "." || name == "..") continue;
    *visit_status = visit(name);
    if (!visit_status->ok()) return 0;
  }
}

}  // namespace

LocalChunkStore::LocalChunkStore(std::string root)
    : root_(std::move(root)), chunks_dir_(root_ + "/chunks"), tmp_dir_(root_ + "/tmp") {}

Result<std::unique_ptr<LocalChunkStore>> LocalChunkStore::Open(std::string root) {
  if (root.empty()) return InvalidArgument("chunk store root must not be empty");
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  std::unique_ptr<LocalChunkStore> store(new LocalChunkStore(std::move(root)));

  std::vector<std::string> created;
  for (const std::string* dir : {&store->root_, &store->chunks_dir_, &store->tmp_dir_}) {
    if (const int err = MakeDirectories(*dir, kDirectoryMode, &created); err != 0) {
      return FileError(err, "cannot create chunk store directory \"" + *dir + "\"");
    }
  }
  // A new directory's name is durable once its parent is fsynced; do that
  // before any chunk goes in. The 256 prefix directories are made on first
  // use (Put), so opening an empty store stays cheap.
  std::set<std::string> parents;
  for (const std::string& dir : created) parents.insert(ParentDirectory(dir));
  for (const std::string& dir : parents) {
    if (const int err = FsyncDirectory(dir); err != 0) {
      return FileError(err, "cannot fsync directory \"" + dir + "\"");
    }
  }
  SLUICE_RETURN_IF_ERROR(store->RemoveStaleTempFiles());
  return store;
}

Status LocalChunkStore::RemoveStaleTempFiles() {
  UniqueDir dir(::opendir(tmp_dir_.c_str()));
  if (dir == nullptr) return FileError(errno, "cannot list \"" + tmp_dir_ + "\"");
  const int dir_fd = ::dirfd(dir.get());
  const std::int64_t now_ms = NowMillis();
  Status status;
  const int err = ForEachEntry(
      dir.get(),
      [&](std::string_view name) -> Status {
        const std::string file(name);
        struct stat st;
        if (::fstatat(dir_fd, file.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
          if (errno == ENOENT) return Status::Ok();  // another Open removed it
          return FileError(errno, "cannot stat \"" + tmp_dir_ + "/" + file + "\"");
        }
        if (!S_ISREG(st.st_mode) || now_ms - ModifiedMs(st) < kStaleTempAgeMs) {
          return Status::Ok();
        }
        if (::unlinkat(dir_fd, file.c_str(), 0) != 0 && errno != ENOENT) {
          return FileError(errno, "cannot remove stale \"" + tmp_dir_ + "/" + file + "\"");
        }
        return Status::Ok();
      },
      &status);
  if (err != 0) return FileError(err, "cannot list \"" + tmp_dir_ + "\"");
  return status;
}

std::string LocalChunkStore::PathOf(const ChunkId& id) const {
  const std::string& hex = id.hex();
  return chunks_dir_ + "/" + hex.substr(0, 2) + "/" + hex;
}

Result<bool> LocalChunkStore::Contains(const ChunkId& id) {
  struct stat st;
  if (::stat(PathOf(id).c_str(), &st) == 0) return S_ISREG(st.st_mode);
  if (errno == ENOENT) return false;
  return FileError(errno, "cannot stat chunk " + id.hex() + " in \"" + root_ + "\"");
}

Status LocalChunkStore::WriteError(int err, const ChunkId& id, const std::string& what) const {
  if (err == ENOSPC || err == EDQUOT || err == EFBIG) {
    return ResourceExhausted("storage " + root_ + " is full writing chunk " + id.hex() + " (" +
                             ErrnoText(err) + ")");
  }
  return FileError(err, what);
}

Status LocalChunkStore::WriteTempFile(const ChunkId& id, const std::string& temp_path,
                                      std::string_view bytes) {
  UniqueFd fd(::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kFileMode));
  if (!fd.valid()) {
    return WriteError(errno, id, "cannot create \"" + temp_path + "\" for chunk " + id.hex());
  }
  const std::string what = "cannot write chunk " + id.hex() + " to \"" + temp_path + "\"";
  if (const int err = WriteFull(fd.get(), bytes.data(), bytes.size()); err != 0) {
    return WriteError(err, id, what);
  }
  // Delayed allocation and network file systems may report a full disk only
  // here or at close, so both are checked like the writes.
  if (::fsync(fd.get()) != 0) return WriteError(errno, id, what);
  if (const int err = fd.Close(); err != 0) return WriteError(err, id, what);
  return Status::Ok();
}

Status LocalChunkStore::Put(const ChunkId& id, std::string_view bytes) {
  SLUICE_RETURN_IF_ERROR(CheckBytes(id, bytes));
  const std::string path = PathOf(id);
  struct stat st;
  // Present and of the right size: keep it, refresh its time (see
  // chunk_store.h). A file of the wrong size is corrupt for sure, and the
  // rename below replaces it; same-size corruption is for Verify to find.
  if (::stat(path.c_str(), &st) == 0 && static_cast<std::uint64_t>(st.st_size) == bytes.size() &&
      ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0) == 0) {
    return Status::Ok();
  }

  SLUICE_ASSIGN_OR_RETURN(const std::string nonce, RandomHex(8));
  const std::string temp_path = tmp_dir_ + "/" + id.hex() + "." + nonce + ".tmp";
  if (Status written = WriteTempFile(id, temp_path, bytes); !written.ok()) {
    ::unlink(temp_path.c_str());
    return written;
  }
  const std::string prefix_dir = chunks_dir_ + "/" + id.hex().substr(0, 2);
  SLUICE_RETURN_IF_ERROR(EnsurePrefixDirectory(prefix_dir));
  if (::rename(temp_path.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp_path.c_str());
    return FileError(err, "cannot rename \"" + temp_path + "\" to \"" + path + "\"");
  }
  if (const int err = FsyncDirectory(prefix_dir); err != 0) {
    return FileError(
        err, "cannot fsync directory \"" + prefix_dir + "\" after writing chunk " + id.hex());
  }
  return Status::Ok();
}

// Makes the prefix directory on first use and makes its name durable (fsync
// of chunks/) before a chunk is renamed into it. Puts racing to create it
// both fsync chunks/, so neither renames into a directory a crash could lose.
Status LocalChunkStore::EnsurePrefixDirectory(const std::string& prefix_dir) {
  struct stat st;
  if (::stat(prefix_dir.c_str(), &st) == 0) return Status::Ok();
  if (::mkdir(prefix_dir.c_str(), kDirectoryMode) != 0 && errno != EEXIST) {
    return FileError(errno, "cannot create chunk store directory \"" + prefix_dir + "\"");
  }
  if (const int err = FsyncDirectory(chunks_dir_); err != 0) {
    return FileError(err, "cannot fsync directory \"" + chunks_dir_ + "\"");
  }
  return Status::Ok();
}

Result<std::string> LocalChunkStore::Get(const ChunkId& id) {
  const std::string path = PathOf(id);
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return MissingChunk(id);
    return FileError(errno, "cannot open chunk " + id.hex() + " at \"" + path + "\"");
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) {
    return FileError(errno, "cannot stat chunk " + id.hex() + " at \"" + path + "\"");
  }
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t bytes_read = 0;
  if (const int err = ReadFull(fd.get(), reinterpret_cast<std::uint8_t*>(bytes.data()),
                               bytes.size(), &bytes_read);
      err != 0) {
    return FileError(err, "cannot read chunk " + id.hex() + " at \"" + path + "\"");
  }
  bytes.resize(bytes_read);
  const ChunkId actual = ChunkId::Of(bytes);
  if (actual != id) {
    return CorruptChunk(id, "its " + std::to_string(bytes.size()) + " bytes at \"" + path +
                                "\" hash to " + actual.hex());
  }
  return bytes;
}

Result<ChunkInfo> LocalChunkStore::Stat(const ChunkId& id) {
  struct stat st;
  if (::stat(PathOf(id).c_str(), &st) != 0) {
    if (errno == ENOENT) return MissingChunk(id);
    return FileError(errno, "cannot stat chunk " + id.hex() + " in \"" + root_ + "\"");
  }
  return ChunkInfo{id, static_cast<std::uint64_t>(st.st_size), ModifiedMs(st)};
}

Result<std::uint64_t> LocalChunkStore::Verify(const ChunkId& id) {
  const std::string path = PathOf(id);
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) return MissingChunk(id);
    return FileError(errno, "cannot open chunk " + id.hex() + " at \"" + path + "\"");
  }
  std::unique_ptr<EVP_MD_CTX, DigestContextFree> context(EVP_MD_CTX_new());
  if (context == nullptr || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) {
    return Internal("cannot start a SHA-256 digest");
  }
  const auto block = std::make_unique_for_overwrite<std::uint8_t[]>(kVerifyBlockSize);
  std::uint64_t size = 0;
  for (;;) {
    std::size_t bytes_read = 0;
    if (const int err = ReadFull(fd.get(), block.get(), kVerifyBlockSize, &bytes_read); err != 0) {
      return FileError(err, "cannot read chunk " + id.hex() + " at \"" + path + "\"");
    }
    if (EVP_DigestUpdate(context.get(), block.get(), bytes_read) != 1) {
      return Internal("SHA-256 digest update failed");
    }
    size += bytes_read;
    if (bytes_read < kVerifyBlockSize) break;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (EVP_DigestFinal_ex(context.get(), digest, &digest_length) != 1) {
    return Internal("SHA-256 digest final failed");
  }
  const std::string actual =
      HexEncode(std::string_view(reinterpret_cast<const char*>(digest), digest_length));
  if (actual != id.hex()) {
    return CorruptChunk(
        id, "its " + std::to_string(size) + " bytes at \"" + path + "\" hash to " + actual);
  }
  return size;
}

Status LocalChunkStore::Remove(const ChunkId& id) {
  if (::unlink(PathOf(id).c_str()) != 0 && errno != ENOENT) {
    return FileError(errno, "cannot remove chunk " + id.hex() + " from \"" + root_ + "\"");
  }
  return Status::Ok();
}

Status LocalChunkStore::ForEach(const std::function<Status(const ChunkInfo&)>& visit) {
  for (int prefix = 0; prefix < 256; ++prefix) {
    const std::string prefix_name = PrefixName(prefix);
    const std::string dir_path = chunks_dir_ + "/" + prefix_name;
    UniqueDir dir(::opendir(dir_path.c_str()));
    if (dir == nullptr) {
      if (errno == ENOENT) continue;
      return FileError(errno, "cannot list \"" + dir_path + "\"");
    }
    const int dir_fd = ::dirfd(dir.get());
    Status status;
    const int err = ForEachEntry(
        dir.get(),
        [&](std::string_view name) -> Status {
          Result<ChunkId> id = ChunkId::Parse(name);
          if (!id.ok() || !name.starts_with(prefix_name)) return Status::Ok();
          struct stat st;
          if (::fstatat(dir_fd, id->hex().c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno == ENOENT) return Status::Ok();  // removed during the walk
            return FileError(errno, "cannot stat \"" + dir_path + "/" + id->hex() + "\"");
          }
          if (!S_ISREG(st.st_mode)) return Status::Ok();
          return visit(ChunkInfo{*id, static_cast<std::uint64_t>(st.st_size), ModifiedMs(st)});
        },
        &status);
    if (err != 0) return FileError(err, "cannot list \"" + dir_path + "\"");
    SLUICE_RETURN_IF_ERROR(status);
  }
  return Status::Ok();
}

}  // namespace sluice::storage
