#include "audit/jsonl_recorder.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sluice::audit {

Result<std::unique_ptr<JsonlRecorder>> JsonlRecorder::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Unavailable("cannot open event log " + path + ": " + std::strerror(errno));
  }
  return std::unique_ptr<JsonlRecorder>(new JsonlRecorder(fd));
}

JsonlRecorder::~JsonlRecorder() {
  ::close(fd_);
}

Status JsonlRecorder::Record(const Event& event) {
  std::string line = ToJsonLine(event);
  line.push_back('\n');
  std::lock_guard lock(mu_);
  std::size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Unavailable(std::string("cannot write the event log: ") + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  return Status::Ok();
}

}  // namespace sluice::audit
