#include "access/authenticator.h"

#include <string>

#include "access/token.h"
#include "common/clock.h"
#include "common/crypto.h"

namespace sluice::access {
namespace {

Status InvalidToken() {
  return Unauthenticated(std::string(kInvalidTokenMessage));
}

// Stands in for the stored hash when the id is unknown, so that case costs
// a hash and a comparison like the others. No secret hashes to it (it is
// not lowercase hex of a SHA-256 of anything we could find).
constexpr std::string_view kDummyHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace

Result<store::Principal> Authenticator::Authenticate(std::string_view bearer_token,
                                                     std::int64_t now_ms) const {
  Result<ParsedToken> parsed = ParseToken(bearer_token);
  if (!parsed.ok()) return InvalidToken();

  Result<CredentialCache::Entry> loaded = Load(parsed->id, now_ms);
  const bool found = loaded.ok();
  if (!found && loaded.status().code() != StatusCode::kNotFound) return loaded.status();

  const std::string presented_hash = Sha256Hex(parsed->secret);
  const bool secret_ok = ConstantTimeEquals(
      presented_hash, found ? std::string_view(loaded->token.secret_hash) : kDummyHash);
  if (!found || !secret_ok) return InvalidToken();
  const store::TokenRecord& record = loaded->token;
  if (record.revoked_ms.has_value()) return InvalidToken();
  if (record.expires_ms.has_value() && *record.expires_ms <= now_ms) {
    return Unauthenticated("token expired at " + FormatRfc3339Millis(*record.expires_ms) +
                           "; ask for a new one");
  }
  return std::move(loaded->principal);
}

Result<CredentialCache::Entry> Authenticator::Load(const std::string& id,
                                                   std::int64_t now_ms) const {
  if (cache_ != nullptr) {
    if (auto hit = cache_->Get(id, now_ms)) return std::move(*hit);
  }
  SLUICE_ASSIGN_OR_RETURN(store::TokenRecord record, store_.GetToken(id));
  Result<store::Principal> principal = store_.GetPrincipal(record.principal);
  if (!principal.ok()) {
    // Tokens cascade with their principal, so this is a delete racing this
    // request: the token is gone too.
    return principal.status();
  }
  CredentialCache::Entry entry{std::move(record), std::move(principal).value()};
  if (cache_ != nullptr) cache_->Put(entry, now_ms);
  return entry;
}

}  // namespace sluice::access
