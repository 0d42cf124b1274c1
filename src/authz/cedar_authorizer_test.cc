#include "authz/cedar_authorizer.h"

#include <gtest/gtest.h>

#include "authz/policy_pack.h"
#include "platform/templates.h"

namespace sluice::authz {
namespace {

class CedarAuthorizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto p = platform::Template("five-stage");
    ASSERT_TRUE(p.ok());
    platform_ = std::move(*p);
    auto schema = SluiceSchema();
    ASSERT_TRUE(schema.ok());
    authorizer_ = std::make_unique<CedarAuthorizer>(platform_, *schema);
  }
  policy::PolicySet Compile(const std::string& text) {
    auto schema = SluiceSchema();
    EXPECT_TRUE(schema.ok());
    auto set = CompilePolicies({{"t.cedar", text}}, *schema);
    EXPECT_TRUE(set.ok()) << set.status().ToString();
    return set.ok() ? std::move(*set) : policy::PolicySet();
  }
  Decision Read(const store::Principal& p, const std::string& env) {
    Request r{p, "asset.read", {"Asset", env + "/p/a"}, {}, "10.0.0.1", 1000, nullptr};
    r.facts.environment = env;
    return authorizer_->Authorize(r);
  }

  platform::Platform platform_;
  std::unique_ptr<CedarAuthorizer> authorizer_;
};

TEST_F(CedarAuthorizerTest, DeniesEverythingUntilPoliciesAreInstalled) {
  store::Principal svc{"ci", store::PrincipalKind::kService, {"ci"}, {}, 0};
  EXPECT_EQ(authorizer_->version(), 0);
  EXPECT_FALSE(Read(svc, "production").allowed);
}

TEST_F(CedarAuthorizerTest, InstallSwapsTheSetAndDecisionsCiteIds) {
  store::Principal svc{"ci", store::PrincipalKind::kService, {"ci"}, {}, 0};
  authorizer_->Install(
      7, Compile("@id(\"services-read\") permit (principal is Service, action, resource);"));
  EXPECT_EQ(authorizer_->version(), 7);
  Decision d = Read(svc, "production");
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(d.determining_policies, std::vector<std::string>{"services-read"});

  authorizer_->Install(8, Compile("@id(\"final-is-closed\") forbid (principal, action, resource) "
                                  "when { context has environment && context.environment.final };\n"
                                  "@id(\"all\") permit (principal, action, resource);"));
  d = Read(svc, "production");
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.determining_policies, std::vector<std::string>{"final-is-closed"});
  EXPECT_TRUE(Read(svc, "integration").allowed);  // only production is final on this ladder
}

TEST_F(CedarAuthorizerTest, PrincipalAttributesComeFromTheRecord) {
  authorizer_->Install(1, Compile("@id(\"cleared-contractors\") permit (principal is User, action, "
                                  "resource) when { principal.contractor && "
                                  "principal.clearances.contains(\"PII\") && principal.country == "
                                  "\"PT\" && principal in Role::\"data-scientist\" };"));
  store::Principal p{"pat", store::PrincipalKind::kUser, {"data-scientist"}, {}, 0};
  EXPECT_FALSE(Read(p, "discovery").allowed);
  p.attributes["contractor"] = true;
  p.attributes["clearances"] = std::vector<std::string>{"PII"};
  p.attributes["country"] = std::string("PT");
  EXPECT_TRUE(Read(p, "discovery").allowed);
  p.roles = {"analyst"};
  EXPECT_FALSE(Read(p, "discovery").allowed);
}

}  // namespace
}  // namespace sluice::authz
