// CsvReader: a streaming reader of CSV text (RFC 4180) from a ByteSource, one record at a time,
// for schema inference and (later) per-column profiling of dataset versions.
//
// Accepted input:
// - fields separated by the delimiter (given, or detected from the first lines among
//   , ; TAB | : see csv_delimiter.h); records end at LF, CRLF or a lone CR;
// - fields in double quotes may contain the delimiter, line breaks (kept as written) and
//   doubled quotes (read as one quote);
// - a UTF-8 byte order mark at the start is skipped;
// - the first non-blank record is the header; its names are made non-empty and unique as
//   MakeUniqueColumnNames (column_names.h) documents;
// - blank lines (no bytes at all between line breaks) are skipped, as most CSV tools do; a line
//   holding only "" is a record with one empty field;
// - the last record may lack a line break;
// - an empty input has no columns and no records.
//
// Errors (kInvalidArgument, message "line N: ..."):
// - "unterminated quoted field" (N: the line where the quoted field opens);
// - "stray quote in unquoted field" (a quote inside a field that did not start with one);
// - "unexpected character after closing quote" ("a"b);
// - "expected H fields, found F" (N: the line where the record starts).
// With CsvOptions::skip_bad_rows, such a record is skipped instead (the rest of its physical
// line is discarded) and counted in bad_rows(). A malformed header is always an error.
//
// A record longer than CsvOptions::max_record_bytes (counting its bytes as written, line
// breaks inside quotes included) is kResourceExhausted and never skipped: the limit bounds
// memory, and an overlong record usually means an unbalanced quote that has swallowed the rest
// of the file, so skipping it would silently drop data.
//
// After an error is returned, Next returns it again. Errors from the ByteSource pass through.
//
// Memory: the read buffer plus one record. Ownership: borrows the ByteSource, which must
// outlive the reader. Thread-safety: none. Move-only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "tabular/buffered_source.h"
#include "tabular/byte_source.h"

namespace sluice::tabular {

inline constexpr size_t kDefaultMaxRecordBytes = 16 * 1024 * 1024;

struct CsvOptions {
  // '\0': detect. Otherwise any byte but '"', CR and LF.
  char delimiter = '\0';
  size_t max_record_bytes = kDefaultMaxRecordBytes;
  bool skip_bad_rows = false;
};

struct CsvRecord {
  // One view per column, into the reader; valid until the next call to Next or the reader's end.
  std::vector<std::string_view> fields;
  // 1-based line of the input where the record starts.
  uint64_t line = 0;
};

class CsvReader {
 public:
  // Reads the header (and detects the delimiter). kInvalidArgument for a bad delimiter option
  // or a malformed header.
  static Result<CsvReader> Open(ByteSource& source, const CsvOptions& options = {});

  CsvReader(CsvReader&&) = default;
  CsvReader& operator=(CsvReader&&) = default;

  const std::vector<std::string>& column_names() const { return column_names_; }
  char delimiter() const { return delimiter_; }

  // Reads the next record into *out: true, or false at the end of the input.
  Result<bool> Next(CsvRecord* out);

  // Records returned so far, and records skipped as malformed.
  uint64_t rows() const { return rows_; }
  uint64_t bad_rows() const { return bad_rows_; }
  // Bytes of the source consumed so far: after Open, where the first record starts; after Next,
  // where the record after it starts (or the LF of the CRLF that ended it). For paging
  // (masking/table_masker.h).
  uint64_t bytes_consumed() const { return in_.consumed(); }

 private:
  enum class Parsed { kRecord, kBlank, kEnd, kMalformed };

  CsvReader(ByteSource& source, const CsvOptions& options)
      : options_(options), in_(source), delimiter_(options.delimiter) {}

  // Reads one record into field_data_/field_ends_. kMalformed leaves the message in
  // malformed_ and the input at the offending byte.
  Result<Parsed> ParseRecord();
  // Discards input through the next line break (resynchronizes after a malformed record).
  Status SkipRestOfLine();
  Parsed Malformed(uint64_t line, std::string_view what);
  void EndField() { field_ends_.push_back(field_data_.size()); }
  void EndLine(char line_break);

  CsvOptions options_;
  BufferedSource in_;
  char delimiter_;
  std::vector<std::string> column_names_;

  // The current record: its fields concatenated, and where each ends.
  std::string field_data_;
  std::vector<size_t> field_ends_;

  uint64_t line_ = 1;         // line of the next unread byte
  uint64_t record_line_ = 1;  // line where the current record starts
  bool pending_lf_ = false;   // the last record ended at CR; an LF right after belongs to it
  std::string malformed_;
  Status failed_;
  uint64_t rows_ = 0;
  uint64_t bad_rows_ = 0;
};

}  // namespace sluice::tabular
