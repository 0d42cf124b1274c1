// Authenticator: turns a bearer token into the principal it belongs to.
//
// A request is authenticated when its token parses, names a stored token
// record, its secret's SHA-256 matches the stored hash (compared in
// constant time), the token is neither revoked nor expired at now_ms, and
// its principal still exists.
//
// What a failure says (all are kUnauthenticated): only a caller that
// proves it holds the secret learns more than "invalid token". A bad
// shape, an unknown id, a wrong secret, a revoked token and a vanished
// principal all read "invalid, expired or revoked token", so the answer
// is no oracle for which ids exist or whether a stolen token was noticed
// and revoked. An expired token with the right secret reads "token
// expired": expiry is routine, the holder can do nothing harmful with the
// knowledge, and it tells them to get a new token rather than call for
// help. Unknown ids still hash the presented secret, so timing does not
// tell them from known ones either. Neither the secret nor the token text
// appears in any message. Store failures other than "not found" (e.g.
// kUnavailable) pass through unchanged: they are not the caller's fault
// and a retry may succeed.
//
// Ownership: holds a reference to a MetadataStore it does not own; the
// store must outlive the Authenticator (the server owns both and destroys
// the Authenticator first).
//
// Thread-safety: thread-safe (no mutable state; the store is thread-safe).
#pragma once

#include <cstdint>
#include <string_view>

#include "access/credential_cache.h"
#include "common/status.h"
#include "store/metadata_store.h"
#include "store/records.h"

namespace sluice::access {

inline constexpr std::string_view kInvalidTokenMessage = "invalid, expired or revoked token";

class Authenticator {
 public:
  // `cache` (optional, borrowed) keeps recently loaded credentials; see
  // credential_cache.h for what that means for revocation.
  explicit Authenticator(store::MetadataStore& store, CredentialCache* cache = nullptr)
      : store_(store), cache_(cache) {}

  Authenticator(const Authenticator&) = delete;
  Authenticator& operator=(const Authenticator&) = delete;

  // `bearer_token` is the token text alone (the "Bearer " scheme already
  // stripped by the HTTP layer).
  Result<store::Principal> Authenticate(std::string_view bearer_token, std::int64_t now_ms) const;

 private:
  // The token record and its principal, from the cache or the store.
  Result<CredentialCache::Entry> Load(const std::string& id, std::int64_t now_ms) const;

  store::MetadataStore& store_;
  CredentialCache* cache_;
};

}  // namespace sluice::access
