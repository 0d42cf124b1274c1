// Manifest: the files of one asset version, each a list of chunks, and the
// rules a path inside a version must follow.
//
// Paths are relative and normalised: '/'-separated, no empty, "." or ".."
// segments, no leading '/', no backslash or control characters, at most 1024
// bytes. NormalizePath turns "./a//b" into "a/b" and refuses anything that
// could name a file outside the version when pulled.
//
// Invariants of a valid manifest (ManifestFromJson checks them): paths are
// normalised and unique, no path is a prefix directory of another file, each
// file's size is the sum of its chunk sizes. Files are kept sorted by path.
//
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "store/catalog_records.h"

namespace sluice::catalog {

struct FileEntry {
  std::string path;
  std::uint64_t size = 0;
  std::vector<store::ChunkUse> chunks;  // in file order; a chunk may repeat
};

Result<std::string> NormalizePath(std::string_view path);

// {"files":[{"path":..,"size":..,"chunks":[{"id":..,"size":..}]}]}
nlohmann::json ManifestToJson(const std::vector<FileEntry>& files);
// Validates as described above; errors name the offending file.
Result<std::vector<FileEntry>> ManifestFromJson(const nlohmann::json& json);

// Sum of file sizes, and the distinct chunks of all files.
std::uint64_t TotalBytes(const std::vector<FileEntry>& files);
std::vector<store::ChunkUse> DistinctChunks(const std::vector<FileEntry>& files);

// Canonical text of a JSON value: object keys sorted by byte order, no
// whitespace, UTF-8 (see docs/storage-format.md). Version ids hash this.
std::string CanonicalJson(const nlohmann::json& value);

}  // namespace sluice::catalog
