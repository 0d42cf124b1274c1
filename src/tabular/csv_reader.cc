#include "tabular/csv_reader.h"

#include <algorithm>
#include <utility>

#include "tabular/column_names.h"
#include "tabular/csv_delimiter.h"

namespace sluice::tabular {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// Enough for the first lines of any sensible file; detection looks at ten lines at most.
constexpr size_t kDetectionSampleBytes = 64 * 1024;

std::string LinePrefix(uint64_t line) {
  return "line " + std::to_string(line) + ": ";
}

}  // namespace

Result<CsvReader> CsvReader::Open(ByteSource& source, const CsvOptions& options) {
  char d = options.delimiter;
  if (d == '"' || d == '\r' || d == '\n') {
    return InvalidArgument("a CSV delimiter cannot be a quote or a line break");
  }
  CsvReader reader(source, options);
  SLUICE_ASSIGN_OR_RETURN(std::string_view start, reader.in_.Peek(kUtf8Bom.size()));
  if (start.starts_with(kUtf8Bom)) reader.in_.Consume(kUtf8Bom.size());
  if (d == '\0') {
    SLUICE_ASSIGN_OR_RETURN(std::string_view sample, reader.in_.Peek(kDetectionSampleBytes));
    bool complete = reader.in_.source_done();
    reader.delimiter_ = DetectCsvDelimiter(sample, complete);
  }

  Parsed parsed;
  do {
    SLUICE_ASSIGN_OR_RETURN(parsed, reader.ParseRecord());
  } while (parsed == Parsed::kBlank);
  if (parsed == Parsed::kMalformed) return InvalidArgument(reader.malformed_);
  if (parsed == Parsed::kEnd) return reader;

  std::vector<std::string> names;
  names.reserve(reader.field_ends_.size());
  size_t begin = 0;
  for (size_t end : reader.field_ends_) {
    names.emplace_back(reader.field_data_, begin, end - begin);
    begin = end;
  }
  reader.column_names_ = MakeUniqueColumnNames(std::move(names));
  return reader;
}

Result<bool> CsvReader::Next(CsvRecord* out) {
  if (!failed_.ok()) return failed_;
  while (true) {
    Result<Parsed> parsed = ParseRecord();
    if (!parsed.ok()) {
      failed_ = parsed.status();
      return failed_;
    }
    if (*parsed == Parsed::kEnd) return false;
    if (*parsed == Parsed::kBlank) continue;
    bool resync = *parsed == Parsed::kMalformed;
    if (*parsed == Parsed::kRecord && field_ends_.size() != column_names_.size()) {
      *parsed = Malformed(record_line_, "expected " + std::to_string(column_names_.size()) +
                                            " fields, found " + std::to_string(field_ends_.size()));
    }
    if (*parsed == Parsed::kMalformed) {
      if (!options_.skip_bad_rows) {
        failed_ = InvalidArgument(malformed_);
        return failed_;
      }
      ++bad_rows_;
      if (resync) {
        Status skipped = SkipRestOfLine();
        if (!skipped.ok()) {
          failed_ = skipped;
          return failed_;
        }
      }
      continue;
    }

    out->fields.resize(field_ends_.size());
    size_t begin = 0;
    for (size_t i = 0; i < field_ends_.size(); ++i) {
      out->fields[i] = std::string_view(field_data_).substr(begin, field_ends_[i] - begin);
      begin = field_ends_[i];
    }
    out->line = record_line_;
    ++rows_;
    return true;
  }
}

CsvReader::Parsed CsvReader::Malformed(uint64_t line, std::string_view what) {
  malformed_ = LinePrefix(line);
  malformed_ += what;
  return Parsed::kMalformed;
}

void CsvReader::EndLine(char line_break) {
  ++line_;
  pending_lf_ = line_break == '\r';
}

Status CsvReader::SkipRestOfLine() {
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(bool more, in_.Fill());
    if (!more) return Status::Ok();
    const char* p = in_.data();
    const char* end = p + in_.size();
    const char* hit = std::find_if(p, end, [](char c) { return c == '\n' || c == '\r'; });
    if (hit == end) {
      in_.Consume(in_.size());
      continue;
    }
    EndLine(*hit);
    in_.Consume(static_cast<size_t>(hit - p) + 1);
    return Status::Ok();
  }
}

