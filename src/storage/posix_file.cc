#include "storage/posix_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sluice::storage {

int UniqueFd::Close() {
  if (fd_ < 0) return 0;
  // No retry on EINTR: Linux releases the descriptor even then, and a
  // second close could close a descriptor another thread just opened.
  const int rc = ::close(std::exchange(fd_, -1));
  return rc == 0 ? 0 : errno;
}

void UniqueFd::Reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

int ReadFull(int fd, std::uint8_t* buffer, std::size_t size, std::size_t* bytes_read) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, buffer + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      *bytes_read = done;
      return errno;
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  *bytes_read = done;
  return 0;
}

int WriteFull(int fd, const char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

int MakeDirectories(const std::string& path, unsigned mode, std::vector<std::string>* created) {
  // Each prefix ending before a '/' is a parent; the whole path is last.
  for (std::size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
    const std::string prefix = path.substr(0, slash);
    if (!prefix.empty() && prefix.back() != '/') {
      if (::mkdir(prefix.c_str(), static_cast<mode_t>(mode)) == 0) {
        created->push_back(prefix);
      } else if (errno != EEXIST) {
        return errno;
      }
    }
    if (slash == std::string::npos) break;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return errno;
  return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
}

std::string ParentDirectory(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

int FsyncDirectory(const std::string& path) {
  UniqueFd dir(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir.valid()) return errno;
  if (::fsync(dir.get()) != 0) return errno;
  return dir.Close();
}

std::string ErrnoText(int err) {
  char buffer[256];
  // GNU strerror_r: returns the text, which may or may not be in `buffer`.
  return ::strerror_r(err, buffer, sizeof buffer);
}

Status FileError(int err, const std::string& what) {
  std::string message = what + ": " + ErrnoText(err);
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return NotFound(std::move(message));
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      return ResourceExhausted(std::move(message));
    case EACCES:
    case EPERM:
    case EROFS:
      return FailedPrecondition(std::move(message));
    case EIO:
      return DataLoss(std::move(message));
    default:
      return Internal(std::move(message));
  }
}

}  // namespace sluice::storage
