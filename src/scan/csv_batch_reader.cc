#include "scan/csv_batch_reader.h"

#include <emmintrin.h>

#include <algorithm>
#include <bit>
#include <utility>

#include "tabular/column_names.h"
#include "tabular/csv_delimiter.h"

namespace sluice::scan {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// As CsvReader: the delimiter is detected from the first 64 KiB after the BOM.
constexpr size_t kDetectionSampleBytes = 64 * 1024;

// How much window to ask for when a record does not fit: double it (so a long record is parsed
// O(1) times on average), but never more than a record may need (its start may follow a pending
// LF; it may be one byte past the limit).
size_t GrownWindow(size_t size, size_t max_record_bytes) {
  const size_t most = max_record_bytes > SIZE_MAX - 3 ? SIZE_MAX : max_record_bytes + 3;
  return std::min(std::max(size * 2, CsvBatchReader::kWindowBytes), most);
}

std::string LinePrefix(uint64_t line) {
  return "line " + std::to_string(line) + ": ";
}

// The first offset in [pos, end) holding the delimiter, a quote or a line break; `end` if none.
inline size_t FindSpecial(const char* s, size_t pos, size_t end, char delimiter) {
  const __m128i vd = _mm_set1_epi8(delimiter);
  const __m128i vq = _mm_set1_epi8('"');
  const __m128i vn = _mm_set1_epi8('\n');
  const __m128i vr = _mm_set1_epi8('\r');
  while (pos + 16 <= end) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vd), _mm_cmpeq_epi8(v, vq)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, vn), _mm_cmpeq_epi8(v, vr)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return pos + static_cast<size_t>(std::countr_zero(mask));
    pos += 16;
  }
  for (; pos < end; ++pos) {
    const char c = s[pos];
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') return pos;
  }
  return end;
}

// Inside quotes only quotes and line breaks (for line numbers) matter.
inline size_t FindQuoteOrBreak(const char* s, size_t pos, size_t end) {
  const __m128i vq = _mm_set1_epi8('"');
  const __m128i vn = _mm_set1_epi8('\n');
  const __m128i vr = _mm_set1_epi8('\r');
  while (pos + 16 <= end) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos));
    const __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, vq),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, vn), _mm_cmpeq_epi8(v, vr)));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return pos + static_cast<size_t>(std::countr_zero(mask));
    pos += 16;
  }
  for (; pos < end; ++pos) {
    const char c = s[pos];
    if (c == '"' || c == '\n' || c == '\r') return pos;
  }
  return end;
}

}  // namespace

CsvBatchReader::CsvBatchReader(tabular::ByteSource& source, const tabular::CsvOptions& options)
    : options_(options),
      in_(std::make_unique<tabular::BufferedSource>(source)),
      delimiter_(options.delimiter) {}

Status CsvBatchReader::Fail(Status status) {
  failed_ = std::move(status);
  return failed_;
}

Result<CsvBatchReader> CsvBatchReader::Open(tabular::ByteSource& source,
                                            const tabular::CsvOptions& options) {
  const char d = options.delimiter;
  if (d == '"' || d == '\r' || d == '\n') {
    return InvalidArgument("a CSV delimiter cannot be a quote or a line break");
  }
  CsvBatchReader reader(source, options);
  tabular::BufferedSource& in = *reader.in_;
  SLUICE_ASSIGN_OR_RETURN(std::string_view start, in.Peek(kUtf8Bom.size()));
  if (start.starts_with(kUtf8Bom)) in.Consume(kUtf8Bom.size());
  if (d == '\0') {
    SLUICE_ASSIGN_OR_RETURN(std::string_view sample, in.Peek(kDetectionSampleBytes));
    reader.delimiter_ = tabular::DetectCsvDelimiter(sample, in.source_done());
  }
  while (true) {
    size_t next = 0;
    switch (reader.ParseRecord(0, &next)) {
      case Parsed::kNeedMore: {
        SLUICE_RETURN_IF_ERROR(in.Peek(GrownWindow(in.size(), options.max_record_bytes)).status());
        continue;
      }
      case Parsed::kBlank:
        in.Consume(next);
        continue;
      case Parsed::kEnd:
        in.Consume(next);
        return reader;
      case Parsed::kMalformed:
        return InvalidArgument(reader.malformed_);
      case Parsed::kTooLong:
        return ResourceExhausted(reader.malformed_);
      case Parsed::kRecord: {
        std::vector<std::string> names;
        names.reserve(reader.record_.size());
        for (const PendingField& f : reader.record_) {
          const char* data = f.unescaped ? reader.unescaped_.data() + f.begin : in.data() + f.begin;
          names.emplace_back(data, f.size);
        }
        in.Consume(next);
        reader.unescaped_.clear();
        reader.column_names_ = tabular::MakeUniqueColumnNames(std::move(names));
        return reader;
      }
    }
  }
}

