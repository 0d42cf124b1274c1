// API tokens: issuing, parsing, and token lifetimes ("--expires 30d").
//
// A token reads `sluice_<id>_<secret>`:
//   id     8 random bytes as 16 lowercase hex digits. Public: it names the
//          token record (in listings, audit events, revocation).
//   secret 32 random bytes (256 bits) as 64 lowercase hex digits. Shown
//          once, at issue; only its SHA-256 (hex) is stored.
// The fixed prefix lets secret scanners (and people) recognize a leaked
// token. A plain hash, not a slow password hash, is right here: the secret
// is 256 random bits, so there is nothing to brute-force, and verification
// runs on every request.
//
// Thread-safety: stateless functions.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "store/records.h"

namespace sluice::access {

inline constexpr std::string_view kTokenPrefix = "sluice_";
inline constexpr std::size_t kTokenIdBytes = 8;
inline constexpr std::size_t kTokenSecretBytes = 32;
// "sluice_" + 16 + "_" + 64 = 88 characters.
inline constexpr std::size_t kTokenLength =
    kTokenPrefix.size() + 2 * kTokenIdBytes + 1 + 2 * kTokenSecretBytes;
// Longest lifetime ParseTtl accepts: ten years.
inline constexpr std::chrono::seconds kMaxTtl = std::chrono::hours(24 * 3650);

struct IssuedToken {
  store::TokenRecord record;  // to store: holds the hash, not the secret
  std::string plaintext;      // to show the user once; never store or log
};

// A fresh token for `principal`, created at now_ms, expiring at expires_ms
// (none: never). kInvalidArgument if principal is empty or expires_ms is not
// after now_ms; kInternal if the CSPRNG fails.
Result<IssuedToken> IssueToken(std::string principal, std::optional<std::int64_t> expires_ms,
                               std::int64_t now_ms);

struct ParsedToken {
  std::string id;
  std::string secret;  // never log
};

// Splits a token into id and secret. kInvalidArgument unless it has exactly
// the issued shape (prefix, lengths, lowercase hex); the message never
// echoes the input, which may be a real secret pasted in the wrong place.
Result<ParsedToken> ParseToken(std::string_view token);

// A token lifetime: a positive whole number and a unit, s, m, h, d or w
// ("3600s", "90m", "12h", "30d"; common/duration.h), at most kMaxTtl.
// kInvalidArgument otherwise.
Result<std::chrono::seconds> ParseTtl(std::string_view text);

}  // namespace sluice::access
