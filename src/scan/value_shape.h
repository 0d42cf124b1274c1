// ValueShape: the character make-up of a short value (how many digits, letters, dashes, ...),
// the second half of the first pass.
//
// Hyperscan is fast where patterns have rare literals ('@' of an email, "AKIA" of an AWS key,
// "eyJ" of a JWT). Numbers are the opposite: in a typical table most fields are digits, and a
// database of digit patterns (cards, phones, SSNs, IPs, IBANs) runs at a fraction of the speed
// of the rest because every field wakes it. So the detectors of whole-field numbers flag their
// candidates from the value's shape instead: one table-driven pass over the bytes of values of
// at most kMaxShapeBytes, cheap next to the hashing profiling does anyway, and only in
// columns where such a detector can fire. The "LooksLike" predicates are deliberately loose;
// the validators decide.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "scan/text.h"

namespace sluice::scan {

inline constexpr size_t kMaxShapeBytes = 63;  // counts are packed in 6 bits

struct ValueShape {
  uint8_t length = 0;
  uint8_t digits = 0;
  uint8_t letters = 0;
  uint8_t dashes = 0;
  uint8_t spaces = 0;
  uint8_t dots = 0;
  uint8_t colons = 0;
  uint8_t plus = 0;
  uint8_t parens = 0;
  uint8_t hex_letters = 0;  // a-f, A-F (also counted in letters)
  uint8_t others = 0;       // anything else
};

// Precondition: value.size() <= kMaxShapeBytes.
ValueShape ShapeOf(std::string_view value);

// Inline: they run for most short values of a table.
inline bool LooksLikePhone(std::string_view, const ValueShape& s) {
  // Digits with phone punctuation; letters only for an extension ("x12", "ext. 12"); '#' too.
  return s.digits >= 7 && s.digits <= 21 && s.colons == 0 && s.others <= 1 && s.letters <= 9 &&
         s.plus <= 1;
}

inline bool LooksLikeSsn(std::string_view, const ValueShape& s) {
  if (s.letters > 0 || s.others > 0 || s.colons > 0 || s.plus > 0 || s.parens > 0) {
    return s.digits >= 9 && s.dashes >= 2;  // maybe one inside text; the validator searches
  }
  return s.digits == 9 && s.dots == 0;
}

inline bool LooksLikeCard(std::string_view, const ValueShape& s) {
  return s.digits >= 12 && s.digits <= 19 && s.letters == 0 && s.others == 0 && s.dots == 0 &&
         s.colons == 0 && s.plus == 0 && s.parens == 0 && s.dashes + s.spaces <= 6;
}

inline bool LooksLikeIban(std::string_view v, const ValueShape& s) {
  return s.length >= 15 && s.others == 0 && s.dots == 0 && s.dashes == 0 && s.colons == 0 &&
         IsAlpha(v[0]) && IsAlpha(v[1]) && IsDigit(v[2]) && IsDigit(v[3]);
}

inline bool LooksLikeIp(std::string_view, const ValueShape& s) {
  if (s.dots == 3 && s.colons == 0) {
    return s.digits >= 4 && s.digits <= 12 && s.letters == 0 && s.others == 0 && s.spaces == 0;
  }
  // IPv6: hex groups and colons (an embedded IPv4 tail has dots).
  return s.colons >= 2 && s.letters == s.hex_letters && s.others == 0 && s.spaces == 0 &&
         s.dashes == 0;
}

inline bool LooksLikeIcd10(std::string_view v, const ValueShape& s) {
  return s.length >= 3 && s.length <= 8 && IsAlpha(v[0]) && IsDigit(v[1]) && s.others == 0 &&
         s.spaces == 0 && s.dashes == 0 && s.dots <= 1;
}

}  // namespace sluice::scan
