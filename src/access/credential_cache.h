// CredentialCache: recently authenticated tokens and their principals, so
// that the per-request authentication costs a hash lookup and one SHA-256
// instead of two database reads.
//
// Correctness: the cache holds only what the store said (the token's secret
// hash, expiry and revocation time, and its principal); the secret is still
// verified on every request. Changes made through this process invalidate
// their entries at once (RevokeToken, DeletePrincipal). An entry also
// expires `ttl` after it was loaded, which bounds how long a change made by
// another process (a second server on the same database) can go unseen.
//
// Bounded: when full, it is cleared (simple, and refills in one round of
// requests). Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/records.h"

namespace sluice::access {

class CredentialCache {
 public:
  struct Entry {
    store::TokenRecord token;
    store::Principal principal;
  };

  CredentialCache(std::chrono::milliseconds ttl, std::size_t capacity)
      : ttl_ms_(ttl.count()), capacity_(capacity) {}

  // The entry for token `id` if it was loaded less than ttl ago.
  std::optional<Entry> Get(std::string_view id, std::int64_t now_ms) const;
  void Put(Entry entry, std::int64_t now_ms);
  void InvalidateToken(std::string_view id);
  void InvalidatePrincipal(std::string_view name);

 private:
  struct Slot {
    Entry entry;
    std::int64_t loaded_ms;
  };

  const std::int64_t ttl_ms_;
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Slot> slots_;  // by token id; guarded by mu_
};

}  // namespace sluice::access
