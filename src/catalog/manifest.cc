#include "catalog/manifest.h"

#include <algorithm>
#include <set>

namespace sluice::catalog {
namespace {

constexpr std::size_t kMaxPathBytes = 1024;

bool IsHexId(const std::string& s) {
  if (s.size() != 64) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

Result<std::string> NormalizePath(std::string_view path) {
  const std::string shown(path.substr(0, 200));
  if (path.empty()) return InvalidArgument("empty file path");
  if (path.size() > kMaxPathBytes) return InvalidArgument("file path longer than 1024 bytes");
  if (path.front() == '/') return InvalidArgument("file path \"" + shown + "\" is absolute");
  std::string out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view seg = path.substr(start, slash - start);
    start = slash + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      return InvalidArgument("file path \"" + shown + "\" has a \"..\" segment");
    }
    for (char c : seg) {
      if (static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == 0x7f) {
        return InvalidArgument("file path \"" + shown +
                               "\" has a backslash or control character");
      }
    }
    if (!out.empty()) out += '/';
    out += seg;
  }
  if (out.empty()) return InvalidArgument("file path \"" + shown + "\" names no file");
  return out;
}

nlohmann::json ManifestToJson(const std::vector<FileEntry>& files) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : files) {
    nlohmann::json chunks = nlohmann::json::array();
    for (const auto& c : f.chunks) chunks.push_back({{"id", c.id}, {"size", c.size}});
    list.push_back({{"path", f.path}, {"size", f.size}, {"chunks", std::move(chunks)}});
  }
  return {{"files", std::move(list)}};
}

Result<std::vector<FileEntry>> ManifestFromJson(const nlohmann::json& json) {
  if (!json.is_object() || !json.contains("files") || !json["files"].is_array()) {
    return InvalidArgument("manifest needs a \"files\" array");
  }
  std::vector<FileEntry> files;
  for (const auto& jf : json["files"]) {
    if (!jf.is_object() || !jf.contains("path") || !jf["path"].is_string() ||
        !jf.contains("chunks") || !jf["chunks"].is_array() || !jf.contains("size") ||
        !jf["size"].is_number_unsigned()) {
      return InvalidArgument("each file needs \"path\", \"size\" and \"chunks\"");
    }
    FileEntry f;
    SLUICE_ASSIGN_OR_RETURN(f.path, NormalizePath(jf["path"].get<std::string>()));
    f.size = jf["size"].get<std::uint64_t>();
    std::uint64_t sum = 0;
    for (const auto& jc : jf["chunks"]) {
      if (!jc.is_object() || !jc.contains("id") || !jc["id"].is_string() ||
          !jc.contains("size") || !jc["size"].is_number_unsigned()) {
        return InvalidArgument("file \"" + f.path + "\": each chunk needs \"id\" and \"size\"");
      }
      store::ChunkUse c{jc["id"].get<std::string>(), jc["size"].get<std::uint64_t>()};
      if (!IsHexId(c.id)) {
        return InvalidArgument("file \"" + f.path + "\": chunk id is not 64 lowercase hex digits");
      }
      if (c.size == 0) return InvalidArgument("file \"" + f.path + "\": empty chunk");
      sum += c.size;
      f.chunks.push_back(std::move(c));
    }
    if (sum != f.size) {
      return InvalidArgument("file \"" + f.path + "\": size " + std::to_string(f.size) +
                             " is not the sum of its chunks (" + std::to_string(sum) + ")");
    }
    files.push_back(std::move(f));
  }
  std::sort(files.begin(), files.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
  std::set<std::string> dirs;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (i > 0 && files[i].path == files[i - 1].path) {
      return InvalidArgument("file \"" + files[i].path + "\" appears twice");
    }
    for (std::size_t p = files[i].path.find('/'); p != std::string::npos;
         p = files[i].path.find('/', p + 1)) {
      dirs.insert(files[i].path.substr(0, p));
    }
  }
  for (const auto& f : files) {
    if (dirs.contains(f.path)) {
      return InvalidArgument("\"" + f.path + "\" is both a file and a directory");
    }
  }
  return files;
}

std::uint64_t TotalBytes(const std::vector<FileEntry>& files) {
  std::uint64_t total = 0;
  for (const auto& f : files) total += f.size;
  return total;
}

std::vector<store::ChunkUse> DistinctChunks(const std::vector<FileEntry>& files) {
  std::vector<store::ChunkUse> out;
  std::set<std::string> seen;
  for (const auto& f : files) {
    for (const auto& c : f.chunks) {
      if (seen.insert(c.id).second) out.push_back(c);
    }
  }
  return out;
}

std::string CanonicalJson(const nlohmann::json& value) {
  // nlohmann::json keeps object members in a std::map: sorted by byte order.
  return value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

}  // namespace sluice::catalog
