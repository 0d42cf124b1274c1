#include "auditlog/file_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace sluice::auditlog {
namespace {

std::string ParentOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

Status ErrnoStatus(const std::string& what) {
  return Unavailable(what + ": " + std::strerror(errno));
}

Status MakeDirectory(const std::string& dir, unsigned mode) {
  if (::mkdir(dir.c_str(), static_cast<mode_t>(mode)) == 0) return Status::Ok();
  if (errno != EEXIST) return ErrnoStatus("cannot create directory " + dir);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return ErrnoStatus("cannot stat " + dir);
  if (!S_ISDIR(st.st_mode)) return FailedPrecondition(dir + " exists and is not a directory");
  return Status::Ok();
}

Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open directory " + dir);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) return ErrnoStatus("cannot fsync directory " + dir);
  return Status::Ok();
}

Status WriteAll(int fd, std::string_view bytes, const std::string& what) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus("cannot write " + what);
    }
    done += static_cast<std::size_t>(n);
  }
  return Status::Ok();
}

Status WriteFileDurably(const std::string& path, std::string_view bytes, unsigned mode) {
  const std::string temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
                        static_cast<mode_t>(mode));
  if (fd < 0) return ErrnoStatus("cannot create " + temp);
  Status status = WriteAll(fd, bytes, temp);
  if (status.ok() && ::fsync(fd) != 0) status = ErrnoStatus("cannot fsync " + temp);
  if (::close(fd) != 0 && status.ok()) status = ErrnoStatus("cannot close " + temp);
  if (status.ok() && ::rename(temp.c_str(), path.c_str()) != 0) {
    status = ErrnoStatus("cannot rename " + temp + " to " + path);
  }
  if (!status.ok()) {
    ::unlink(temp.c_str());
    return status;
  }
  return SyncDirectory(ParentOf(path));
}

Result<std::string> ReadWholeFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound(path + " does not exist");
    return ErrnoStatus("cannot open " + path);
  }
  std::string out;
  char buf[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = ErrnoStatus("cannot read " + path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

Result<std::vector<std::string>> ListDirectory(const std::string& dir, std::string_view suffix) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    if (errno == ENOENT) return NotFound(dir + " does not exist");
    return ErrnoStatus("cannot list " + dir);
  }
  std::vector<std::string> names;
  while (const dirent* entry = ::readdir(d)) {
    std::string_view name(entry->d_name);
    if (name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
      names.emplace_back(name);
    }
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace sluice::auditlog
