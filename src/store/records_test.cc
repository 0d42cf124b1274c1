#include "store/records.h"

#include <gtest/gtest.h>

namespace sluice::store {
namespace {

TEST(RecordsTest, PrincipalKindRoundTrips) {
  for (PrincipalKind kind : {PrincipalKind::kUser, PrincipalKind::kService}) {
    Result<PrincipalKind> parsed = ParsePrincipalKind(ToString(kind));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_EQ(ToString(PrincipalKind::kUser), "user");
  EXPECT_EQ(ToString(PrincipalKind::kService), "service");
}

TEST(RecordsTest, UnknownPrincipalKindIsInvalidArgument) {
  for (std::string_view bad : {"", "User", "robot", "user "}) {
    EXPECT_EQ(ParsePrincipalKind(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace sluice::store
