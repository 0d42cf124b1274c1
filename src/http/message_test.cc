#include "http/message.h"

#include <gtest/gtest.h>

namespace sluice::http {
namespace {

TEST(HeadersTest, CaseInsensitive) {
  Headers h;
  h.Set("Authorization", "Bearer x");
  EXPECT_EQ(h.Get("authorization"), "Bearer x");
  EXPECT_EQ(h.Get("AUTHORIZATION"), "Bearer x");
  EXPECT_TRUE(h.Has("Authorization"));
  EXPECT_EQ(h.Get("missing"), "");
  h.Set("authorization", "Bearer y");
  EXPECT_EQ(h.entries().size(), 1u);
  EXPECT_EQ(h.Get("Authorization"), "Bearer y");
}

TEST(PercentDecodeTest, DecodesAndRejectsMalformed) {
  std::string out;
  EXPECT_TRUE(PercentDecode("a%20b%2Fc", out));
  EXPECT_EQ(out, "a b/c");
  EXPECT_FALSE(PercentDecode("%4", out));
  EXPECT_FALSE(PercentDecode("%", out));
  EXPECT_FALSE(PercentDecode("%zz", out));
  EXPECT_FALSE(PercentDecode("a%00", out));
}

TEST(ParseQueryTest, SplitsPairs) {
  std::map<std::string, std::string> q;
  ASSERT_TRUE(ParseQuery("a=1&b=x+y&c=%41&flag", q));
  EXPECT_EQ(q["a"], "1");
  EXPECT_EQ(q["b"], "x y");
  EXPECT_EQ(q["c"], "A");
  EXPECT_EQ(q["flag"], "");
  EXPECT_FALSE(ParseQuery("a=%G1", q));
}

}  // namespace
}  // namespace sluice::http
