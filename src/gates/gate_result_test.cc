#include "gates/gate_result.h"

#include <gtest/gtest.h>

#include "gates/message_text.h"

namespace sluice::gates {
namespace {

TEST(GateResultTest, RoundTripsThroughJson) {
  GateResult r;
  r.gate = "expectations";
  r.subject = "customers/customers.csv";
  r.passed = false;
  r.messages = {"column \"age\": 3 of 1000 values outside [0, 130]"};
  r.measured = {{"rows", 1000}};
  const nlohmann::json j = ToJson(r);
  EXPECT_EQ(j["gate"], "expectations");
  EXPECT_EQ(j["passed"], false);
  EXPECT_EQ(j["skipped"], false);
  Result<GateResult> back = GateResultFromJson(nlohmann::json::parse(j.dump()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->gate, r.gate);
  EXPECT_EQ(back->subject, r.subject);
  EXPECT_EQ(back->passed, r.passed);
  EXPECT_EQ(back->skipped, r.skipped);
  EXPECT_EQ(back->messages, r.messages);
  EXPECT_EQ(back->measured, r.measured);
}

TEST(GateResultTest, FromJsonRejectsMalformedDocuments) {
  EXPECT_FALSE(GateResultFromJson(nlohmann::json::array()).ok());
  EXPECT_FALSE(GateResultFromJson({{"subject", ""}, {"passed", true}}).ok());  // no gate
  EXPECT_FALSE(GateResultFromJson({{"gate", ""}, {"subject", ""}, {"passed", true}}).ok());
  EXPECT_FALSE(GateResultFromJson({{"gate", "schema"}, {"subject", ""}, {"passed", "yes"}}).ok());
  EXPECT_FALSE(GateResultFromJson(
                   {{"gate", "schema"}, {"subject", ""}, {"passed", true}, {"messages", {1, 2}}})
                   .ok());
  EXPECT_FALSE(
      GateResultFromJson({{"gate", "schema"}, {"subject", ""}, {"passed", true}, {"measured", 3}})
          .ok());
  Result<GateResult> minimal =
      GateResultFromJson({{"gate", "lineage"}, {"subject", ""}, {"passed", true}, {"new", 1}});
  ASSERT_TRUE(minimal.ok());
  EXPECT_TRUE(minimal->measured.is_object());
}

TEST(GateResultTest, AllPassedCountsSkippedAsPassed) {
  GateResult pass;
  pass.gate = "schema";
  pass.passed = true;
  GateResult skipped;
  skipped.gate = "metrics";
  skipped.skipped = true;  // passed stays false: skipped alone counts
  GateResult fail;
  fail.gate = "classification";
  EXPECT_TRUE(AllPassed({}));
  EXPECT_TRUE(AllPassed({pass, skipped}));
  EXPECT_FALSE(AllPassed({pass, skipped, fail}));
}

TEST(MessageTextTest, QuoteEscapesCutsAndRepairs) {
  EXPECT_EQ(Quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(Quote(std::string("\x01", 1)), "\"\\x01\"");
  EXPECT_EQ(Quote("abcdef", 3), "\"abc...\"");
  // Cut inside the two-byte "é": the whole character goes.
  EXPECT_EQ(Quote("ab\xc3\xa9", 3), "\"ab...\"");
  EXPECT_EQ(Quote("\xff"), "\"?\"");
  // Quoted text always dumps as JSON.
  EXPECT_NO_THROW((void)nlohmann::json(Quote("\xc3\x28 \xff\xfe")).dump());
}

TEST(MessageTextTest, SanitizeBlockKeepsTailAndNewlines) {
  EXPECT_EQ(SanitizeBlock("line1\nline2\x1b[31m", 100, true), "line1\nline2\\x1b[31m");
  EXPECT_EQ(SanitizeBlock("0123456789", 4, true), "6789");
  EXPECT_EQ(SanitizeBlock("0123456789", 4, false), "0123");
}

TEST(MessageTextTest, FormatNumberIsShortest) {
  EXPECT_EQ(FormatNumber(0.7), "0.7");
  EXPECT_EQ(FormatNumber(130), "130");
  EXPECT_EQ(FormatNumber(-4), "-4");
}

}  // namespace
}  // namespace sluice::gates
