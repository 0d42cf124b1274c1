// EntityUid: the identity of a Cedar entity, a type path plus an id string.
//
// The type is kept as its full `::`-joined path (e.g. "Ns::User"), which is
// exactly how Cedar compares types. Printing follows Cedar's surface syntax:
// `Ns::User::"alice"`, with the id escaped the way Cedar prints string
// literals, so printed uids can be parsed back.
//
// Thread-safety: a value type; no shared state.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace sluice::policy {

struct EntityUid {
  std::string type;  // "Ns::Type" (path segments joined with "::")
  std::string id;

  bool operator==(const EntityUid&) const = default;
  auto operator<=>(const EntityUid&) const = default;

  // `Ns::Type::"id"` with Cedar escapes in the id.
  std::string ToString() const;
};

// Escapes `s` the way Cedar prints a string literal body (\n, \t, \r, \\, \",
// \', \0, and \u{..} for other control characters).
std::string EscapeCedarString(std::string_view s);

struct EntityUidHash {
  size_t operator()(const EntityUid& u) const noexcept {
    size_t h = std::hash<std::string_view>()(u.type);
    return h ^ (std::hash<std::string_view>()(u.id) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  }
};

}  // namespace sluice::policy
