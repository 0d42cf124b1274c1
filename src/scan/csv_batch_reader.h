// CsvBatchReader: the CSV reader of the scanner, reading many records at a time without copying
// their fields. It accepts exactly what tabular::CsvReader accepts and reports the same records,
// line numbers and errors (scan_fuzz checks this on arbitrary input); it differs in speed.
//
// Why a second reader: the scanner's pass is bound by how fast it can split records into fields.
// CsvReader copies every field into a record buffer and walks the text byte by byte; this reader
// finds the next delimiter, quote or line break 16 bytes at a time (SSE2), hands out fields as
// views into its read window (only fields with doubled quotes are unescaped into a side buffer),
// and keeps a whole batch of records in the window, so the scanner can run Hyperscan over the
// records' raw bytes (CsvBatch::text) and profile the fields in place.
//
// Limits, as CsvReader: a record longer than CsvOptions::max_record_bytes is kResourceExhausted
// naming its line; malformed records are kInvalidArgument "line N: ...", or skipped and counted
// with CsvOptions::skip_bad_rows; a malformed header is always an error.
//
// Ownership: borrows the ByteSource. A batch's views are valid until the next NextBatch.
// Memory: the read window (about kWindowBytes, or one record when it is longer).
// Thread-safety: none. Move-only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "tabular/buffered_source.h"
#include "tabular/byte_source.h"
#include "tabular/csv_reader.h"

namespace sluice::scan {

struct CsvField {
  const char* data;
  size_t size;
  size_t raw_begin;  // where the field starts in CsvBatch::text (its opening quote, if quoted)
  size_t raw_end;    // where its terminator (delimiter, line break or end of text) is
};

struct CsvBatch {
  std::string_view text;         // the raw bytes of the batch's records
  std::vector<CsvField> fields;  // every field of every record, in order
  std::vector<uint64_t> lines;   // per record: the 1-based line where it starts
  // Records are column_names().size() consecutive fields each.
  size_t records() const { return lines.size(); }
};

class CsvBatchReader {
 public:
  static constexpr size_t kWindowBytes = 256 * 1024;

  // Reads the header (and detects the delimiter), as CsvReader::Open.
  static Result<CsvBatchReader> Open(tabular::ByteSource& source,
                                     const tabular::CsvOptions& options = {});

  CsvBatchReader(CsvBatchReader&&) = default;
  CsvBatchReader& operator=(CsvBatchReader&&) = default;

  const std::vector<std::string>& column_names() const { return column_names_; }
  char delimiter() const { return delimiter_; }

  // Replaces *batch with the next records (about `target_bytes` of them, at least one): true, or
  // false at the end of the input. After an error, returns it again.
  Result<bool> NextBatch(CsvBatch* batch, size_t target_bytes = kWindowBytes / 4);

  uint64_t rows() const { return rows_; }
  uint64_t bad_rows() const { return bad_rows_; }

 private:
  enum class Parsed { kRecord, kBlank, kEnd, kNeedMore, kMalformed, kTooLong };

  CsvBatchReader(tabular::ByteSource& source, const tabular::CsvOptions& options);

  // Parses the record at window offset `start`, appending its fields to *out (and to escaped_
  // those unescaped into unescaped_); on kRecord *next is where the next one starts. On any
  // other result the caller takes back what was appended.
  Parsed ParseRecord(size_t start, size_t* next, std::vector<CsvField>* out);
  // Reads the records from window offset `start` the fast way while they are common ones (no
  // doubled quotes, no line break inside quotes, the right width, ...), appending them to
  // *batch as NextBatch would, until one is not or the batch reaches target_bytes; returns
  // where it stopped (the next record, for ParseRecord).
  size_t FastRecords(size_t start, size_t target_bytes, CsvBatch* batch);
  // Points the fields listed in escaped_ at their content in unescaped_ (which no longer moves).
  void ResolveEscaped(std::vector<CsvField>* fields);
  // Skips past the next line break from window offset `from` (after a malformed record): true
  // when found in the window (*next is past it), false when the window ran out first.
  bool SkipRestOfLine(size_t from, size_t* next);
  Status Fail(Status status);

  tabular::CsvOptions options_;
  std::unique_ptr<tabular::BufferedSource> in_;  // stable address: the reader is movable
  char delimiter_;
  std::vector<std::string> column_names_;

  std::string unescaped_;  // doubled quotes removed, for this batch's fields that had them
  // (field index, offset in unescaped_) of those fields: their data is set once the batch is
  // complete, as unescaped_ may move while it grows.
  std::vector<std::pair<size_t, size_t>> escaped_;
  std::string malformed_;
  size_t resume_ = 0;         // after kMalformed: the window offset to skip from
  uint64_t record_line_ = 0;  // where the last kRecord started

  size_t consumed_ = 0;  // bytes of the window the last batch used (consumed on the next call)
  bool pending_lf_ = false;
  bool skipping_ = false;  // a malformed record's line still has to be skipped
  uint64_t line_ = 1;
  Status failed_;
  uint64_t rows_ = 0;
  uint64_t bad_rows_ = 0;
};

}  // namespace sluice::scan
