#include "tabular/jsonl_reader.h"

#include <cstring>

namespace sluice::tabular {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string LinePrefix(uint64_t line) {
  return "line " + std::to_string(line) + ": ";
}

}  // namespace

Result<bool> JsonlReader::ReadLine() {
  line_.clear();
  bool saw_bytes = false;
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(bool more, in_.Fill());
    if (!more) {
      if (!saw_bytes) return false;
      break;
    }
    saw_bytes = true;
    const char* p = in_.data();
    const void* newline = std::memchr(p, '\n', in_.size());
    size_t take = newline == nullptr ? in_.size()
                                     : static_cast<size_t>(static_cast<const char*>(newline) - p);
    line_.append(p, take);
    in_.Consume(newline == nullptr ? take : take + 1);
    // One CR past the limit is allowed: it belongs to a CRLF line break.
    if (line_.size() > options_.max_line_bytes &&
        !(line_.size() == options_.max_line_bytes + 1 && line_.back() == '\r')) {
      return ResourceExhausted(LinePrefix(line_number_ + 1) + "line exceeds " +
                               std::to_string(options_.max_line_bytes) + " bytes");
    }
    if (newline != nullptr) break;
  }
  ++line_number_;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  if (line_number_ == 1 && std::string_view(line_).starts_with(kUtf8Bom)) {
    line_.erase(0, kUtf8Bom.size());
  }
  return true;
}

Result<bool> JsonlReader::Next(JsonlRecord* out) {
  if (!failed_.ok()) return failed_;
  while (true) {
    Result<bool> more = ReadLine();
    if (!more.ok()) {
      failed_ = more.status();
      return failed_;
    }
    if (!*more) return false;
    if (IsBlank(line_)) continue;
    Status flattened = flattener_.Flatten(line_);
    if (!flattened.ok()) {
      if (flattened.code() == StatusCode::kInvalidArgument && options_.skip_bad_rows) {
        ++bad_rows_;
        continue;
      }
      failed_ = Status(flattened.code(), LinePrefix(line_number_) + flattened.message());
      return failed_;
    }
    out->fields.assign(flattener_.fields().begin(), flattener_.fields().end());
    out->line = line_number_;
    ++rows_;
    return true;
  }
}

}  // namespace sluice::tabular
