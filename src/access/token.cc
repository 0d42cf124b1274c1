#include "access/token.h"

#include <charconv>
#include <utility>

#include "common/crypto.h"

namespace sluice::access {
namespace {

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

Result<IssuedToken> IssueToken(std::string principal, std::optional<std::int64_t> expires_ms,
                               std::int64_t now_ms) {
  if (principal.empty()) return InvalidArgument("a token needs a principal");
  if (expires_ms.has_value() && *expires_ms <= now_ms) {
    return InvalidArgument("a token must expire after it is issued");
  }
  SLUICE_ASSIGN_OR_RETURN(std::string id, RandomHex(kTokenIdBytes));
  SLUICE_ASSIGN_OR_RETURN(std::string secret, RandomHex(kTokenSecretBytes));
  IssuedToken issued;
  issued.plaintext.reserve(kTokenLength);
  issued.plaintext.append(kTokenPrefix).append(id).append("_").append(secret);
  issued.record.id = std::move(id);
  issued.record.principal = std::move(principal);
  issued.record.secret_hash = Sha256Hex(secret);
  issued.record.created_ms = now_ms;
  issued.record.expires_ms = expires_ms;
  return issued;
}

Result<ParsedToken> ParseToken(std::string_view token) {
  if (!token.starts_with(kTokenPrefix)) {
    return InvalidArgument("not a Sluice API token (expected \"sluice_<id>_<secret>\")");
  }
  if (token.size() != kTokenLength) {
    return InvalidArgument("malformed Sluice API token: wrong length");
  }
  std::string_view rest = token.substr(kTokenPrefix.size());
  std::string_view id = rest.substr(0, 2 * kTokenIdBytes);
  std::string_view secret = rest.substr(2 * kTokenIdBytes + 1);
  if (rest[2 * kTokenIdBytes] != '_' || !IsLowerHex(id) || !IsLowerHex(secret)) {
    return InvalidArgument("malformed Sluice API token: expected \"sluice_<16 hex>_<64 hex>\"");
  }
  return ParsedToken{std::string(id), std::string(secret)};
}

Result<std::chrono::seconds> ParseTtl(std::string_view text) {
  // Appended rather than "\"" + ...: GCC 12 warns falsely (-Wrestrict) on that.
  std::string shown = "\"";
  shown.append(text.substr(0, 32)).append("\"");
  if (text.size() < 2) {
    return InvalidArgument("token lifetime " + shown +
                           " must be a number and a unit: s, m, h or d (e.g. 30d)");
  }
  std::int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    default:
      return InvalidArgument("token lifetime " + shown + " needs a unit: s, m, h or d");
  }
  const std::string_view digits = text.substr(0, text.size() - 1);
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  // from_chars accepts no sign or spaces except a leading '-', refused here.
  if (ec == std::errc::result_out_of_range) {
    return InvalidArgument("token lifetime " + shown + " is too long; the most is 3650d");
  }
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.front() == '-') {
    return InvalidArgument("token lifetime " + shown +
                           " must be a whole number and a unit: s, m, h or d (e.g. 30d)");
  }
  if (n <= 0) return InvalidArgument("token lifetime " + shown + " must be positive");
  if (n > kMaxTtl.count() / unit) {
    return InvalidArgument("token lifetime " + shown + " is too long; the most is 3650d");
  }
  return std::chrono::seconds(n * unit);
}

}  // namespace sluice::access
