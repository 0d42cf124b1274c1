// JsonlReader: a streaming reader of JSON Lines (one JSON object per line) from a ByteSource,
// one record at a time, for schema inference and (later) per-column profiling.
//
// Each line holds one JSON object, flattened as JsonFlattener (json_flattener.h) documents:
// nested objects become dotted column names, arrays stay one value of kind kArray. Lines end at
// LF or CRLF; the last line may lack a line break; lines of only whitespace are skipped; a UTF-8
// byte order mark at the start is skipped.
//
// Errors (kInvalidArgument, message "line N: ..."): a line that is not valid JSON, or valid JSON
// but not an object. With JsonlOptions::skip_bad_rows such a line is skipped and counted in
// bad_rows() instead.
//
// A line longer than JsonlOptions::max_line_bytes (line break excluded), or one whose
// flattened fields (names plus text) exceed it, is kResourceExhausted and never skipped: the
// limit bounds memory, and raising it is the fix, not losing the row.
//
// After an error is returned, Next returns it again. Errors from the ByteSource pass through.
//
// Memory: the read buffer plus one line and its fields. Ownership: borrows the ByteSource,
// which must outlive the reader. Thread-safety: none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "tabular/buffered_source.h"
#include "tabular/byte_source.h"
#include "tabular/json_flattener.h"

namespace sluice::tabular {

inline constexpr size_t kDefaultMaxLineBytes = 16 * 1024 * 1024;

struct JsonlOptions {
  size_t max_line_bytes = kDefaultMaxLineBytes;
  bool skip_bad_rows = false;
};

struct JsonlRecord {
  // In document order; views into the reader, valid until the next call to Next.
  std::vector<FlatField> fields;
  // 1-based line of the input.
  uint64_t line = 0;
};

class JsonlReader {
 public:
  // Reads nothing yet, so it cannot fail.
  explicit JsonlReader(ByteSource& source, const JsonlOptions& options = {})
      : options_(options), in_(source), flattener_(options.max_line_bytes) {}

  // Reads the next record into *out: true, or false at the end of the input.
  Result<bool> Next(JsonlRecord* out);

  // Records returned so far, and lines skipped as malformed.
  uint64_t rows() const { return rows_; }
  uint64_t bad_rows() const { return bad_rows_; }

 private:
  // Reads the next line (without its line break) into line_; false at the end of the input.
  Result<bool> ReadLine();

  JsonlOptions options_;
  BufferedSource in_;
  JsonFlattener flattener_;
  std::string line_;
  uint64_t line_number_ = 0;  // of the line in line_
  Status failed_;
  uint64_t rows_ = 0;
  uint64_t bad_rows_ = 0;
};

}  // namespace sluice::tabular
