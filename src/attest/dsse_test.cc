#include "attest/dsse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::attest {
namespace {

TEST(PreAuthEncodingTest, MatchesTheSpecTestVector) {
  // protocol.md, "Test Vectors".
  EXPECT_EQ(PreAuthEncoding("http://example.com/HelloWorld", "hello world"),
            "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
}

TEST(PreAuthEncodingTest, LengthsAreDecimalByteCountsWithoutLeadingZeros) {
  EXPECT_EQ(PreAuthEncoding("", ""), "DSSEv1 0  0 ");
  EXPECT_EQ(PreAuthEncoding("t", std::string(1234, 'x')),
            "DSSEv1 1 t 1234 " + std::string(1234, 'x'));
  // Bytes, not characters: "é" is two bytes of UTF-8.
  EXPECT_EQ(PreAuthEncoding("\xC3\xA9", "a b"), "DSSEv1 2 \xC3\xA9 3 a b");
  // The body may hold anything, NUL included.
  EXPECT_EQ(PreAuthEncoding("x", std::string("\0\n", 2)), std::string("DSSEv1 1 x 2 \0\n", 15));
}

TEST(PreAuthEncodingTest, TypeAndBodyAreNotInterchangeable) {
  EXPECT_NE(PreAuthEncoding("a b", "c"), PreAuthEncoding("a", "b c"));
}

TEST(DecodeDsseBase64Test, AcceptsStandardAndUrlSafeWithOrWithoutPadding) {
  const std::string bytes = "\xfb\xff\xfe?>";  // uses both 62 and 63 in either alphabet
  EXPECT_EQ(*DecodeDsseBase64("+//+Pz4="), bytes);
  EXPECT_EQ(*DecodeDsseBase64("-__-Pz4="), bytes);
  EXPECT_EQ(*DecodeDsseBase64("-__-Pz4"), bytes);
  EXPECT_EQ(*DecodeDsseBase64("+//+Pz4"), bytes);
  EXPECT_EQ(*DecodeDsseBase64("aGVsbG8gd29ybGQ="), "hello world");
  EXPECT_EQ(*DecodeDsseBase64(""), "");
}

TEST(DecodeDsseBase64Test, RefusesWhatIsNotBase64) {
  for (const char* bad :
       {"+/_-", "aGVs bG8=", "aGVsbG8\n", "a", "abcde", "ab=c", "aGVsbG9=", "*abc"}) {
    Result<std::string> r = DecodeDsseBase64(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_THAT(DecodeDsseBase64("+/_-").status().message(), ::testing::HasSubstr("mixes"));
}

}  // namespace
}  // namespace sluice::attest
