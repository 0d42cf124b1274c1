#include "gates/regex_matcher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace sluice::gates {
namespace {

TEST(RegexMatcherTest, MatchesWholeValue) {
  Result<RegexMatcher> re = RegexMatcher::Compile(R"(^[^@]+@[^@.]+\..+$)");
  ASSERT_TRUE(re.ok()) << re.status().ToString();
  EXPECT_EQ(re->FullMatch("ann@example.com"), true);
  EXPECT_EQ(re->FullMatch("ann.example.com"), false);
  Result<RegexMatcher> digits = RegexMatcher::Compile("[0-9]{3}");
  ASSERT_TRUE(digits.ok());
  EXPECT_EQ(digits->FullMatch("123"), true);
  EXPECT_EQ(digits->FullMatch("1234"), false);  // full match, not search
  EXPECT_EQ(digits->FullMatch("x123"), false);
}

TEST(RegexMatcherTest, RefusesBadPatterns) {
  EXPECT_FALSE(RegexMatcher::Compile("").ok());
  EXPECT_FALSE(RegexMatcher::Compile("(unclosed").ok());
  EXPECT_FALSE(RegexMatcher::Compile("[z-a]").ok());
  // Back-references need backtracking, which polynomial mode refuses.
  EXPECT_FALSE(RegexMatcher::Compile(R"((a)\1)").ok());
  EXPECT_FALSE(RegexMatcher::Compile(std::string(RegexMatcher::kMaxPatternBytes + 1, 'a')).ok());
  Result<RegexMatcher> complex = RegexMatcher::Compile("((a{50}){50}){50}");
  ASSERT_FALSE(complex.ok());
  EXPECT_NE(complex.status().message().find("too complex"), std::string::npos);
}

TEST(RegexMatcherTest, EstimatesCountedRepetitions) {
  EXPECT_LE(EstimatePatternStates("abc"), 10u);
  EXPECT_GE(EstimatePatternStates("(ab){100}"), 200u);
  EXPECT_GE(EstimatePatternStates("((a{10}){10}){10}"), 1000u);
  EXPECT_LE(EstimatePatternStates(R"(^[^@]+@[^@.]+\..+$)"), 50u);
  // A '{' that is not a repetition is a literal.
  EXPECT_LE(EstimatePatternStates("a{b"), 10u);
}

TEST(RegexMatcherTest, CatastrophicPatternRunsInBoundedTime) {
  Result<RegexMatcher> re = RegexMatcher::Compile("(a|a)*b");
  ASSERT_TRUE(re.ok());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(re->FullMatch(std::string(RegexMatcher::kMaxValueBytes, 'a')), false);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(RegexMatcherTest, LongValuesAreNotMatched) {
  Result<RegexMatcher> re = RegexMatcher::Compile("a*");
  ASSERT_TRUE(re.ok());
  EXPECT_EQ(re->FullMatch(std::string(RegexMatcher::kMaxValueBytes, 'a')), true);
  EXPECT_EQ(re->FullMatch(std::string(RegexMatcher::kMaxValueBytes + 1, 'a')), std::nullopt);
}

}  // namespace
}  // namespace sluice::gates
