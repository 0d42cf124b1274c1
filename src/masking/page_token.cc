#include "masking/page_token.h"

#include <charconv>
#include <optional>

namespace sluice::masking {
namespace {

std::optional<std::uint64_t> Number(std::string_view text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  if (text.size() > 1 && text.front() == '0') return std::nullopt;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string EncodePageToken(const PagePosition& p) {
  return std::to_string(p.offset) + "." + std::to_string(p.header_end) + "." +
         std::to_string(static_cast<unsigned char>(p.delimiter));
}

Result<PagePosition> ParsePageToken(std::string_view token) {
  if (token.empty()) return PagePosition{};
  auto bad = [&] {
    return InvalidArgument("page token \"" + std::string(token.substr(0, 64)) +
                           "\" is not one this server gave (OFFSET.HEADER_END.DELIMITER)");
  };
  const size_t first = token.find('.');
  const size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) return bad();
  std::optional<std::uint64_t> offset = Number(token.substr(0, first));
  std::optional<std::uint64_t> header_end = Number(token.substr(first + 1, second - first - 1));
  std::optional<std::uint64_t> delimiter = Number(token.substr(second + 1));
  if (!offset || !header_end || !delimiter || *delimiter > 255 || *header_end > *offset ||
      *offset == 0) {
    return bad();
  }
  const char d = static_cast<char>(*delimiter);
  if (d == '"' || d == '\r' || d == '\n') return bad();
  return PagePosition{*offset, *header_end, d};
}

}  // namespace sluice::masking
