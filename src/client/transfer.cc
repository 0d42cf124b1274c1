#include "client/transfer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "common/crypto.h"
#include "storage/chunk_reader.h"
#include "storage/chunker.h"

namespace sluice::client {
namespace {

namespace fs = std::filesystem;

struct LocalFile {
  std::string path;  // relative, '/'-separated
  fs::path source;
  std::uint64_t size = 0;
};

Result<std::vector<LocalFile>> ListFiles(const std::string& root) {
  std::error_code ec;
  const fs::file_status st = fs::status(root, ec);
  if (ec) return NotFound("cannot read " + root + ": " + ec.message());
  std::vector<LocalFile> files;
  if (fs::is_regular_file(st)) {
    files.push_back({fs::path(root).filename().string(), root, fs::file_size(root, ec)});
  } else if (fs::is_directory(st)) {
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      files.push_back({fs::relative(it->path(), root).generic_string(), it->path(),
                       it->file_size()});
    }
    if (ec) return Internal("cannot list " + root + ": " + ec.message());
  } else {
    return InvalidArgument(root + " is neither a file nor a directory");
  }
  if (files.empty()) return InvalidArgument(root + " holds no files");
  std::sort(files.begin(), files.end(),
            [](const LocalFile& a, const LocalFile& b) { return a.path < b.path; });
  return files;
}

std::string AssetPath(const std::string& address) {
  std::string out;
  std::size_t start = 0;
  for (;;) {
    std::size_t slash = address.find('/', start);
    out += "/" + EscapeSegment(address.substr(start, slash - start));
    if (slash == std::string::npos) return out;
    start = slash + 1;
  }
}

// A path the server sent must stay inside `dest` (the server checks this
// too; a client does not trust it to).
Result<fs::path> Inside(const fs::path& dest, const std::string& relative) {
  fs::path p(relative);
  if (relative.empty() || p.is_absolute()) return DataLoss("server sent file path " + relative);
  for (const auto& part : p) {
    if (part == ".." || part == ".") return DataLoss("server sent file path " + relative);
  }
  return dest / p;
}

}  // namespace

Result<PushOutcome> Push(ApiClient& api, const std::string& path, const std::string& address,
                         const PushOptions& options, const Progress& progress) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<LocalFile> files, ListFiles(path));
  SLUICE_ASSIGN_OR_RETURN(storage::Chunker chunker, storage::Chunker::Make({}));
  const std::string base = "/assets" + AssetPath(address);
  PushOutcome out;
  std::uint64_t total = 0;
  for (const auto& f : files) total += f.size;
  nlohmann::json manifest = nlohmann::json::array();
  for (const auto& f : files) {
    SLUICE_ASSIGN_OR_RETURN(storage::ChunkReader reader,
                            storage::ChunkReader::Open(f.source.string(), chunker));
    nlohmann::json chunks = nlohmann::json::array();
    std::uint64_t size = 0;
    storage::Chunk chunk;
    for (;;) {
      SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&chunk));
      if (!more) break;
      const std::string& id = chunk.id.hex();
      SLUICE_ASSIGN_OR_RETURN(
          nlohmann::json missing,
          api.Call("POST", base + "/missing-chunks", nlohmann::json{{"chunks", {id}}}));
      if (!missing.value("missing", nlohmann::json::array()).empty()) {
        SLUICE_RETURN_IF_ERROR(
            api.CallRaw("PUT", base + "/chunks/" + id, std::string(chunk.bytes)));
        out.bytes_new += chunk.bytes.size();
        ++out.chunks_new;
      }
      ++out.chunks;
      size += chunk.bytes.size();
      out.bytes += chunk.bytes.size();
      chunks.push_back({{"id", id}, {"size", chunk.bytes.size()}});
      if (progress) progress(out.bytes, total);
    }
    manifest.push_back({{"path", f.path}, {"size", size}, {"chunks", std::move(chunks)}});
  }
  nlohmann::json body = {{"kind", options.kind},      {"files", std::move(manifest)},
                         {"tags", options.tags},      {"metrics", options.metrics},
                         {"params", options.params},  {"inputs", options.inputs}};
  SLUICE_ASSIGN_OR_RETURN(out.version, api.Call("POST", base + "/versions", body));
  return out;
}

Result<nlohmann::json> Pull(ApiClient& api, const std::string& ref, const std::string& dest,
                            const Progress& progress) {
  SLUICE_ASSIGN_OR_RETURN(nlohmann::json version,
                          api.Call("GET", "/resolve?ref=" + EscapeSegment(ref)));
  const std::string id = version.value("id", "");
  std::uint64_t total = version.value("bytes", std::uint64_t{0});
  std::uint64_t done = 0;
  std::error_code ec;
  fs::create_directories(dest, ec);
  if (ec) return Internal("cannot create " + dest + ": " + ec.message());
  for (const auto& file : version.value("files", nlohmann::json::array())) {
    SLUICE_ASSIGN_OR_RETURN(fs::path target, Inside(dest, file.value("path", "")));
    if (fs::exists(target)) return AlreadyExists(target.string() + " exists; not overwriting");
    fs::create_directories(target.parent_path(), ec);
    if (ec) return Internal("cannot create " + target.parent_path().string() + ": " + ec.message());
    const std::string partial = target.string() + ".sluice-partial";
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Internal("cannot write " + partial);
    Status status;
    for (const auto& c : file.value("chunks", nlohmann::json::array())) {
      const std::string chunk_id = c.value("id", "");
      Result<std::string> bytes = api.CallRaw("GET", "/versions/" + id + "/chunks/" + chunk_id);
      if (!bytes.ok()) {
        status = bytes.status();
        break;
      }
      if (Sha256Hex(*bytes) != chunk_id) {
        status = DataLoss("chunk " + chunk_id + " arrived corrupt");
        break;
      }
      std::string_view rest = *bytes;
      while (!rest.empty()) {
        const ssize_t n = ::write(fd, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          status = Internal("cannot write " + partial + ": " + std::strerror(errno));
          break;
        }
        rest.remove_prefix(static_cast<std::size_t>(n));
      }
      if (!status.ok()) break;
      done += bytes->size();
      if (progress) progress(done, total);
    }
    if (status.ok() && ::fsync(fd) != 0) status = Internal("cannot fsync " + partial);
    ::close(fd);
    if (status.ok() && ::rename(partial.c_str(), target.c_str()) != 0) {
      status = Internal("cannot rename " + partial);
    }
    if (!status.ok()) {
      ::unlink(partial.c_str());
      return status;
    }
  }
  return version;
}

}  // namespace sluice::client
