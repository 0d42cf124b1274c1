#include "attest/bounded_json.h"

#include <algorithm>
#include <string>

#include "auditlog/jcs.h"

namespace sluice::attest {

Result<nlohmann::json> ParseBoundedJson(std::string_view text, std::string_view what,
                                        std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return ResourceExhausted(std::string(what) + " is " + std::to_string(text.size()) +
                             " bytes; the limit is " + std::to_string(max_bytes));
  }
  // nlohmann reports each value with its depth (the number of enclosing
  // containers), the same count the JCS writer limits. Returning false drops
  // the value, so a deep document is not built while it is refused.
  bool too_deep = false;
  auto limit_depth = [&too_deep](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    using Event = nlohmann::json::parse_event_t;
    if ((event == Event::object_start || event == Event::array_start || event == Event::value) &&
        depth > auditlog::kMaxJcsDepth) {
      too_deep = true;
      return false;
    }
    return true;
  };
  nlohmann::json value =
      nlohmann::json::parse(text.begin(), text.end(), limit_depth, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return InvalidArgument(std::string(what) + " is not valid JSON");
  }
  if (too_deep) {
    return InvalidArgument(std::string(what) + " nests JSON deeper than " +
                           std::to_string(auditlog::kMaxJcsDepth) + " levels");
  }
  return value;
}

std::string QuoteExcerpt(std::string_view value) {
  constexpr std::size_t kMax = 64;
  std::size_t cut = std::min(value.size(), kMax);
  // Cut at a character boundary: messages end up in JSON problem documents,
  // whose writer refuses invalid UTF-8.
  while (cut < value.size() && cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  std::string out = "\"";
  out += value.substr(0, cut);
  out += cut < value.size() ? "...\"" : "\"";
  return out;
}

}  // namespace sluice::attest
