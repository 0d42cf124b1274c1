#include "access/credential_cache.h"

namespace sluice::access {

std::optional<CredentialCache::Entry> CredentialCache::Get(std::string_view id,
                                                           std::int64_t now_ms) const {
  std::lock_guard lock(mu_);
  auto it = slots_.find(std::string(id));
  if (it == slots_.end() || now_ms - it->second.loaded_ms >= ttl_ms_) return std::nullopt;
  return it->second.entry;
}

void CredentialCache::Put(Entry entry, std::int64_t now_ms) {
  if (ttl_ms_ <= 0 || capacity_ == 0) return;
  std::lock_guard lock(mu_);
  if (slots_.size() >= capacity_) slots_.clear();
  std::string id = entry.token.id;
  slots_.insert_or_assign(std::move(id), Slot{std::move(entry), now_ms});
}

void CredentialCache::InvalidateToken(std::string_view id) {
  std::lock_guard lock(mu_);
  slots_.erase(std::string(id));
}

void CredentialCache::InvalidatePrincipal(std::string_view name) {
  std::lock_guard lock(mu_);
  std::erase_if(slots_, [&](const auto& kv) { return kv.second.entry.principal.name == name; });
}

}  // namespace sluice::access
