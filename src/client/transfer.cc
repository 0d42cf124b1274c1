#include "client/transfer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

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
      files.push_back(
          {fs::relative(it->path(), root).generic_string(), it->path(), it->file_size()});
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

namespace {

constexpr std::size_t kMissingBatch = 1024;  // ids per missing-chunks request
constexpr int kUploaders = 4;                // concurrent chunk uploads

struct PlannedChunk {
  std::string id;
  std::size_t file = 0;  // index into the file list
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

// Pass 1: cut and hash every file (bounded memory: one reader buffer).
Status PlanChunks(const std::vector<LocalFile>& files, std::vector<PlannedChunk>* chunks) {
  SLUICE_ASSIGN_OR_RETURN(storage::Chunker chunker, storage::Chunker::Make({}));
  for (std::size_t f = 0; f < files.size(); ++f) {
    SLUICE_ASSIGN_OR_RETURN(storage::ChunkReader reader,
                            storage::ChunkReader::Open(files[f].source.string(), chunker));
    storage::Chunk chunk;
    for (;;) {
      SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&chunk));
      if (!more) break;
      chunks->push_back({chunk.id.hex(), f, chunk.offset, chunk.bytes.size()});
    }
  }
  return Status::Ok();
}

Result<std::string> ReadRange(const fs::path& path, std::uint64_t offset, std::uint64_t size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound("cannot read " + path.string());
  std::string bytes(size, '\0');
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n =
        ::pread(fd, bytes.data() + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return Internal("cannot read " + path.string() + ": it changed during the push");
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return bytes;
}

}  // namespace

Result<PushOutcome> Push(ApiClient& api, const std::string& path, const std::string& address,
                         const PushOptions& options, const Progress& progress) {
  SLUICE_ASSIGN_OR_RETURN(std::vector<LocalFile> files, ListFiles(path));
  const std::string base = "/assets" + AssetPath(address);
  std::vector<PlannedChunk> chunks;
  SLUICE_RETURN_IF_ERROR(PlanChunks(files, &chunks));

  // Ask which chunks the server lacks, many ids per request.
  std::set<std::string> missing;
  std::set<std::string> asked;
  std::vector<std::string> batch;
  auto ask = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    SLUICE_ASSIGN_OR_RETURN(nlohmann::json answer, api.Call("POST", base + "/missing-chunks",
                                                            nlohmann::json{{"chunks", batch}}));
    for (const auto& id : answer.value("missing", nlohmann::json::array())) {
      missing.insert(id.get<std::string>());
    }
    batch.clear();
    return Status::Ok();
  };
  for (const auto& c : chunks) {
    if (!asked.insert(c.id).second) continue;
    batch.push_back(c.id);
    if (batch.size() == kMissingBatch) SLUICE_RETURN_IF_ERROR(ask());
  }
  SLUICE_RETURN_IF_ERROR(ask());

  // Pass 2: send the missing chunks, read back by offset, several at once
  // (each uploader on its own connection; the server's fsyncs overlap).
  std::vector<const PlannedChunk*> to_send;
  for (const auto& c : chunks) {
    if (missing.erase(c.id) > 0) to_send.push_back(&c);
  }
  PushOutcome out;
  std::uint64_t total = 0;
  for (const auto& f : files) total += f.size;
  std::uint64_t sent_bytes = 0;
  std::mutex mu;
  std::size_t next = 0;
  Status failure;
  auto upload = [&](ApiClient& client) {
    for (;;) {
      const PlannedChunk* c;
      {
        std::lock_guard lock(mu);
        if (next == to_send.size() || !failure.ok()) return;
        c = to_send[next++];
      }
      Result<std::string> bytes = ReadRange(files[c->file].source, c->offset, c->size);
      Status s = bytes.ok()
                     ? client.CallRaw("PUT", base + "/chunks/" + c->id, std::move(*bytes)).status()
                     : bytes.status();
      std::lock_guard lock(mu);
      if (!s.ok()) {
        if (failure.ok()) failure = s;
        return;
      }
      sent_bytes += c->size;
      out.bytes_new += c->size;
      ++out.chunks_new;
      if (progress) progress(sent_bytes, total);
    }
  };
  std::vector<std::unique_ptr<ApiClient>> clients;
  std::vector<std::thread> workers;
  for (int i = 1; i < kUploaders && static_cast<std::size_t>(i) < to_send.size(); ++i) {
    clients.push_back(api.Clone());
    workers.emplace_back(upload, std::ref(*clients.back()));
  }
  upload(api);
  for (auto& w : workers) w.join();
  SLUICE_RETURN_IF_ERROR(failure);

  nlohmann::json manifest = nlohmann::json::array();
  std::size_t k = 0;
  for (std::size_t f = 0; f < files.size(); ++f) {
    nlohmann::json list = nlohmann::json::array();
    std::uint64_t size = 0;
    for (; k < chunks.size() && chunks[k].file == f; ++k) {
      list.push_back({{"id", chunks[k].id}, {"size", chunks[k].size}});
      size += chunks[k].size;
    }
    manifest.push_back({{"path", files[f].path}, {"size", size}, {"chunks", std::move(list)}});
  }
  out.chunks = chunks.size();
  out.bytes = total;
  if (progress) progress(total, total);
  nlohmann::json body = {{"kind", options.kind},     {"files", std::move(manifest)},
                         {"tags", options.tags},     {"metrics", options.metrics},
                         {"params", options.params}, {"inputs", options.inputs}};
  SLUICE_ASSIGN_OR_RETURN(out.version, api.Call("POST", base + "/versions", body));
  return out;
}

