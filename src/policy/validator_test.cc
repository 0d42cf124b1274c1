// Unit tests of the policy validator (strict mode): one test per rule.
#include "policy/validator.h"

#include <gtest/gtest.h>

#include <string>

#include "policy/policy_set.h"
#include "policy/schema.h"

namespace sluice::policy {
namespace {

const char* kSchema = R"(
entity Group;
entity User in [Group] {
  name: String,
  age: Long,
  nick?: String,
  manager?: User,
  ip: ipaddr,
  tagsSet: Set<String>,
};
entity Doc {
  owner: User,
  readers: Set<User>,
  meta: { title: String, note?: String },
} tags String;
entity Color enum ["red", "green"];
action view appliesTo { principal: User, resource: Doc, context: { n: Long, tag?: String } };
action edit appliesTo { principal: User, resource: Doc };
action admin;
)";

// Validates `policies`; returns "" when valid, else the first error message.
std::string V(std::string_view policies) {
  auto schema = Schema::ParseCedar(kSchema);
  EXPECT_TRUE(schema.ok()) << schema.status().message();
  auto ps = PolicySet::Parse(policies);
  if (!ps.ok()) return "parse error: " + ps.status().message();
  ValidationResult r = Validate(*ps, *schema);
  return r.ok() ? "" : r.errors[0].ToString();
}

bool Ok(std::string_view policies) {
  return V(policies).empty();
}

TEST(Validator, AcceptsWellTypedPolicies) {
  EXPECT_EQ(V(R"(permit(principal, action == Action::"view", resource)
                 when { principal.age > 18 && resource.owner == principal &&
                        principal in Group::"g" && context.n + 1 < 10 };)"),
            "");
  EXPECT_EQ(V(R"(permit(principal is User in Group::"g", action, resource is Doc)
                 when { resource.readers.contains(principal) && principal.name like "a*" };)"),
            "");
}

TEST(Validator, MissingAttribute) {
  EXPECT_NE(V(R"(permit(principal, action, resource) when { principal.salary > 1 };)"), "");
  EXPECT_NE(V(R"(permit(principal, action, resource) when { resource.meta.author == "x" };)"), "");
}

TEST(Validator, OptionalAttributeNeedsHas) {
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { principal.nick == "x" };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { resource.meta.note == "x" };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action == Action::"view", resource)
                     when { context.tag == "x" };)"));
}

TEST(Validator, HasGuardFlowsThroughAndOrIf) {
  EXPECT_TRUE(Ok(R"(permit(principal, action, resource)
                    when { principal has nick && principal.nick == "x" };)"));
  EXPECT_TRUE(Ok(R"(permit(principal, action, resource)
                    when { resource.meta has note && resource.meta.note == "x" };)"));
  EXPECT_TRUE(Ok(R"(permit(principal, action, resource)
                    when { if principal has nick then principal.nick == "x" else false };)"));
  EXPECT_TRUE(Ok(R"(permit(principal, action, resource)
                    when { (principal has nick && principal has manager) || false }
                    when { principal.nick == "x" };)"));
  // `||` keeps only what both sides establish.
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource)
                     when { (principal has nick || principal has manager) &&
                            principal.nick == "x" };)"));
  // The else branch does not get the guard.
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource)
                     when { if principal has nick then true else principal.nick == "x" };)"));
  // A guard on one expression does not cover another.
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource)
                     when { principal has nick && resource.owner.nick == "x" };)"));
}

TEST(Validator, WrongOperandTypes) {
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { principal.age + "1" > 0 };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { principal.age == "x" };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { principal.age like "1*" };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { principal.name in Group::"g" };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { principal.name };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource)
                     when { if principal.age > 1 then 1 else "one" };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource)
                     when { principal.tagsSet.contains(1) };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource)
                     when { resource.readers.containsAny(["a"]) };)"));
  // Entities of different types compare as False rather than an error.
  EXPECT_TRUE(Ok(R"(permit(principal, action, resource) when { principal == resource || true };)"));
}

TEST(Validator, SetsMustBeHomogeneousAndNonEmpty) {
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { [1, "a"].contains(1) };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { [].isEmpty() };)"));
  EXPECT_TRUE(Ok(R"(permit(principal, action, resource) when { [1, 2].contains(1) };)"));
}