Result<CsvReader::Parsed> CsvReader::ParseRecord() {
  field_data_.clear();
  field_ends_.clear();
  if (pending_lf_) {
    SLUICE_ASSIGN_OR_RETURN(bool more, in_.Fill());
    if (more && in_.data()[0] == '\n') in_.Consume(1);
    pending_lf_ = false;
  }
  record_line_ = line_;

  enum class State { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  State state = State::kFieldStart;
  uint64_t quote_line = line_;
  bool after_cr = false;    // inside quotes: the last byte was a CR, so an LF ends no new line
  size_t record_bytes = 0;  // bytes of this record consumed before the current window
  const char delim = delimiter_;
  const auto is_special = [delim](char c) {
    return c == delim || c == '"' || c == '\n' || c == '\r';
  };

  while (true) {
    SLUICE_ASSIGN_OR_RETURN(bool more, in_.Fill());
    if (!more) {
      if (state == State::kQuoted) return Malformed(quote_line, "unterminated quoted field");
      if (state == State::kFieldStart && record_bytes == 0) return Parsed::kEnd;
      EndField();
      return Parsed::kRecord;
    }
    // Look at no more than one byte past the limit: reaching it without a record end is the
    // error, and a record ending within it is fine.
    const size_t room = options_.max_record_bytes - record_bytes;
    const size_t n = std::min(in_.size(), room == SIZE_MAX ? room : room + 1);
    const char* p = in_.data();
    size_t i = 0;
    while (i < n) {
      char c = p[i];
      switch (state) {
        case State::kFieldStart:
          if (c == '"') {
            state = State::kQuoted;
            quote_line = line_;
            after_cr = false;
            ++i;
            continue;
          }
          if (c == delim) {
            EndField();
            ++i;
            continue;
          }
          if (c == '\n' || c == '\r') {
            bool blank = field_ends_.empty() && record_bytes + i == 0;
            if (!blank) EndField();
            EndLine(c);
            in_.Consume(i + 1);
            return blank ? Parsed::kBlank : Parsed::kRecord;
          }
          state = State::kUnquoted;
          [[fallthrough]];
        case State::kUnquoted: {
          size_t j = i;
          while (j < n && !is_special(p[j])) ++j;
          field_data_.append(p + i, j - i);
          i = j;
          if (i == n) continue;
          c = p[i];
          if (c == '"') {
            in_.Consume(i);
            return Malformed(line_, "stray quote in unquoted field");
          }
          EndField();
          if (c == delim) {
            state = State::kFieldStart;
            ++i;
            continue;
          }
          EndLine(c);
          in_.Consume(i + 1);
          return Parsed::kRecord;
        }
        case State::kQuoted: {
          size_t j = i;
          while (j < n && p[j] != '"' && p[j] != '\n' && p[j] != '\r') ++j;
          if (j > i) after_cr = false;
          field_data_.append(p + i, j - i);
          i = j;
          if (i == n) continue;
          c = p[i];
          ++i;
          if (c == '"') {
            state = State::kQuoteInQuoted;
            continue;
          }
          // A line break inside quotes is data; it still moves the line count on.
          if (c == '\r' || !after_cr) ++line_;
          after_cr = c == '\r';
          field_data_.push_back(c);
          continue;
        }
        case State::kQuoteInQuoted:
          if (c == '"') {
            field_data_.push_back('"');
            state = State::kQuoted;
            after_cr = false;
            ++i;
            continue;
          }
          if (c == delim) {
            EndField();
            state = State::kFieldStart;
            ++i;
            continue;
          }
          if (c == '\n' || c == '\r') {
            EndField();
            EndLine(c);
            in_.Consume(i + 1);
            return Parsed::kRecord;
          }
          in_.Consume(i);
          return Malformed(line_, "unexpected character after closing quote");
      }
    }
    in_.Consume(n);
    record_bytes += n;
    if (record_bytes > options_.max_record_bytes) {
      return ResourceExhausted(LinePrefix(record_line_) + "record exceeds " +
                               std::to_string(options_.max_record_bytes) + " bytes");
    }
  }
}

}  // namespace sluice::tabular
