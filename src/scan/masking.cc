#include "scan/masking.h"

#include <vector>

namespace sluice::scan {
namespace {

// Length of the well-formed UTF-8 sequence at s[i], or 0 if it is not one.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

// The start offset of each character (a stray byte is a character).
std::vector<size_t> CharacterStarts(std::string_view s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size();) {
    starts.push_back(i);
    size_t n = Utf8SequenceLength(s, i);
    i += n == 0 ? 1 : n;
  }
  return starts;
}

}  // namespace

std::string MaskValue(std::string_view value, MaskStyle style) {
  if (style == MaskStyle::kEmail) {
    size_t at = value.rfind('@');
    if (at != std::string_view::npos && at > 0) {
      std::vector<size_t> starts = CharacterStarts(value.substr(0, at));
      size_t first_end = starts.size() > 1 ? starts[1] : at;
      return std::string(value.substr(0, first_end)) + "***" + std::string(value.substr(at));
    }
    style = MaskStyle::kFull;
  }
  std::vector<size_t> starts = CharacterStarts(value);
  size_t keep = style == MaskStyle::kKeepLast4 && starts.size() > 4 ? 4 : 0;
  size_t masked = starts.size() - keep;
  std::string out(masked, '*');
  if (keep > 0) out.append(value.substr(starts[masked]));
  return out;
}

std::string SanitizeUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string TruncateForReport(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  // Back up over continuation bytes so a character is not split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

}  // namespace sluice::scan