TEST(Validator, UnknownEntityTypeOrAction) {
  EXPECT_NE(V(R"(permit(principal == Admin::"a", action, resource);)").find("unknown entity type"),
            std::string::npos);
  EXPECT_NE(V(R"(permit(principal, action == Action::"delete", resource);)").find("unknown action"),
            std::string::npos);
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { principal is Admin };)"));
  EXPECT_FALSE(
      Ok(R"(permit(principal, action, resource) when { Color::"blue" == Color::"red" };)"));
  EXPECT_TRUE(
      Ok(R"(permit(principal, action, resource) when { Color::"red" != Color::"green" };)"));
}

TEST(Validator, ActionApplication) {
  // `admin` applies to nothing, and no action applies to Group principals.
  EXPECT_FALSE(Ok(R"(permit(principal, action == Action::"admin", resource);)"));
  EXPECT_FALSE(Ok(R"(permit(principal == Group::"g", action == Action::"view", resource);)"));
  EXPECT_TRUE(Ok(R"(permit(principal in Group::"g", action == Action::"view", resource);)"));
}

TEST(Validator, ImpossiblePolicyIsOnlyAWarning) {
  auto schema = Schema::ParseCedar(kSchema);
  ASSERT_TRUE(schema.ok());
  auto ps = PolicySet::Parse(R"(permit(principal, action, resource) when { principal is Doc };)");
  ASSERT_TRUE(ps.ok());
  ValidationResult r = Validate(*ps, *schema);
  EXPECT_TRUE(r.ok());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].message.find("impossible policy"), std::string::npos);
}

TEST(Validator, ShortCircuitSkipsUnreachableOperands) {
  // `principal is Doc` is False for every environment, so the right operand is not typed.
  EXPECT_TRUE(Ok(R"(permit(principal, action, resource)
                    when { (principal is Doc && principal.foo) || principal.age > 1 };)"));
}

TEST(Validator, ExtensionFunctions) {
  EXPECT_TRUE(Ok(R"(permit(principal, action, resource)
                    when { principal.ip.isInRange(ip("10.0.0.0/8")) &&
                           decimal("1.5").lessThan(decimal("2.0")) &&
                           datetime("2024-01-01").offset(duration("1h")) >
                             datetime("2024-01-01") };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { ip("bad").isIpv4() };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { ip(principal.name).isIpv4() };)"));
  EXPECT_FALSE(
      Ok(R"(permit(principal, action, resource) when { principal.ip.lessThan(principal.ip) };)"));
  EXPECT_FALSE(Ok(
      R"(permit(principal, action, resource) when { duration("1h") < datetime("2024-01-01") };)"));
}

TEST(Validator, Tags) {
  EXPECT_TRUE(Ok(R"(permit(principal, action, resource)
                    when { resource.hasTag("k") && resource.getTag("k") == "v" };)"));
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { resource.getTag("k") == "v" };)"));
  // User has no tags: getTag is an error, hasTag is False (so `&&` skips its right side).
  EXPECT_FALSE(Ok(R"(permit(principal, action, resource) when { principal.getTag("k") == "v" };)"));
  EXPECT_TRUE(Ok(R"(permit(principal, action, resource)
                    when { principal.hasTag("k") && principal.getTag("k") == "v" };)"));
}

TEST(Validator, Templates) {
  EXPECT_TRUE(Ok(R"(permit(principal == ?principal, action == Action::"view", resource in ?resource)
                    when { principal.age > 1 };)"));
  EXPECT_FALSE(Ok(R"(permit(principal == ?principal, action, resource) when { principal.nope };)"));
}

TEST(Validator, ErrorsNamePolicyAndPosition) {
  auto schema = Schema::ParseCedar(kSchema);
  ASSERT_TRUE(schema.ok());
  auto ps = PolicySet::Parse(
      "permit(principal, action, resource);\n"
      "permit(principal, action, resource) when { principal.x };\n");
  ASSERT_TRUE(ps.ok());
  ValidationResult r = Validate(*ps, *schema);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0].policy_id, "policy1");
  EXPECT_EQ(r.errors[0].line, 2);
  EXPECT_NE(r.errors[0].ToString().find("policy1:2:"), std::string::npos);
}

}  // namespace
}  // namespace sluice::policy
