#include "access/token.h"

#include <utility>

#include "common/crypto.h"
#include "common/duration.h"

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
  std::optional<std::chrono::seconds> ttl = ParseDuration(text);
  if (!ttl) {
    return InvalidArgument("token lifetime " + shown +
                           " must be a positive whole number and a unit: s, m, h, d or w (e.g. "
                           "30d)");
  }
  if (*ttl > kMaxTtl) {
    return InvalidArgument("token lifetime " + shown + " is too long; the most is 3650d");
  }
  return *ttl;
}

}  // namespace sluice::access
