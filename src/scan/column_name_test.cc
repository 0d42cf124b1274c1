#include "scan/column_name.h"

#include <gtest/gtest.h>

#include "scan/detectors.h"

namespace sluice::scan {
namespace {

using Words = std::vector<std::string>;

TEST(ColumnNameTest, SplitsWords) {
  EXPECT_EQ(AnalyzeColumnName("customer_email").words, (Words{"customer", "email"}));
  EXPECT_EQ(AnalyzeColumnName("CustomerEmail").words, (Words{"customer", "email"}));
  EXPECT_EQ(AnalyzeColumnName("user.dob").words, (Words{"user", "dob"}));
  EXPECT_EQ(AnalyzeColumnName("IPv4Addr").words, (Words{"ipv", "4", "addr"}));
  EXPECT_EQ(AnalyzeColumnName("customerSSN").words, (Words{"customer", "ssn"}));
  EXPECT_EQ(AnalyzeColumnName("date of birth").joined, "dateofbirth");
  EXPECT_TRUE(AnalyzeColumnName("").words.empty());
}

NameContext ContextFor(DetectorId id, std::string_view name) {
  return MatchNameContext(AnalyzeColumnName(name), GetDetector(id).context);
}

TEST(ColumnNameTest, ContextWords) {
  EXPECT_EQ(ContextFor(DetectorId::kEmail, "EmailAddress"), NameContext::kPositive);
  EXPECT_EQ(ContextFor(DetectorId::kDob, "date_of_birth"), NameContext::kPositive);
  EXPECT_EQ(ContextFor(DetectorId::kDob, "BirthDate"), NameContext::kPositive);
  EXPECT_EQ(ContextFor(DetectorId::kDob, "DOB"), NameContext::kPositive);
  EXPECT_EQ(ContextFor(DetectorId::kDob, "adobe_id"), NameContext::kNone);
  EXPECT_EQ(ContextFor(DetectorId::kSsn, "business_name"), NameContext::kNone);
  EXPECT_EQ(ContextFor(DetectorId::kCard, "order_id"), NameContext::kNegative);
  EXPECT_EQ(ContextFor(DetectorId::kCard, "credit_card_number"), NameContext::kPositive);
  EXPECT_EQ(ContextFor(DetectorId::kPhone, "part_no"), NameContext::kNegative);
  EXPECT_EQ(ContextFor(DetectorId::kPersonName, "last_name"), NameContext::kPositive);
  EXPECT_EQ(ContextFor(DetectorId::kPersonName, "product_name"), NameContext::kNone);
  EXPECT_EQ(ContextFor(DetectorId::kPersonName, "username"), NameContext::kNone);
  EXPECT_EQ(ContextFor(DetectorId::kIp, "version"), NameContext::kNegative);
  EXPECT_EQ(ContextFor(DetectorId::kMrn, "medical_record_number"), NameContext::kPositive);
}

}  // namespace
}  // namespace sluice::scan
