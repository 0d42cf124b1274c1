// gmock implementation of MetadataStore for unit tests of the layers above
// the store. Header-only; link GTest::gmock in the test that includes it.
//
// Thread-safety: as gmock mocks are (expectations set before use).
#pragma once

#include <gmock/gmock.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/metadata_store.h"

namespace sluice::store {

class MockMetadataStore : public MetadataStore {
 public:
  MOCK_METHOD(Status, CreatePrincipal, (const Principal& principal), (override));
  MOCK_METHOD(Result<Principal>, GetPrincipal, (std::string_view name), (override));
  MOCK_METHOD(Result<std::vector<Principal>>, ListPrincipals, (), (override));
  MOCK_METHOD(Status, DeletePrincipal, (std::string_view name), (override));
  MOCK_METHOD(Result<std::int64_t>, CountPrincipals, (), (override));
  MOCK_METHOD(Status, CreateToken, (const TokenRecord& record), (override));
  MOCK_METHOD(Result<TokenRecord>, GetToken, (std::string_view id), (override));
  MOCK_METHOD(Result<std::vector<TokenRecord>>, ListTokens, (std::string_view principal),
              (override));
  MOCK_METHOD(Status, RevokeToken, (std::string_view id, std::int64_t now_ms), (override));
  MOCK_METHOD(Status, CreatePrincipalWithToken,
              (const Principal& principal, const TokenRecord& token), (override));
  MOCK_METHOD(Result<std::optional<std::string>>, GetSetting, (std::string_view key), (override));
  MOCK_METHOD(Status, PutSetting, (std::string_view key, std::string_view value), (override));
};

}  // namespace sluice::store
