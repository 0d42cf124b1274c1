#include "tabular/buffered_source.h"

#include <cstring>

namespace sluice::tabular {

Status BufferedSource::ReadMore() {
  if (begin_ == end_) {
    begin_ = end_ = 0;
  } else if (end_ == buf_.size() && begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
  size_t room = buf_.size() - end_;
  SLUICE_ASSIGN_OR_RETURN(size_t got, source_->Read(buf_.data() + end_, room));
  if (got > room) return Internal("byte source returned more bytes than asked for");
  if (got == 0) source_done_ = true;
  end_ += got;
  return Status::Ok();
}

Result<bool> BufferedSource::Fill() {
  while (begin_ == end_) {
    if (source_done_) return false;
    SLUICE_RETURN_IF_ERROR(ReadMore());
  }
  return true;
}

Result<std::string_view> BufferedSource::Peek(size_t n) {
  if (buf_.size() < n) {
    // Grow once to fit the whole request so ReadMore never doubles past it.
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    buf_.resize(n);
  }
  while (size() < n && !source_done_) SLUICE_RETURN_IF_ERROR(ReadMore());
  return std::string_view(data(), size());
}

}  // namespace sluice::tabular
