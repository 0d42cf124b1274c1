#include "common/clock.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(ClockTest, ParseIsTheInverseOfFormat) {
  for (std::int64_t ms : {0LL, 1795687954537LL, 951782400000LL /* 2000-02-29 */, 4102444799999LL}) {
    EXPECT_EQ(ParseRfc3339Millis(FormatRfc3339Millis(ms)), ms) << FormatRfc3339Millis(ms);
  }
  EXPECT_EQ(ParseRfc3339Millis("2026-11-26T10:00:00Z"), 1795687200000LL);
  EXPECT_EQ(ParseRfc3339Millis("2026-11-26T10:00:00.5Z"), 1795687200500LL);
}

TEST(ClockTest, ParseRefusesOtherText) {
  for (const char* bad : {"", "2026-11-26", "2026-11-26T10:00:00", "2026-11-26T10:00:00+01:00",
                          "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-26T10:00:00.Z",
                          "2026-11-26t10:00:00Z"}) {
    EXPECT_FALSE(ParseRfc3339Millis(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace sluice
