#include "policy/ext/error_text.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::policy::ext::internal {
namespace {

TEST(QuoteTextTest, EscapesQuotesBackslashesAndControlBytes) {
  EXPECT_EQ(QuoteText("abc"), "\"abc\"");
  EXPECT_EQ(QuoteText("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(QuoteText(std::string("\n\x01\x7f\xc3\xa9", 5)), "\"\\x0a\\x01\\x7f\\xc3\\xa9\"");
  EXPECT_EQ(QuoteText(std::string("a\0b", 3)), "\"a\\x00b\"");
}

TEST(QuoteTextTest, TruncatesLongText) {
  const std::string long_text(200, 'x');
  EXPECT_EQ(QuoteText(long_text), "\"" + std::string(kMaxQuotedBytes, 'x') + "\"...");
  EXPECT_EQ(QuoteText(std::string(kMaxQuotedBytes, 'y')),
            "\"" + std::string(kMaxQuotedBytes, 'y') + "\"");
}

TEST(ErrorStatusTest, Formats) {
  const Status p = ParseError("decimal", "1.23456", "more than 4 fractional digits");
  EXPECT_EQ(p.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(p.message(), "invalid decimal \"1.23456\": more than 4 fractional digits");
  const Status o = OverflowError("x + y");
  EXPECT_EQ(o.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(o.message(), "overflow: x + y");
}

}  // namespace
}  // namespace sluice::policy::ext::internal
