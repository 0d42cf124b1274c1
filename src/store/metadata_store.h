// MetadataStore: the interface to Sluice's metadata database (principals,
// API tokens, server settings). SqliteStore implements it for the embedded
// default; a PostgreSQL implementation will sit behind the same interface
// for scale-out. MockMetadataStore (mock_metadata_store.h) is for tests.
//
// Contract for every implementation:
// - Thread-safe: any method may be called from any thread concurrently.
// - Each method is atomic: it either fully happens or changes nothing.
// - Errors are Status values: kNotFound / kAlreadyExists /
//   kFailedPrecondition / kInvalidArgument as documented per method;
//   kUnavailable for transient contention (retry), kDataLoss for a corrupt
//   database, kInternal otherwise.
// - Roles and set-valued attributes come back sorted and unique (duplicates
//   in the input are dropped on write).
// - The store keeps records as given; it does not set timestamps or hash
//   secrets. Names and ids must be non-empty (kInvalidArgument otherwise);
//   richer validation (name syntax, role names) belongs to the access layer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "store/records.h"

namespace sluice::store {

class MetadataStore {
 public:
  virtual ~MetadataStore() = default;

  // --- Principals ---

  // kAlreadyExists if the name is taken (and nothing changes).
  virtual Status CreatePrincipal(const Principal& principal) = 0;
  // kNotFound if there is no such principal.
  virtual Result<Principal> GetPrincipal(std::string_view name) = 0;
  // All principals, ordered by name.
  virtual Result<std::vector<Principal>> ListPrincipals() = 0;
  // kNotFound if absent. Deletes the principal's tokens with it, atomically.
  virtual Status DeletePrincipal(std::string_view name) = 0;
  virtual Result<std::int64_t> CountPrincipals() = 0;

  // --- Tokens ---

  // kNotFound if record.principal does not exist; kAlreadyExists if the id
  // is taken.
  virtual Status CreateToken(const TokenRecord& record) = 0;
  // kNotFound if there is no such token.
  virtual Result<TokenRecord> GetToken(std::string_view id) = 0;
  // The principal's tokens (revoked and expired ones included), oldest
  // first. kNotFound if the principal does not exist.
  virtual Result<std::vector<TokenRecord>> ListTokens(std::string_view principal) = 0;
  // Marks the token revoked at now_ms. kNotFound if absent;
  // kFailedPrecondition if it is already revoked (the first revocation time
  // is kept).
  virtual Status RevokeToken(std::string_view id, std::int64_t now_ms) = 0;

  // Creates both or neither (bootstrap of the first admin).
  // kInvalidArgument if token.principal != principal.name; otherwise the
  // errors of CreatePrincipal and CreateToken.
  virtual Status CreatePrincipalWithToken(const Principal& principal, const TokenRecord& token) = 0;

  // --- Settings: a small key-value table for server settings ---

  // std::nullopt if the key was never set.
  virtual Result<std::optional<std::string>> GetSetting(std::string_view key) = 0;
  // Inserts or replaces.
  virtual Status PutSetting(std::string_view key, std::string_view value) = 0;
};

}  // namespace sluice::store
