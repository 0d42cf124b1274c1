#include "policy/ext/error_text.h"

#include <string>

namespace sluice::policy::ext::internal {

std::string QuoteText(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  const std::size_t n = text.size() < kMaxQuotedBytes ? text.size() : kMaxQuotedBytes;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  if (n < text.size()) out += "...";
  return out;
}

Status ParseError(std::string_view type_name, std::string_view text, std::string_view reason) {
  std::string m = "invalid ";
  m += type_name;
  m += ' ';
  m += QuoteText(text);
  m += ": ";
  m += reason;
  return InvalidArgument(std::move(m));
}

Status OverflowError(std::string_view what) {
  return InvalidArgument("overflow: " + std::string(what));
}

}  // namespace sluice::policy::ext::internal
