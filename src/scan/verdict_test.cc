#include "scan/verdict.h"

#include <gtest/gtest.h>

namespace sluice::scan {
namespace {

double Conf(DetectorId id, uint64_t values, uint64_t validated, NameContext context) {
  return Confidence(GetDetector(id), {values, validated, context});
}

TEST(VerdictTest, ShareAndContext) {
  EXPECT_DOUBLE_EQ(Conf(DetectorId::kCard, 100, 100, NameContext::kNone), 1.0);
  EXPECT_DOUBLE_EQ(Conf(DetectorId::kCard, 100, 40, NameContext::kNone), 0.4);
  EXPECT_DOUBLE_EQ(Conf(DetectorId::kCard, 100, 40, NameContext::kPositive), 0.7);
  EXPECT_LT(Conf(DetectorId::kCard, 100, 100, NameContext::kNegative), kFireThreshold);
  EXPECT_DOUBLE_EQ(Conf(DetectorId::kCard, 0, 0, NameContext::kPositive), 0.0);
  EXPECT_DOUBLE_EQ(Conf(DetectorId::kCard, 100, 0, NameContext::kPositive), 0.0);
}

TEST(VerdictTest, ChanceShareDiscountsWeakValidators) {
  // Random ten-digit numbers pass the NANP rules about half the time.
  EXPECT_LT(Conf(DetectorId::kPhone, 100, 55, NameContext::kNone), kFireThreshold);
  EXPECT_GE(Conf(DetectorId::kPhone, 100, 95, NameContext::kNone), kFireThreshold);
  EXPECT_GE(Conf(DetectorId::kPhone, 100, 55, NameContext::kPositive), kFireThreshold);
}

TEST(VerdictTest, ContextOnlyDetectors) {
  EXPECT_DOUBLE_EQ(Conf(DetectorId::kDob, 100, 100, NameContext::kNone), 0.0);
  EXPECT_DOUBLE_EQ(Conf(DetectorId::kDob, 100, 100, NameContext::kPositive), 1.0);
  EXPECT_DOUBLE_EQ(Conf(DetectorId::kPersonName, 100, 100, NameContext::kNegative), 0.0);
}

TEST(VerdictTest, OneSecretIsEnough) {
  EXPECT_GE(Conf(DetectorId::kAwsKey, 100000, 1, NameContext::kNone), kFireThreshold);
  EXPECT_DOUBLE_EQ(Conf(DetectorId::kJwt, 100000, 0, NameContext::kPositive), 0.0);
}

}  // namespace
}  // namespace sluice::scan
