#include "gates/classification_gate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::gates {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ClassificationGateTest, DetectedWithinDeclaredPasses) {
  GateResult r = CheckClassification("customers", {"PII", "pci"}, {"pii", " PCI "});
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.gate, "classification");
  EXPECT_EQ(r.subject, "customers");
  EXPECT_EQ(r.measured["undeclared"], nlohmann::json::array());
  r = CheckClassification("customers", {}, {});
  EXPECT_TRUE(r.passed);
  EXPECT_THAT(r.messages, ElementsAre("no classification detected"));
}

TEST(ClassificationGateTest, UndeclaredLabelsFail) {
  const GateResult r = CheckClassification("customers", {"pii"}, {"PII", "PHI", "credential"});
  EXPECT_FALSE(r.passed);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_THAT(r.messages[0], HasSubstr("\"credential\" is not declared (declared: pii)"));
  // Reported as written, compared case-insensitively.
  EXPECT_THAT(r.messages[1], HasSubstr("\"PHI\" is not declared"));
  EXPECT_EQ(r.measured["undeclared"], nlohmann::json({"credential", "PHI"}));
  const GateResult none = CheckClassification("x", {}, {"pii"});
  EXPECT_THAT(none.messages[0], HasSubstr("(declared: none)"));
}

}  // namespace
}  // namespace sluice::gates
