#include "auditlog/base64.h"

#include <gtest/gtest.h>

namespace sluice::auditlog {
namespace {

TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<std::string, std::string> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    Result<std::string> decoded = Base64Decode(encoded);
    ASSERT_TRUE(decoded.ok()) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
}

TEST(Base64Test, DecodingIsStrict) {
  for (const char* bad :
       {"Zg", "Zg=", "Zg===", "Zh==", "Zm9=", "Z g==", "Zm9v\n", "Zm=v", "=Zm9", "Zm9-", "Zm9_"}) {
    EXPECT_FALSE(Base64Decode(bad).ok()) << bad;
  }
}

TEST(Base64Test, AllByteValuesRoundTrip) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (std::size_t n = 0; n <= bytes.size(); n += 7) {
    Result<std::string> back = Base64Decode(Base64Encode(bytes.substr(0, n)));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, bytes.substr(0, n));
  }
}

}  // namespace
}  // namespace sluice::auditlog
