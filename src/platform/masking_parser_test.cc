// The top-level `masking:` list (masking_parser.h): rules in file order, the default when the
// key is absent, and a diagnostic at the offending value for each kind of mistake.
#include "platform/masking_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "platform/parser.h"
#include "platform/test_helpers.h"

namespace sluice::platform {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using testing_helpers::DiagAt;
using testing_helpers::Diagnose;

constexpr std::string_view kLadder = R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: interactive}
promotions: []
)";

// The ladder with `masking` appended: its first rule is on line 7.
std::string WithMasking(std::string_view lines) {
  return std::string(kLadder) + "masking:\n" + std::string(lines);
}

TEST(MaskingParserTest, ReadsRulesInOrder) {
  ParseOutcome outcome = ParsePlatform(WithMasking(R"(  - {detector: email, method: tokenize}
  - {detector: dob, method: year}
  - {tag: PCI, method: partial}
  - {tag: PII, method: redact}
)"),
                                       "test.yaml");
  ASSERT_TRUE(outcome.ok()) << FormatDiagnostics(outcome.diagnostics);
  const auto& rules = outcome.platform->masking;
  ASSERT_THAT(rules, SizeIs(4));
  EXPECT_EQ(rules[0].detector, "email");
  EXPECT_EQ(rules[0].method, MaskMethod::kTokenize);
  EXPECT_EQ(rules[1].method, MaskMethod::kYear);
  EXPECT_EQ(rules[2].tag, "PCI");
  EXPECT_EQ(rules[2].method, MaskMethod::kPartial);
  EXPECT_EQ(rules[3].tag, "PII");
  EXPECT_EQ(rules[0].pos.line, 7);
}

TEST(MaskingParserTest, AbsentKeyGivesTheDefaults) {
  ParseOutcome outcome = ParsePlatform(kLadder, "test.yaml");
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.platform->masking.size(), DefaultMaskRules().size());
}

TEST(MaskingParserTest, EmptyListIsAllowed) {
  ParseOutcome outcome = ParsePlatform(std::string(kLadder) + "masking: []\n", "test.yaml");
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(outcome.platform->masking.empty());
}

TEST(MaskingParserTest, MistakesAreReportedWhereTheyAre) {
  EXPECT_THAT(Diagnose(WithMasking("  - {detector: emial, method: tokenize}\n")),
              ElementsAre(DiagAt(7, 16, "bad-value")));
  EXPECT_THAT(Diagnose(WithMasking("  - {tag: pii, method: tokenize}\n")),
              ElementsAre(DiagAt(7, 11, "bad-value")));
  EXPECT_THAT(Diagnose(WithMasking("  - {tag: PII, method: scramble}\n")),
              ElementsAre(DiagAt(7, 24, "bad-value")));
  EXPECT_THAT(Diagnose(WithMasking("  - {tag: PII, detector: email, method: redact}\n")),
              ElementsAre(DiagAt(7, 5, "bad-value")));
  EXPECT_THAT(Diagnose(WithMasking("  - {method: redact}\n")),
              ElementsAre(DiagAt(7, 5, "bad-value")));
  EXPECT_THAT(Diagnose(WithMasking("  - {tag: PII}\n")), ElementsAre(DiagAt(7, 5, "missing-key")));
  EXPECT_THAT(Diagnose(WithMasking("  - {tag: PII, method: redact, when: always}\n")),
              ElementsAre(DiagAt(7, 32, "unknown-key")));
  EXPECT_THAT(Diagnose(std::string(kLadder) + "masking: {tag: PII}\n"),
              ElementsAre(DiagAt(6, 10, "bad-value")));
  EXPECT_THAT(Diagnose(WithMasking("  - PII\n")), ElementsAre(DiagAt(7, 5, "bad-value")));
}

TEST(MaskingParserTest, ARuleThatCanNeverApplyIsRefused) {
  std::vector<Diagnostic> d = Diagnose(WithMasking(R"(  - {tag: PII, method: tokenize}
  - {tag: PII, method: redact}
)"));
  ASSERT_THAT(d, ElementsAre(DiagAt(8, 5, "bad-value")));
  EXPECT_THAT(d[0].message, HasSubstr("line 7"));
}

}  // namespace
}  // namespace sluice::platform
