#include "masking/value_masker.h"

#include <gtest/gtest.h>

namespace sluice::masking {
namespace {

using platform::MaskMethod;

TEST(ValueMaskerTest, RedactHidesEverythingButNulls) {
  const ValueMasker m("key");
  EXPECT_EQ(m.Mask("alice@example.com", MaskMethod::kRedact), "***");
  EXPECT_EQ(m.Mask("", MaskMethod::kRedact), "");
}

TEST(ValueMaskerTest, TokensAreStablePerKeyAndDifferAcrossKeys) {
  const ValueMasker discovery("discovery-key");
  const ValueMasker production("production-key");
  const std::string token = discovery.Mask("alice@example.com", MaskMethod::kTokenize);
  EXPECT_EQ(token.size(), 4u + 24u);
  EXPECT_EQ(token.rfind("tok_", 0), 0u);
  EXPECT_EQ(token, discovery.Mask("alice@example.com", MaskMethod::kTokenize));
  EXPECT_NE(token, discovery.Mask("bob@example.com", MaskMethod::kTokenize));
  EXPECT_NE(token, production.Mask("alice@example.com", MaskMethod::kTokenize));
}

TEST(ValueMaskerTest, TokenIsTheHmacSha256Prefix) {
  // RFC 4231 test case 2: HMAC-SHA-256("Jefe", "what do ya want for nothing?") begins
  // 5bdcc146bf60754e6a042426.
  EXPECT_EQ(ValueMasker("Jefe").Mask("what do ya want for nothing?", MaskMethod::kTokenize),
            "tok_5bdcc146bf60754e6a042426");
}

TEST(ValueMaskerTest, PartialKeepsTheLastFour) {
  const ValueMasker m("k");
  EXPECT_EQ(m.Mask("4111111111111111", MaskMethod::kPartial), "************1111");
  EXPECT_EQ(m.Mask("+1 415 555 0100", MaskMethod::kPartial), "***********0100");
  EXPECT_EQ(m.Mask("abc", MaskMethod::kPartial), "***");
}

TEST(ValueMaskerTest, YearKeepsOnlyTheYearOfADate) {
  const ValueMasker m("k");
  EXPECT_EQ(m.Mask("1984-03-12", MaskMethod::kYear), "1984");
  EXPECT_EQ(m.Mask("1984/3/12", MaskMethod::kYear), "1984");
  EXPECT_EQ(m.Mask("1984-03-12T10:00:00Z", MaskMethod::kYear), "1984");
  EXPECT_EQ(m.Mask("03/12/1984", MaskMethod::kYear), "1984");
  EXPECT_EQ(m.Mask("3.1.1984", MaskMethod::kYear), "1984");
  EXPECT_EQ(m.Mask("March 1984", MaskMethod::kYear), "***");
  EXPECT_EQ(m.Mask("19840312", MaskMethod::kYear), "***");
  EXPECT_EQ(m.Mask("03/12/19845", MaskMethod::kYear), "***");
}

}  // namespace
}  // namespace sluice::masking
