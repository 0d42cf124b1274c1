#include "authz/policy_pack.h"

#include <gtest/gtest.h>

namespace sluice::authz {
namespace {

policy::Schema Schema() {
  auto s = SluiceSchema();
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(*s) : policy::Schema();
}

TEST(PolicyPackTest, TheDefaultPackCompilesAndNamesPoliciesByTheirIds) {
  auto files = DefaultPolicyFiles();
  ASSERT_GE(files.size(), 5u);
  auto set = CompilePolicies(files, Schema());
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_NE(set->Find("discovery-reads-final-prod"), nullptr);
  EXPECT_NE(set->Find("automation-only"), nullptr);
  EXPECT_EQ(set->Find("policy0"), nullptr);
}

TEST(PolicyPackTest, RefusesPacksWithProblemsAndNamesEachOne) {
  const policy::Schema schema = Schema();
  auto bad = [&](std::vector<store::PolicyFile> files, const std::string& needle) {
    auto set = CompilePolicies(files, schema);
    ASSERT_FALSE(set.ok()) << needle;
    EXPECT_EQ(set.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(set.status().message().find(needle), std::string::npos) << set.status().message();
  };
  bad({}, "at least one file");
  bad({{"a.cedar", "permit (principal, action, resource)"}}, "a.cedar");  // no semicolon
  bad({{"a.cedar", "permit (principal, action, resource);"}}, "@id");
  bad({{"a.txt", "@id(\"x\") permit (principal, action, resource);"}}, "ends in .cedar");
  bad({{"a.cedar", "@id(\"x\") permit (principal, action, resource);"},
       {"b.cedar", "@id(\"x\") permit (principal, action, resource);"}},
      "already used in a.cedar");
  // Validation against the schema: an undeclared attribute and entity type.
  bad({{"a.cedar",
        "@id(\"x\") permit (principal is User, action, resource) when { principal.shoe_size > 3 "
        "};"}},
      "a.cedar");
  bad({{"a.cedar", "@id(\"x\") permit (principal is Wizard, action, resource);"}}, "Wizard");
}

}  // namespace
}  // namespace sluice::authz
