#include "scan/hll.h"

#include <gtest/gtest.h>

#include <string>

#include "scan/hash.h"

namespace sluice::scan {
namespace {

uint64_t Distinct(uint64_t n, int repeats = 1) {
  HyperLogLog hll;
  for (int r = 0; r < repeats; ++r) {
    for (uint64_t i = 0; i < n; ++i) hll.Add(Hash64("value-" + std::to_string(i)));
  }
  return hll.Estimate();
}

TEST(HyperLogLogTest, SmallCountsAreExact) {
  EXPECT_EQ(Distinct(0), 0u);
  EXPECT_EQ(Distinct(1), 1u);
  EXPECT_EQ(Distinct(300, 3), 300u);
  EXPECT_EQ(Distinct(HyperLogLog::kMaxExactHashes, 2), HyperLogLog::kMaxExactHashes);
}

TEST(HyperLogLogTest, WithinThreePercentAcrossTheRange) {
  for (uint64_t n : {1000u, 5000u, 20000u, 50000u, 100000u, 1000000u}) {
    double estimate = static_cast<double>(Distinct(n));
    EXPECT_NEAR(estimate, static_cast<double>(n), 0.03 * static_cast<double>(n)) << n;
  }
}

TEST(HyperLogLogTest, DuplicatesDoNotCount) {
  double estimate = static_cast<double>(Distinct(100000, 3));
  EXPECT_NEAR(estimate, 100000.0, 3000.0);
}

TEST(HashTest, DistinguishesLengthsAndTails) {
  EXPECT_NE(Hash64(""), Hash64(std::string_view("\0", 1)));
  EXPECT_NE(Hash64("abcdefgh"), Hash64("abcdefgh1"));
  EXPECT_NE(Hash64("a"), Hash64("b"));
  EXPECT_EQ(Hash64("same"), Hash64(std::string("same")));
}

}  // namespace
}  // namespace sluice::scan
