#include "gates/message_text.h"

#include <charconv>
#include <cmath>

#include "platform/utf8.h"

namespace sluice::gates {
namespace {

bool IsContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The longest prefix of `text` of at most `n` bytes that does not split a UTF-8 sequence.
std::string_view Utf8Prefix(std::string_view text, size_t n) {
  if (text.size() <= n) return text;
  while (n > 0 && IsContinuationByte(text[n])) --n;
  return text.substr(0, n);
}

// The longest suffix of at most `n` bytes that starts on a UTF-8 sequence boundary.
std::string_view Utf8Suffix(std::string_view text, size_t n) {
  if (text.size() <= n) return text;
  size_t start = text.size() - n;
  while (start < text.size() && IsContinuationByte(text[start])) ++start;
  return text.substr(start);
}

void AppendHexEscape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

}  // namespace

std::string Quote(std::string_view text, size_t max_bytes) {
  const std::string_view shown = Utf8Prefix(text, max_bytes);
  const std::string valid = platform::ToValidUtf8(shown);
  std::string out = "\"";
  for (char ch : valid) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          AppendHexEscape(out, c);
        } else {
          out += ch;
        }
    }
  }
  if (shown.size() < text.size()) out += "...";
  out += '"';
  return out;
}

std::string SanitizeBlock(std::string_view text, size_t max_bytes, bool keep_tail) {
  const std::string_view shown =
      keep_tail ? Utf8Suffix(text, max_bytes) : Utf8Prefix(text, max_bytes);
  const std::string valid = platform::ToValidUtf8(shown);
  std::string out;
  out.reserve(valid.size());
  for (char ch : valid) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && ch != '\n' && ch != '\t') || c == 0x7F) {
      AppendHexEscape(out, c);
    } else {
      out += ch;
    }
  }
  return out;
}

std::string FormatNumber(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  if (ec != std::errc()) return "?";
  return std::string(buf, end);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace sluice::gates