// A state machine over the window, field by field, equivalent to CsvReader::ParseRecord (see
// there for the grammar). It only commits its effects (line count, pending LF) when it returns
// something other than kNeedMore, so that a record cut by the end of the window can be parsed
// again once more bytes are in.
CsvBatchReader::Parsed CsvBatchReader::ParseRecord(size_t start, size_t* next) {
  const char* const w = in_->data();
  const size_t size = in_->size();
  const bool eof = in_->source_done();
  size_t s = start;
  if (pending_lf_) {
    if (s == size) {
      if (!eof) return Parsed::kNeedMore;
    } else if (w[s] == '\n') {
      ++s;
    }
  }
  const char* const r = w + s;  // the record
  const size_t avail = size - s;
  const size_t max = options_.max_record_bytes;
  // Look at no more than one byte past the limit: a record not ended within it is too long.
  const bool capped = avail > max;
  const size_t limit = capped ? max + 1 : avail;
  const char delim = delimiter_;
  const uint64_t record_line = line_;
  uint64_t lines = 0;  // line breaks inside quotes so far
  record_.clear();
  const size_t unescaped_mark = unescaped_.size();

  auto need_more = [&] {
    unescaped_.resize(unescaped_mark);
    return Parsed::kNeedMore;
  };
  auto too_long = [&] {
    malformed_ = LinePrefix(record_line) + "record exceeds " + std::to_string(max) + " bytes";
    return Parsed::kTooLong;
  };
  auto malformed = [&](uint64_t line, std::string_view what, size_t resume) {
    malformed_ = LinePrefix(line);
    malformed_ += what;
    line_ += lines;
    pending_lf_ = false;
    resume_ = s + resume;
    return Parsed::kMalformed;
  };
  // The record ends at the line break at `t`, or at the end of the data (t == limit).
  auto finish = [&](size_t t) {
    pending_lf_ = false;
    line_ += lines;
    if (t < limit) {
      ++line_;
      pending_lf_ = r[t] == '\r';
      *next = s + t + 1;
    } else {
      *next = s + t;
    }
    record_line_ = record_line;
    return Parsed::kRecord;
  };
  auto add = [&](size_t begin, size_t n, size_t raw_begin, size_t raw_end, bool unescaped) {
    record_.push_back({unescaped ? begin : s + begin, n, s + raw_begin, s + raw_end, unescaped});
  };

  size_t pos = 0;
  while (true) {
    const size_t field_start = pos;
    if (pos == limit) {
      if (capped) return too_long();
      if (!eof) return need_more();
      if (pos == 0 && record_.empty()) {
        pending_lf_ = false;
        *next = s;
        return Parsed::kEnd;
      }
      add(pos, 0, pos, pos, false);
      return finish(pos);
    }
    const char c = r[pos];
    if (c == '"') {
      const uint64_t quote_line = record_line + lines;
      size_t seg = pos + 1;
      size_t p = seg;
      bool after_cr = false;
      bool escaped = false;
      size_t escaped_begin = 0;
      while (true) {
        const size_t j = FindQuoteOrBreak(r, p, limit);
        if (j == limit) {
          if (capped) return too_long();
          if (!eof) return need_more();
          return malformed(quote_line, "unterminated quoted field", limit);
        }
        if (j > p) after_cr = false;
        const char q = r[j];
        if (q != '"') {
          if (q == '\r' || !after_cr) ++lines;
          after_cr = q == '\r';
          p = j + 1;
          continue;
        }
        if (j + 1 == limit) {
          if (capped) return too_long();
          if (!eof) return need_more();
        } else if (r[j + 1] == '"') {
          if (!escaped) {
            escaped = true;
            escaped_begin = unescaped_.size();
          }
          unescaped_.append(r + seg, j + 1 - seg);
          seg = p = j + 2;
          after_cr = false;
          continue;
        }
        // The closing quote.
        if (escaped) {
          unescaped_.append(r + seg, j - seg);
          add(escaped_begin, unescaped_.size() - escaped_begin, field_start, j + 1, true);
        } else {
          add(seg, j - seg, field_start, j + 1, false);
        }
        pos = j + 1;
        if (pos == limit) return finish(pos);  // at the end of the data
        const char after = r[pos];
        record_.back().raw_end = s + pos;
        if (after == delim) {
          ++pos;
          break;
        }
        if (after == '\n' || after == '\r') return finish(pos);
        record_.pop_back();
        return malformed(record_line + lines, "unexpected character after closing quote", pos);
      }
      continue;
    }
    if (c == delim) {
      add(pos, 0, pos, pos, false);
      ++pos;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (pos == 0 && record_.empty()) {
        ++line_;
        pending_lf_ = c == '\r';
        *next = s + 1;
        return Parsed::kBlank;
      }
      add(pos, 0, pos, pos, false);
      return finish(pos);
    }
    const size_t j = FindSpecial(r, pos, limit, delim);
    if (j == limit) {
      if (capped) return too_long();
      if (!eof) return need_more();
      add(pos, j - pos, pos, j, false);
      return finish(j);
    }
    if (r[j] == '"') return malformed(record_line + lines, "stray quote in unquoted field", j);
    add(pos, j - pos, pos, j, false);
    if (r[j] != delim) return finish(j);
    pos = j + 1;
  }
}

