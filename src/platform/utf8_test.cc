#include "platform/utf8.h"

#include <gtest/gtest.h>

namespace sluice::platform {
namespace {

constexpr size_t kNone = std::string_view::npos;

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_EQ(InvalidUtf8At(""), kNone);
  EXPECT_EQ(InvalidUtf8At("plain ascii"), kNone);
  EXPECT_EQ(InvalidUtf8At("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), kNone);  // é € 😀
  EXPECT_EQ(InvalidUtf8At("\xef\xbb\xbf"
                          "bom"),
            kNone);
}

TEST(Utf8Test, FindsTheFirstMalformedByte) {
  EXPECT_EQ(InvalidUtf8At("ab\xba"), 2u);            // stray continuation byte
  EXPECT_EQ(InvalidUtf8At("a\xc0\xaf"), 1u);         // overlong '/'
  EXPECT_EQ(InvalidUtf8At("\xed\xa0\x80"), 0u);      // UTF-16 surrogate
  EXPECT_EQ(InvalidUtf8At("\xf4\x90\x80\x80"), 0u);  // past U+10FFFF
  EXPECT_EQ(InvalidUtf8At("ok\xe2\x82"), 2u);        // truncated
  EXPECT_EQ(InvalidUtf8At("\xff"), 0u);
}

TEST(Utf8Test, ToValidUtf8ReplacesOnlyTheBadBytes) {
  EXPECT_EQ(ToValidUtf8("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(ToValidUtf8("a\xba"
                        "b\xc5"),
            "a?b?");
  EXPECT_EQ(ToValidUtf8("\xed\xa0\x80"), "???");
}

}  // namespace
}  // namespace sluice::platform
