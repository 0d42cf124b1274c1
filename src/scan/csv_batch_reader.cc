#include "scan/csv_batch_reader.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
#if defined(__SSE2__)
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
#endif
  for (; pos < end; ++pos) {
    const char c = s[pos];
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') return pos;
  }
  return end;
}

// Inside quotes only quotes and line breaks (for line numbers) matter.
inline size_t FindQuoteOrBreak(const char* s, size_t pos, size_t end) {
#if defined(__SSE2__)
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
#endif
  for (; pos < end; ++pos) {
    const char c = s[pos];
    if (c == '"' || c == '\n' || c == '\r') return pos;
  }
  return end;
}

// Bit i of each mask is set when byte i of the 64-byte block is that character.
struct BlockMasks {
  uint64_t delimiter;
  uint64_t quote;
  uint64_t newline;
  uint64_t cr;
};

inline BlockMasks ClassifyBlock(const char* s, char delimiter) {
  BlockMasks m{0, 0, 0, 0};
#if defined(__SSE2__)
  const __m128i vd = _mm_set1_epi8(delimiter);
  const __m128i vq = _mm_set1_epi8('"');
  const __m128i vn = _mm_set1_epi8('\n');
  const __m128i vr = _mm_set1_epi8('\r');
  for (int i = 0; i < 4; ++i) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + 16 * i));
    auto bits = [&](__m128i c) {
      return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, c))))
             << (16 * i);
    };
    m.delimiter |= bits(vd);
    m.quote |= bits(vq);
    m.newline |= bits(vn);
    m.cr |= bits(vr);
  }
#else
  // Without SSE2 (not x86-64): the same masks, a byte at a time.
  for (int i = 0; i < 64; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    m.delimiter |= s[i] == delimiter ? bit : 0;
    m.quote |= s[i] == '"' ? bit : 0;
    m.newline |= s[i] == '\n' ? bit : 0;
    m.cr |= s[i] == '\r' ? bit : 0;
  }
#endif
  return m;
}

