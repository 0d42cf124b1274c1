// A masked read goes page by page, so that neither the server nor the client holds a whole file
// (docs/masking.md, "Pages"). A page token says where the next page starts; the server keeps no
// state between pages. Text form: "OFFSET.HEADER_END.DELIMITER", decimal numbers, e.g.
// "4194417.31.44". The empty token is the first page.
//
// A token is input from the network: parsing refuses anything but that form (kInvalidArgument).
// Forging one gains nothing: every page is authorised and masked like the first, and a token that
// does not fall on a record boundary only yields rows parsed from the wrong place, masked all
// the same.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::masking {

struct PagePosition {
  std::uint64_t offset = 0;      // where the page's records start in the file; 0: first page
  std::uint64_t header_end = 0;  // CSV: where the header ends (each page re-reads it)
  char delimiter = '\0';         // CSV: the delimiter the first page found; '\0' for JSON Lines
  bool operator==(const PagePosition&) const = default;
};

std::string EncodePageToken(const PagePosition& position);
[[nodiscard]] Result<PagePosition> ParsePageToken(std::string_view token);

}  // namespace sluice::masking
