// Masking a page of a CSV or JSON Lines file (docs/masking.md): the records of one page with the
// masked columns' values replaced (ValueMasker), the others as they were.
//
// CSV pages are CSV again (RFC 4180: a field is quoted when it holds the delimiter, a quote or a
// line break), with the file's delimiter and "\n" line ends; the first page starts with the
// header. JSON Lines pages are one compact JSON object per line: a masked column is a dotted path
// as the scanner reports it ("customer.email"), its value replaced by a string; the objects are
// written again by nlohmann::json, so numbers may be spelled differently.
//
// Malformed records are never passed through (they could hold anything): they are skipped and
// counted in bad_rows. A record longer than tabular::kDefaultMaxRecordBytes is an error
// (kResourceExhausted), as for the readers. Memory: one page of output plus one record.
// Thread-safety: pure functions over the caller's source.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"
#include "masking/page_token.h"
#include "masking/value_masker.h"
#include "platform/model.h"
#include "tabular/byte_source.h"

namespace sluice::masking {

// Output bytes after which a page ends (at the end of a record).
inline constexpr size_t kPageBytes = 4u << 20;

// Column name -> how it is masked; columns not named pass in the clear.
using ColumnMasks = std::map<std::string, platform::MaskMethod, std::less<>>;

struct MaskedPage {
  std::string text;
  std::optional<PagePosition> next;  // nullopt: this was the last page
  std::uint64_t rows = 0;
  std::uint64_t bad_rows = 0;
  std::uint64_t source_bytes = 0;  // bytes of the file this page read (the header not counted)
};

// `source` yields the file from its start for the first page (at.offset == 0); for later pages
// the header's bytes [0, at.header_end) and then the file from at.offset.
[[nodiscard]] Result<MaskedPage> MaskCsvPage(tabular::ByteSource& source, const PagePosition& at,
                                             const ColumnMasks& masks, const ValueMasker& masker,
                                             size_t page_bytes = kPageBytes);

// `source` yields the file from at.offset.
[[nodiscard]] Result<MaskedPage> MaskJsonlPage(tabular::ByteSource& source, const PagePosition& at,
                                               const ColumnMasks& masks, const ValueMasker& masker,
                                               size_t page_bytes = kPageBytes);

}  // namespace sluice::masking
