#include "authz/fixed_authorizer.h"

#include <gtest/gtest.h>

namespace sluice::authz {
namespace {

store::Principal Make(std::vector<std::string> roles) {
  store::Principal p;
  p.name = "p";
  p.roles = std::move(roles);
  return p;
}

TEST(FixedAuthorizerTest, AdminMayDoEverything) {
  FixedAuthorizer authz;
  auto admin = Make({"admin"});
  Decision d = authz.Authorize({admin, "principal.delete", {"Principal", "bob"}, {}});
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.determining_policies, std::vector<std::string>{"interim-admin-all"});
}

TEST(FixedAuthorizerTest, EveryoneMayWhoamiAndListEnvironments) {
  FixedAuthorizer authz;
  auto alice = Make({"data-scientist"});
  EXPECT_TRUE(authz.Authorize({alice, "whoami", {"Principal", "p"}, {}}).allowed);
  EXPECT_TRUE(authz.Authorize({alice, "environment.list", {"Platform", "x"}, {}}).allowed);
}

TEST(FixedAuthorizerTest, DefaultDeny) {
  FixedAuthorizer authz;
  auto alice = Make({"data-scientist", "approver"});
  Decision d = authz.Authorize({alice, "principal.list", {"Platform", "x"}, {}});
  EXPECT_FALSE(d.allowed);
  EXPECT_TRUE(d.determining_policies.empty());
  EXPECT_FALSE(authz.Authorize({alice, "token.create", {"Principal", "p"}, {}}).allowed);
}

}  // namespace
}  // namespace sluice::authz
