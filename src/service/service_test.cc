#include "service/service.h"

#include <gtest/gtest.h>

#include <mutex>

#include "authz/cedar_authorizer.h"
#include "authz/policy_pack.h"
#include "platform/templates.h"
#include "store/sqlite_control_store.h"
#include "store/sqlite_store.h"

namespace sluice::service {
namespace {

// Keeps events in memory; can be told to fail, to prove that an
// unrecordable call is refused.
class MemoryRecorder final : public audit::Recorder {
 public:
  Status Record(const audit::Event& event) override {
    std::lock_guard lock(mu_);
    if (fail_) return Unavailable("recorder down");
    events_.push_back(event);
    return Status::Ok();
  }
  std::vector<audit::Event> events() {
    std::lock_guard lock(mu_);
    return events_;
  }
  void set_fail(bool fail) {
    std::lock_guard lock(mu_);
    fail_ = fail;
  }

 private:
  std::mutex mu_;
  std::vector<audit::Event> events_;
  bool fail_ = false;
};

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(":memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    platform_ = *platform::Template("five-stage");
    auto control = store::SqliteControlStore::Open(":memory:");
    ASSERT_TRUE(control.ok()) << control.status().ToString();
    control_ = std::move(*control);
    schema_ = *authz::SluiceSchema();
    authorizer_ = std::make_unique<authz::CedarAuthorizer>(platform_, schema_);
    Controls controls;
    controls.store = control_.get();
    controls.authorizer = authorizer_.get();
    controls.schema = &schema_;
    service_ = std::make_unique<Service>(*store_, *authorizer_, recorder_, platform_, nullptr,
                                         nullptr, controls);
    ASSERT_TRUE(service_->LoadPolicies(authz::DefaultPolicyFiles()).ok());
    admin_.principal.name = "admin";
    admin_.principal.roles = {"admin"};
    ASSERT_TRUE(store_->CreatePrincipal(admin_.principal).ok());
    admin_.meta = {"req-1", "127.0.0.1:9", "test"};
  }

  Caller AsUser(const std::string& name, std::vector<std::string> roles) {
    Caller c;
    c.principal.name = name;
    c.principal.roles = std::move(roles);
    c.meta = {"req-2", "127.0.0.1:9", "test"};
    return c;
  }

  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<store::SqliteControlStore> control_;
  policy::Schema schema_;
  std::unique_ptr<authz::CedarAuthorizer> authorizer_;
  MemoryRecorder recorder_;
  platform::Platform platform_;
  std::unique_ptr<Service> service_;
  Caller admin_;
};

TEST_F(ServiceTest, AllowedCallActsAndRecords) {
  auto created = service_->CreatePrincipal(
      admin_, {"alice", store::PrincipalKind::kUser, {"data-scientist"}, {}});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_TRUE(store_->GetPrincipal("alice").ok());
  auto events = recorder_.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "principal.create");
  EXPECT_TRUE(events[0].allowed);
  EXPECT_EQ(events[0].outcome, "ok");
  EXPECT_EQ(events[0].resource_id, "alice");
  EXPECT_EQ(events[0].request_id, "req-1");
  EXPECT_EQ(events[0].determining_policies, std::vector<std::string>{"admin-actions"});
}

TEST_F(ServiceTest, DeniedCallDoesNothingAndIsRecorded) {
  Caller alice = AsUser("alice", {"data-scientist"});
  auto created = service_->CreatePrincipal(alice, {"mallory", store::PrincipalKind::kUser, {}, {}});
  EXPECT_EQ(created.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(store_->GetPrincipal("mallory").status().code(), StatusCode::kNotFound);
  auto events = recorder_.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(events[0].allowed);
  EXPECT_EQ(events[0].outcome, "permission-denied");
  EXPECT_EQ(events[0].principal, "alice");
}

TEST_F(ServiceTest, FailedActionIsRecordedWithItsCode) {
  auto bad = service_->CreatePrincipal(admin_, {"Bad Name", store::PrincipalKind::kUser, {}, {}});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  auto events = recorder_.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].allowed);
  EXPECT_EQ(events[0].outcome, "invalid-argument");
}

