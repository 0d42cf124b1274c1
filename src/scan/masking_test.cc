#include "scan/masking.h"

#include <gtest/gtest.h>

namespace sluice::scan {
namespace {

TEST(MaskingTest, Styles) {
  EXPECT_EQ(MaskValue("jane.doe@example.com", MaskStyle::kEmail), "j***@example.com");
  EXPECT_EQ(MaskValue("not-an-email", MaskStyle::kEmail), "************");
  EXPECT_EQ(MaskValue("4111111111111111", MaskStyle::kKeepLast4), "************1111");
  EXPECT_EQ(MaskValue("123-45-6789", MaskStyle::kKeepLast4), "*******6789");
  EXPECT_EQ(MaskValue("1234", MaskStyle::kKeepLast4), "****");
  EXPECT_EQ(MaskValue("José", MaskStyle::kFull), "****");  // characters, not bytes
  EXPECT_EQ(MaskValue("", MaskStyle::kFull), "");
}

TEST(MaskingTest, SanitizeAndTruncate) {
  EXPECT_EQ(SanitizeUtf8("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(SanitizeUtf8("caf\xe9"), "caf\xEF\xBF\xBD");
  EXPECT_EQ(SanitizeUtf8("\xed\xa0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(TruncateForReport("abcdef", 10), "abcdef");
  EXPECT_EQ(TruncateForReport("abcdef", 3), "abc...");
  EXPECT_EQ(TruncateForReport("ab\xc3\xa9", 3), "ab...");  // not inside a character
}

}  // namespace
}  // namespace sluice::scan
