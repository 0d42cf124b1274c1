// Reading a version's files back: what promotion gates and the demo read.
#include <algorithm>

#include "catalog/catalog.h"
#include "catalog/chunk_byte_source.h"

namespace sluice::catalog {
namespace {

// Owns the file entry whose chunk list the ChunkByteSource borrows.
class OwnedFileSource final : public tabular::ByteSource {
 public:
  OwnedFileSource(storage::ChunkStore& store, FileEntry file, std::uint64_t begin,
                  std::uint64_t end)
      : file_(std::move(file)), source_(store, file_.chunks, std::min(end, file_.size), begin) {}

  Result<size_t> Read(char* buf, size_t n) override { return source_.Read(buf, n); }

 private:
  const FileEntry file_;
  ChunkByteSource source_;  // borrows file_.chunks
};

}  // namespace

Result<std::vector<FileEntry>> Catalog::Files(const store::VersionRecord& version) {
  nlohmann::json manifest = nlohmann::json::parse(version.manifest, nullptr, false);
  if (manifest.is_discarded()) {
    return DataLoss("version " + version.id + " has a manifest that is not JSON");
  }
  return ManifestFromJson(manifest);
}

Result<std::unique_ptr<tabular::ByteSource>> Catalog::OpenFile(const store::VersionRecord& version,
                                                               const FileEntry& file) {
  SLUICE_ASSIGN_OR_RETURN(storage::ChunkStore * chunks, DomainOf(version.environment));
  return std::unique_ptr<tabular::ByteSource>(new OwnedFileSource(*chunks, file, 0, file.size));
}

Result<std::unique_ptr<tabular::ByteSource>> Catalog::OpenFileRange(
    const store::VersionRecord& version, const FileEntry& file, std::uint64_t begin,
    std::uint64_t end) {
  SLUICE_ASSIGN_OR_RETURN(storage::ChunkStore * chunks, DomainOf(version.environment));
  return std::unique_ptr<tabular::ByteSource>(new OwnedFileSource(*chunks, file, begin, end));
}

}  // namespace sluice::catalog
