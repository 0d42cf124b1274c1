#include "scan/top_values.h"

#include <gtest/gtest.h>

#include <string>

#include "scan/hash.h"

namespace sluice::scan {
namespace {

void Add(TopValues& top, std::string_view v) {
  top.Add(v, Hash64(v));
}

TEST(TopValuesTest, ExactForFewDistinctValues) {
  TopValues top;
  for (int i = 0; i < 1000; ++i) Add(top, "v" + std::to_string(i % 10 < 5 ? 0 : i % 10));
  auto result = top.Top(3);
  ASSERT_EQ(result.size(), 3u);
  EXPECT_EQ(result[0], (std::pair<std::string, uint64_t>{"v0", 500}));
  EXPECT_EQ(result[1], (std::pair<std::string, uint64_t>{"v5", 100}));  // ties by value
  EXPECT_EQ(result[2], (std::pair<std::string, uint64_t>{"v6", 100}));
}

TEST(TopValuesTest, KeepsHeavyHittersAmongManyUniqueValues) {
  TopValues top;
  for (int i = 0; i < 100000; ++i) {
    Add(top, i % 4 == 0 ? "frequent" : "unique-" + std::to_string(i));
    if (i % 50 == 0) Add(top, "sometimes");
  }
  auto result = top.Top(2);
  ASSERT_EQ(result.size(), 2u);
  EXPECT_EQ(result[0].first, "frequent");
  // Misra-Gries undercounts by at most n / (capacity + 1).
  const uint64_t n = 100000 + 2000;
  EXPECT_LE(result[0].second, 25000u);
  EXPECT_GE(result[0].second, 25000u - n / (TopValues::kCapacity + 1));
  EXPECT_EQ(result[1].first, "sometimes");
}

TEST(TopValuesTest, SkipsLongValuesAndHandlesEmpty) {
  TopValues top;
  EXPECT_TRUE(top.Top(5).empty());
  Add(top, std::string(TopValues::kMaxValueBytes + 1, 'x'));
  EXPECT_TRUE(top.Top(5).empty());
  Add(top, "");
  EXPECT_EQ(top.Top(5).size(), 1u);
  EXPECT_TRUE(top.Top(0).empty());
}

}  // namespace
}  // namespace sluice::scan
