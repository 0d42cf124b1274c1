#include "catalog/ref.h"

#include <gtest/gtest.h>

namespace sluice::catalog {
namespace {

TEST(RefTest, ParsesTheThreeForms) {
  auto latest = ParseRef("discovery/churn/customers");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->form, Ref::Form::kLatest);
  EXPECT_EQ(latest->address.asset, "customers");
  auto id = ParseRef("discovery/churn/customers@0123abcd");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->form, Ref::Form::kIdPrefix);
  EXPECT_EQ(id->selector, "0123abcd");
  auto alias = ParseRef("production/churn/model:champion");
  ASSERT_TRUE(alias.ok());
  EXPECT_EQ(alias->form, Ref::Form::kAlias);
  EXPECT_EQ(alias->ToString(), "production/churn/model:champion");
}

TEST(RefTest, RefusesBadRefs) {
  for (const char* bad : {"", "a/b", "a/b/c/d", "a//c", "A/b/c", "a/b/c@0123abc", "a/b/c@0123ABCD",
                          "a/b/c:", "a/b/c@01234567:x", "-a/b/c", "a/b/c@xyzxyzxy"}) {
    EXPECT_EQ(ParseRef(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(RefTest, Kinds) {
  EXPECT_TRUE(ValidateKind("feature-set").ok());
  EXPECT_FALSE(ValidateKind("table").ok());
}

}  // namespace
}  // namespace sluice::catalog