bool CsvBatchReader::SkipRestOfLine(size_t from, size_t* next) {
  const char* w = in_->data();
  const size_t size = in_->size();
  for (size_t k = from; k < size; ++k) {
    if (w[k] == '\n' || w[k] == '\r') {
      ++line_;
      pending_lf_ = w[k] == '\r';
      *next = k + 1;
      return true;
    }
  }
  *next = size;
  return in_->source_done();
}

Result<bool> CsvBatchReader::NextBatch(CsvBatch* batch, size_t target_bytes) {
  if (!failed_.ok()) return failed_;
  in_->Consume(consumed_);
  consumed_ = 0;
  batch->fields.clear();
  batch->lines.clear();
  batch->text = {};
  unescaped_.clear();
  // Where each field's content is until the batch is complete (unescaped_ may still move).
  std::vector<std::pair<size_t, bool>>& contents = contents_;
  contents.clear();
  const size_t columns = column_names_.size();
  size_t off = 0;  // window offset of the next record
  while (true) {
    if (skipping_) {
      size_t after = 0;
      if (SkipRestOfLine(off, &after)) {
        skipping_ = false;
        off = after;
        continue;
      }
      off = after;
      if (batch->records() > 0) break;
      in_->Consume(off);
      off = 0;
      Result<bool> filled = in_->Fill();
      if (!filled.ok()) return Fail(filled.status());
      if (!*filled) {
        skipping_ = false;
        break;
      }
      continue;
    }
    if (batch->records() > 0 && off >= target_bytes) break;
    size_t after = 0;
    const Parsed parsed = ParseRecord(off, &after);
    if (parsed == Parsed::kNeedMore) {
      if (batch->records() > 0) break;  // the window moves only between batches
      in_->Consume(off);
      off = 0;
      unescaped_.clear();
      Result<std::string_view> peeked =
          in_->Peek(GrownWindow(in_->size(), options_.max_record_bytes));
      if (!peeked.ok()) return Fail(peeked.status());
      continue;
    }
    // An error ends the batch; its records are still returned (as CsvReader returns the records
    // before an error), and the next call returns the error.
    if (parsed == Parsed::kTooLong) {
      failed_ = ResourceExhausted(malformed_);
      break;
    }
    if (parsed == Parsed::kEnd) {
      off = after;
      break;
    }
    if (parsed == Parsed::kBlank) {
      off = after;
      continue;
    }
    if (parsed == Parsed::kRecord && record_.size() != columns) {
      malformed_ = LinePrefix(record_line_) + "expected " + std::to_string(columns) +
                   " fields, found " + std::to_string(record_.size());
      if (!options_.skip_bad_rows) {
        failed_ = InvalidArgument(malformed_);
        break;
      }
      ++bad_rows_;
      off = after;
      continue;
    }
    if (parsed == Parsed::kMalformed) {
      if (!options_.skip_bad_rows) {
        failed_ = InvalidArgument(malformed_);
        break;
      }
      ++bad_rows_;
      off = resume_;
      skipping_ = true;
      continue;
    }
    for (const PendingField& f : record_) {
      batch->fields.push_back({nullptr, f.size, f.raw_begin, f.raw_end});
      contents.emplace_back(f.begin, f.unescaped);
    }
    batch->lines.push_back(record_line_);
    ++rows_;
    off = after;
  }
  consumed_ = off;
  const char* w = in_->data();
  for (size_t k = 0; k < batch->fields.size(); ++k) {
    const auto [begin, unescaped] = contents[k];
    batch->fields[k].data = unescaped ? unescaped_.data() + begin : w + begin;
  }
  batch->text = std::string_view(w, off);
  if (batch->records() == 0 && !failed_.ok()) return failed_;
  return batch->records() > 0;
}

}  // namespace sluice::scan
