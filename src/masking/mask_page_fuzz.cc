// libFuzzer target for masked pages (table_masker.h, page_token.h): arbitrary bytes as a CSV and
// a JSON Lines file, masked page by page with small pages, and as a page token. Nothing may
// crash, loop or grow without bound; every page must move forward.
#include <cstddef>
#include <cstdint>
#include <string>

#include "masking/page_token.h"
#include "masking/table_masker.h"

namespace {

using sluice::masking::PagePosition;

const sluice::masking::ValueMasker kMasker("fuzz-key");
const sluice::masking::ColumnMasks kMasks{{"a", sluice::platform::MaskMethod::kTokenize},
                                          {"b.c", sluice::platform::MaskMethod::kYear},
                                          {"c", sluice::platform::MaskMethod::kPartial}};

void AllPages(const std::string& file, bool csv) {
  PagePosition at;
  for (int pages = 0; pages < 10000; ++pages) {
    sluice::Result<sluice::masking::MaskedPage> page = sluice::InvalidArgument("not read");
    if (!csv) {
      sluice::tabular::StringByteSource source(file.substr(std::min(at.offset, file.size())), 7);
      page = sluice::masking::MaskJsonlPage(source, at, kMasks, kMasker, 64);
    } else if (at.offset == 0) {
      sluice::tabular::StringByteSource source(file, 7);
      page = sluice::masking::MaskCsvPage(source, at, kMasks, kMasker, 64);
    } else {
      sluice::tabular::StringByteSource header(file.substr(0, at.header_end));
      sluice::tabular::StringByteSource rest(file.substr(std::min(at.offset, file.size())), 5);
      sluice::tabular::ConcatByteSource source(header, rest);
      page = sluice::masking::MaskCsvPage(source, at, kMasks, kMasker, 64);
    }
    if (!page.ok() || !page->next) return;
    if (page->next->offset <= at.offset) __builtin_trap();  // a page that does not advance
    at = *page->next;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)sluice::masking::ParsePageToken(text);
  AllPages(text, /*csv=*/true);
  AllPages(text, /*csv=*/false);
  return 0;
}