namespace {

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Internal("cannot write " + path + ": " + std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

// One file, chunk by chunk, each checked against its id.
Status PullChunks(ApiClient& api, const std::string& id, const nlohmann::json& file, int fd,
                  const std::string& partial, std::uint64_t& done, std::uint64_t total,
                  const Progress& progress) {
  for (const auto& c : file.value("chunks", nlohmann::json::array())) {
    const std::string chunk_id = c.value("id", "");
    SLUICE_ASSIGN_OR_RETURN(std::string bytes,
                            api.CallRaw("GET", "/versions/" + id + "/chunks/" + chunk_id));
    if (Sha256Hex(bytes) != chunk_id) return DataLoss("chunk " + chunk_id + " arrived corrupt");
    SLUICE_RETURN_IF_ERROR(WriteAll(fd, bytes, partial));
    done += bytes.size();
    if (progress) progress(done, total);
  }
  return Status::Ok();
}

// One file, masked page by masked page.
Status PullMaskedPages(ApiClient& api, const std::string& id, const std::string& path, int fd,
                       const std::string& partial) {
  std::string page;
  do {
    SLUICE_ASSIGN_OR_RETURN(http::Response response,
                            api.Get("/versions/" + id + "/masked?file=" + EscapeSegment(path) +
                                    "&page=" + EscapeSegment(page)));
    SLUICE_RETURN_IF_ERROR(WriteAll(fd, response.body, partial));
    const std::string next(response.headers.Get("Sluice-Next-Page"));
    if (!next.empty() && next == page) return Internal("the server repeated page " + page);
    page = next;
  } while (!page.empty());
  return Status::Ok();
}

}  // namespace

Result<nlohmann::json> Pull(ApiClient& api, const std::string& ref, const std::string& dest,
                            const Progress& progress) {
  SLUICE_ASSIGN_OR_RETURN(nlohmann::json plan,
                          api.Call("GET", "/read-plan?ref=" + EscapeSegment(ref)));
  const bool masked = plan.value("mode", "") == "masked";
  // A clear read, or a denied one (the resolve then answers with the
  // recorded denial), goes the usual way; a masked one reads pages.
  nlohmann::json version = plan["version"];
  if (!masked) {
    SLUICE_ASSIGN_OR_RETURN(version, api.Call("GET", "/resolve?ref=" + EscapeSegment(ref)));
  }
  const std::string id = version.value("id", "");
  std::uint64_t total = version.value("bytes", std::uint64_t{0});
  std::uint64_t done = 0;
  std::error_code ec;
  fs::create_directories(dest, ec);
  if (ec) return Internal("cannot create " + dest + ": " + ec.message());
  for (const auto& file : version.value("files", nlohmann::json::array())) {
    const std::string path = file.value("path", "");
    SLUICE_ASSIGN_OR_RETURN(fs::path target, Inside(dest, path));
    if (fs::exists(target)) return AlreadyExists(target.string() + " exists; not overwriting");
    fs::create_directories(target.parent_path(), ec);
    if (ec) return Internal("cannot create " + target.parent_path().string() + ": " + ec.message());
    const std::string partial = target.string() + ".sluice-partial";
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return Internal("cannot write " + partial);
    Status status = masked ? PullMaskedPages(api, id, path, fd, partial)
                           : PullChunks(api, id, file, fd, partial, done, total, progress);
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
  version["read"] = masked ? "masked" : "clear";
  if (masked) version["masked"] = plan.value("masked", nlohmann::json::array());
  return version;
}

}  // namespace sluice::client