// Bit i of the result is the parity of the set bits of x at or below i: with x the quotes of a
// block, the bytes from an opening quote up to (not including) its closing quote.
inline uint64_t PrefixXor(uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
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
  std::vector<CsvField> header;
  while (true) {
    size_t next = 0;
    header.clear();
    reader.escaped_.clear();
    switch (reader.ParseRecord(0, &next, &header)) {
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
        reader.ResolveEscaped(&header);
        std::vector<std::string> names;
        names.reserve(header.size());
        for (const CsvField& f : header) names.emplace_back(f.data, f.size);
        in.Consume(next);
        reader.unescaped_.clear();
        reader.escaped_.clear();
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
CsvBatchReader::Parsed CsvBatchReader::ParseRecord(size_t start, size_t* next,
                                                   std::vector<CsvField>* out) {
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
  std::vector<CsvField>& fields = *out;
  const size_t first_field = fields.size();
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
  // A field's content is in the window at r + begin, or (after doubled quotes) in unescaped_ at
  // `begin`, whose address is only known once the batch is complete (see escaped_).
  auto add = [&](size_t begin, size_t n, size_t raw_begin, size_t raw_end, bool unescaped) {
    if (unescaped) escaped_.push_back({fields.size(), begin});
    fields.push_back({unescaped ? nullptr : r + begin, n, s + raw_begin, s + raw_end});
  };

  size_t pos = 0;
  while (true) {
    const size_t field_start = pos;
    if (pos == limit) {
      if (capped) return too_long();
      if (!eof) return need_more();
      if (pos == 0 && fields.size() == first_field) {
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
        fields.back().raw_end = s + pos;
        if (after == delim) {
          ++pos;
          break;
        }
        if (after == '\n' || after == '\r') return finish(pos);
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
      if (pos == 0 && fields.size() == first_field) {
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

void CsvBatchReader::ResolveEscaped(std::vector<CsvField>* fields) {
  for (const auto& [k, begin] : escaped_) (*fields)[k].data = unescaped_.data() + begin;
}

// The common records, 64 bytes at a time: masks of each block's delimiters, quotes and line
// breaks, the bytes inside quotes found by a prefix xor of the quotes (carried from block to
// block), and each field ended by a delimiter or line break outside quotes, record after record
// without going back. It takes only records that the state machine would read the same way and
// without error: LF or CRLF line ends, no line break inside quotes, each field either without
// quotes or quoted exactly at its two ends (no doubled quotes), the right number of fields,
// within max_record_bytes, not blank, with no LF pending, and ended at least 64 bytes before
// the end of the window. At the first record that is not so, it stops (taking back that
// record's fields) and leaves it to ParseRecord.
size_t CsvBatchReader::FastRecords(size_t start, size_t target_bytes, CsvBatch* batch) {
  if (pending_lf_) return start;
  const char* const w = in_->data();
  const size_t size = in_->size();
  const size_t max = options_.max_record_bytes;
  const size_t columns = column_names_.size();
  const char delim = delimiter_;
  std::vector<CsvField>& fields = batch->fields;
  auto below = [](size_t bit) { return bit >= 64 ? ~uint64_t{0} : (uint64_t{1} << bit) - 1; };
  // 0, 1, 2, or 3 for "3 or more": the number of set bits, without a popcount instruction
  // (which needs a target flag; the baseline x86-64 build calls a library routine).
  auto count3 = [](uint64_t x) -> unsigned {
    if (x == 0) return 0;
    x &= x - 1;
    if (x == 0) return 1;
    x &= x - 1;
    return x == 0 ? 2 : 3;
  };
  size_t record = start;        // where the current record starts
  size_t mark = fields.size();  // its first field
  size_t field = start;         // where the current field starts
  unsigned field_quotes = 0;    // quotes of the current field in earlier blocks (at most 3)
  uint64_t carry = 0;           // all ones when the block starts inside quotes
  // Takes back the unfinished record: ParseRecord reads it.
  auto slow = [&] {
    fields.resize(mark);
    return record;
  };
  if (record < size && (w[record] == '\n' || w[record] == '\r')) return record;  // blank
  for (size_t block = start; block + 64 <= size && block - record <= max; block += 64) {
    const BlockMasks m = ClassifyBlock(w + block, delim);
    const uint64_t inside = PrefixXor(m.quote) ^ carry;
    carry = static_cast<uint64_t>(static_cast<int64_t>(inside) >> 63);
    if (((m.newline | m.cr) & inside) != 0) break;  // a line break inside quotes
    uint64_t ends = (m.delimiter | m.newline | m.cr) & ~inside;
    while (ends != 0) {
      const unsigned bit = static_cast<unsigned>(std::countr_zero(ends));
      ends &= ends - 1;
      const size_t e = block + bit;
      if (e < field) continue;  // the LF of a CRLF
      const size_t from = field > block ? field - block : 0;
      const unsigned quotes = field_quotes + count3(m.quote & below(bit) & ~below(from));
      if (quotes == 0) {
        fields.push_back({w + field, e - field, field, e});
      } else if (quotes == 2 && e - field >= 2 && w[field] == '"' && w[e - 1] == '"') {
        fields.push_back({w + field + 1, e - field - 2, field, e});
      } else {
        return slow();
      }
      field_quotes = 0;
      field = e + 1;
      if (w[e] == delim) continue;
      // The end of the record, at an LF or a CR that an LF follows.
      if (e - record > max || fields.size() - mark != columns) return slow();
      if (w[e] == '\r') {
        if (e + 1 >= size || w[e + 1] != '\n') return slow();
        field = e + 2;
      }
      batch->lines.push_back(line_);
      record_line_ = line_;
      ++line_;
      ++rows_;
      record = field;
      mark = fields.size();
      if (record >= target_bytes || record >= size || w[record] == '\n' || w[record] == '\r') {
        return record;
      }
    }
    if (field < block + 64) {
      const size_t from = field > block ? field - block : 0;
      field_quotes = std::min(3u, field_quotes + count3(m.quote & ~below(from)));
    }
  }
  return slow();
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
  escaped_.clear();
  std::vector<CsvField>& fields = batch->fields;
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
    off = FastRecords(off, target_bytes, batch);
    if (batch->records() > 0 && off >= target_bytes) break;
    size_t after = 0;
    // ParseRecord appends the record's fields to the batch; they are taken back unless it is a
    // record of the right width.
    const size_t mark = fields.size();
    const size_t escaped_mark = escaped_.size();
    const Parsed parsed = ParseRecord(off, &after, &fields);
    const bool wrong_width = parsed == Parsed::kRecord && fields.size() - mark != columns;
    if (parsed != Parsed::kRecord || wrong_width) {
      if (wrong_width) {
        malformed_ = LinePrefix(record_line_) + "expected " + std::to_string(columns) +
                     " fields, found " + std::to_string(fields.size() - mark);
      }
      fields.resize(mark);
      escaped_.resize(escaped_mark);
    }
    if (parsed == Parsed::kNeedMore) {
      if (batch->records() > 0) break;  // the window moves only between batches
      in_->Consume(off);
      off = 0;
      unescaped_.clear();
      escaped_.clear();
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
    if (wrong_width) {
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
    batch->lines.push_back(record_line_);
    ++rows_;
    off = after;
  }
  consumed_ = off;
  const char* w = in_->data();
  ResolveEscaped(&fields);
  batch->text = std::string_view(w, off);
  if (batch->records() == 0 && !failed_.ok()) return failed_;
  return batch->records() > 0;
}

}  // namespace sluice::scan
