// The shipped lists of common first names and surnames behind the person-name detector:
// data/names.txt, embedded into the library at build time (names_data.cc.in), so the list is
// one plain file to review and extend.
//
// Lookups ignore ASCII case. Thread-safety: the sets are built once, on first use, under the
// function-local static guard; lookups are then read-only.
#pragma once

#include <cstddef>
#include <string_view>

namespace sluice::scan {

bool IsCommonFirstName(std::string_view word);
bool IsCommonSurname(std::string_view word);

// How many names each list holds (for tests and docs).
size_t FirstNameCount();
size_t SurnameCount();

namespace internal {
// The text of data/names.txt (generated into the build tree).
std::string_view NamesText();
}  // namespace internal

}  // namespace sluice::scan