TEST_F(ServiceTest, UnrecordableCallFails) {
  recorder_.set_fail(true);
  auto who = service_->WhoAmI(admin_);
  EXPECT_EQ(who.status().code(), StatusCode::kUnavailable);
}

TEST_F(ServiceTest, FailedAuthenticationIsRecorded) {
  auto caller = service_->Authenticate("sluice_garbage", {"r", "10.0.0.1:5", "curl"});
  EXPECT_EQ(caller.status().code(), StatusCode::kUnauthenticated);
  auto events = recorder_.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "authenticate");
  EXPECT_EQ(events[0].client_address, "10.0.0.1:5");
  EXPECT_FALSE(events[0].allowed);
}

TEST_F(ServiceTest, TokensAuthenticateUntilRevoked) {
  ASSERT_TRUE(
      service_->CreatePrincipal(admin_, {"svc", store::PrincipalKind::kService, {"ci"}, {}}).ok());
  auto issued = service_->CreateToken(admin_, "svc", std::chrono::hours(1));
  ASSERT_TRUE(issued.ok());
  auto caller = service_->Authenticate(issued->plaintext, {});
  ASSERT_TRUE(caller.ok());
  EXPECT_EQ(caller->principal.name, "svc");
  EXPECT_EQ(caller->principal.kind, store::PrincipalKind::kService);
  ASSERT_TRUE(service_->RevokeToken(admin_, issued->record.id).ok());
  EXPECT_EQ(service_->Authenticate(issued->plaintext, {}).status().code(),
            StatusCode::kUnauthenticated);
  // The token event never carries the secret.
  for (const auto& e : recorder_.events()) {
    EXPECT_EQ(e.details.dump().find(issued->plaintext), std::string::npos);
  }
}

TEST_F(ServiceTest, LastAdminCannotBeDeleted) {
  EXPECT_EQ(service_->DeletePrincipal(admin_, "admin").code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(
      service_->CreatePrincipal(admin_, {"root2", store::PrincipalKind::kUser, {"admin"}, {}})
          .ok());
  EXPECT_TRUE(service_->DeletePrincipal(admin_, "root2").ok());
}

TEST_F(ServiceTest, EnvironmentsInLadderOrder) {
  Caller alice = AsUser("alice", {});
  auto envs = service_->ListEnvironments(alice);
  ASSERT_TRUE(envs.ok());
  std::vector<std::string> names;
  for (const auto& e : *envs) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"infra-dev", "infra-preprod", "discovery",
                                             "integration", "production"}));
}

