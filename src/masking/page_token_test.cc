#include "masking/page_token.h"

#include <gtest/gtest.h>

namespace sluice::masking {
namespace {

TEST(PageTokenTest, RoundTrips) {
  const PagePosition p{4194417, 31, ','};
  EXPECT_EQ(EncodePageToken(p), "4194417.31.44");
  Result<PagePosition> back = ParsePageToken(EncodePageToken(p));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, p);
  const PagePosition jsonl{77, 0, '\0'};
  EXPECT_EQ(*ParsePageToken(EncodePageToken(jsonl)), jsonl);
}

TEST(PageTokenTest, EmptyIsTheFirstPage) {
  Result<PagePosition> first = ParsePageToken("");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, PagePosition{});
}

TEST(PageTokenTest, RefusesAnythingElse) {
  for (const char* bad :
       {"1", "1.2", "1.2.3.4", "a.0.44", "10.-1.44", "10.0.256", "10.20.44", "0.0.44", "010.0.44",
        "10.0.34", "10.0.10", "10..44", "99999999999999999999999.0.44", " 10.0.44"}) {
    Result<PagePosition> p = ParsePageToken(bad);
    EXPECT_FALSE(p.ok()) << bad;
    if (!p.ok()) {
      EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument) << bad;
    }
  }
}

}  // namespace
}  // namespace sluice::masking
