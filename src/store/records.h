// Plain data records kept by the metadata store: principals (users and
// services, with roles and attributes) and API token records.
//
// These are values with no behaviour beyond parsing/printing the principal
// kind. Invariants the store keeps (and normalizes on write): `roles` and
// every set-valued attribute are sorted and free of duplicates. A token
// record never holds a secret, only `secret_hash` (SHA-256 hex of it).
//
// Thread-safety: values; no shared state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"

namespace sluice::store {

enum class PrincipalKind { kUser, kService };

// "user" or "service". Stable: stored in the database and printed by the API.
std::string_view ToString(PrincipalKind kind);
// Inverse of ToString; InvalidArgument for anything else.
Result<PrincipalKind> ParsePrincipalKind(std::string_view text);

// A string, a boolean, or a set of strings (sorted, unique).
using AttributeValue = std::variant<std::string, bool, std::vector<std::string>>;

struct Principal {
  std::string name;  // unique, immutable identity
  PrincipalKind kind = PrincipalKind::kUser;
  std::vector<std::string> roles;  // sorted, unique
  std::map<std::string, AttributeValue> attributes;
  std::int64_t created_ms = 0;

  friend bool operator==(const Principal&, const Principal&) = default;
};

struct TokenRecord {
  std::string id;           // public half of the token; the lookup key
  std::string principal;    // Principal::name of the owner
  std::string secret_hash;  // Sha256Hex(secret); never the secret itself
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> expires_ms;  // absent: never expires
  std::optional<std::int64_t> revoked_ms;  // present once revoked

  friend bool operator==(const TokenRecord&, const TokenRecord&) = default;
};

}  // namespace sluice::store