TEST_F(ServiceTest, SessionsAreOpenedByPolicyAndCarriedIntoEvents) {
  ASSERT_TRUE(
      service_
          ->CreatePrincipal(admin_, {"dana", store::PrincipalKind::kUser, {"data-engineer"}, {}})
          .ok());
  auto token = service_->CreateToken(admin_, "dana", std::chrono::hours(1));
  ASSERT_TRUE(token.ok());
  auto dana = service_->Authenticate(token->plaintext, "", {"r", "10.0.0.2:1", "cli"});
  ASSERT_TRUE(dana.ok());

  // Policy: data roles open sessions in interactive data environments only.
  EXPECT_EQ(service_->OpenSession(*dana, "production", "look around", std::nullopt).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->OpenSession(*dana, "discovery", "x", std::nullopt).status().code(),
            StatusCode::kInvalidArgument);  // a purpose says why
  EXPECT_EQ(service_->OpenSession(*dana, "nowhere", "churn", std::nullopt).status().code(),
            StatusCode::kNotFound);
  auto opened = service_->OpenSession(*dana, "discovery", "churn features", std::nullopt);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();

  auto in_session =
      service_->Authenticate(token->plaintext, opened->token, {"r2", "10.0.0.2:1", "cli"});
  ASSERT_TRUE(in_session.ok()) << in_session.status().ToString();
  ASSERT_TRUE(in_session->session.has_value());
  EXPECT_EQ(in_session->session->purpose, "churn features");
  ASSERT_TRUE(service_->WhoAmI(*in_session).ok());
  const audit::Event last = recorder_.events().back();
  ASSERT_TRUE(last.session.has_value());
  EXPECT_EQ(last.session->id, opened->record.id);
  EXPECT_EQ(last.session->purpose, "churn features");

  // Someone else's token with dana's session, a wrong secret: refused.
  EXPECT_EQ(service_->Authenticate("", opened->token, {}).status().code(),
            StatusCode::kUnauthenticated);
  std::string forged = opened->token;
  forged.back() = forged.back() == '0' ? '1' : '0';
  EXPECT_EQ(service_->Authenticate(token->plaintext, forged, {}).status().code(),
            StatusCode::kUnauthenticated);

  // Listed, then closed: the session token stops working at once.
  auto mine = service_->ListSessions(*dana, false, false);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(service_->ListSessions(*dana, true, false).status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(service_->CloseSession(*dana, opened->record.id).ok());
  EXPECT_EQ(service_->Authenticate(token->plaintext, opened->token, {}).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(ServiceTest, PolicyPushValidatesFirstThenVersionsAndRecordsTheDiff) {
  auto in_force = service_->GetPolicies(admin_, 0);
  ASSERT_TRUE(in_force.ok()) << in_force.status().ToString();
  EXPECT_EQ(in_force->version, 1);

  // A push that fails validation changes nothing.
  auto bad = service_->PushPolicies(
      admin_, {{"x.cedar", "@id(\"x\") permit (principal is Wizard, action, resource);"}}, "oops");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->PolicyHistory(admin_)->size(), 1u);
  EXPECT_EQ(authorizer_->version(), 1);

  // A valid push: only admins may do anything now (whoami included).
  auto files = in_force->files;
  ASSERT_TRUE(service_->WhoAmI(AsUser("alice", {})).ok());
  auto pushed = service_->PushPolicies(
      admin_,
      {{"admin.cedar", "@id(\"admins\") permit (principal in Role::\"admin\", action, resource);"}},
      "lock down");
  ASSERT_TRUE(pushed.ok()) << pushed.status().ToString();
  EXPECT_EQ(pushed->version, 2);
  EXPECT_EQ(authorizer_->version(), 2);
  EXPECT_EQ(service_->WhoAmI(AsUser("alice", {})).status().code(), StatusCode::kPermissionDenied);
  bool diff_recorded = false;
  for (const auto& e : recorder_.events()) {
    if (e.action == "policy.push" && e.outcome == "ok") {
      const std::string diff = e.details.value("diff", "");
      diff_recorded = diff.find("+@id(\"admins\")") != std::string::npos &&
                      diff.find("-@id(\"self-service\")") != std::string::npos;
    }
  }
  EXPECT_TRUE(diff_recorded);
  auto diff = service_->DiffPolicies(admin_, 1, 2);
  ASSERT_TRUE(diff.ok());
  EXPECT_NE(diff->text.find("--- admin.cedar"), std::string::npos);

  // Rollback is a new version with the old files.
  auto back = service_->RollbackPolicies(admin_, 1);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->version, 3);
  EXPECT_EQ(back->files, files);
  EXPECT_TRUE(service_->WhoAmI(AsUser("alice", {})).ok());
  EXPECT_EQ(service_->RollbackPolicies(admin_, 9).status().code(), StatusCode::kNotFound);
  // Non-admins may not push.
  EXPECT_EQ(service_->PushPolicies(AsUser("alice", {"data-scientist"}), files, "").status().code(),
            StatusCode::kPermissionDenied);
}

TEST(NameRulesTest, PrincipalRoleAndAttributeNames) {
  EXPECT_TRUE(ValidatePrincipalName("alice.smith-2").ok());
  EXPECT_FALSE(ValidatePrincipalName("Alice").ok());
  EXPECT_FALSE(ValidatePrincipalName("").ok());
  EXPECT_FALSE(ValidatePrincipalName("9lives").ok());
  EXPECT_FALSE(ValidatePrincipalName(std::string(64, 'a')).ok());
  EXPECT_TRUE(ValidateRoleName("data-scientist").ok());
  EXPECT_FALSE(ValidateRoleName("data_scientist").ok());
  EXPECT_TRUE(ValidateAttributeName("clearances").ok());
  EXPECT_FALSE(ValidateAttributeName("has space").ok());
}

}  // namespace
}  // namespace sluice::service
