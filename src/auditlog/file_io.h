// File helpers for the audit log: durable whole-file writes (the checkpoint
// and key files), whole-file reads, directory creation and listing. POSIX
// calls with errors as values; EINTR is retried.
//
// Durability: WriteFileDurably writes a temporary file in the same
// directory, fsyncs it, renames it over `path` and fsyncs the directory, so
// after it returns the file is complete on disk and a crash at any point
// leaves either the old file or the new one, never a torn one.
//
// Thread-safety: stateless; concurrent writers of one path must be
// serialized by the caller.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::auditlog {

// Creates `dir` with `mode` if it does not exist (one level only).
Status MakeDirectory(const std::string& dir, unsigned mode);

// fsync(2) of a directory, so that entries created or renamed in it persist.
Status SyncDirectory(const std::string& dir);

// See the header comment. The file gets `mode` (before the umask).
Status WriteFileDurably(const std::string& path, std::string_view bytes, unsigned mode);

// The whole file; kNotFound when it does not exist.
Result<std::string> ReadWholeFile(const std::string& path);

// Names of the entries of `dir` that end with `suffix`, sorted; kNotFound
// when the directory does not exist.
Result<std::vector<std::string>> ListDirectory(const std::string& dir, std::string_view suffix);

// write(2) of all of `bytes`, retrying short writes and EINTR.
Status WriteAll(int fd, std::string_view bytes, const std::string& what);

// "what: strerror(errno)" as kUnavailable (I/O errors are transient for the
// caller: retry later, or escalate).
Status ErrnoStatus(const std::string& what);

}  // namespace sluice::auditlog
