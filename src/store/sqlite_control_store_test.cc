#include "store/sqlite_control_store.h"

#include <gtest/gtest.h>

#include "common/test_temp_dir.h"

namespace sluice::store {
namespace {

class SqliteControlStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteControlStore::Open(dir_.File("sluice.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  TestTempDir dir_;
  std::unique_ptr<SqliteControlStore> store_;
};

TEST_F(SqliteControlStoreTest, PolicyVersionsNumberFromOneAndKeepTheirFiles) {
  ASSERT_FALSE(store_->LatestPolicyVersion()->has_value());
  PolicyVersion v;
  v.files = {{"a.cedar", "permit (principal, action, resource);"}, {"b.cedar", "// b\n"}};
  v.author = "alice";
  v.created_ms = 1000;
  v.comment = "first";
  EXPECT_EQ(*store_->AddPolicyVersion(v), 1);
  v.files.pop_back();
  v.comment = "second";
  EXPECT_EQ(*store_->AddPolicyVersion(v), 2);
  auto latest = store_->LatestPolicyVersion();
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->version, 2);
  EXPECT_EQ((*latest)->files.size(), 1u);
  auto first = store_->GetPolicyVersion(1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->files[1], (PolicyFile{"b.cedar", "// b\n"}));
  EXPECT_EQ(first->author, "alice");
  EXPECT_EQ(store_->GetPolicyVersion(3).status().code(), StatusCode::kNotFound);
  auto all = store_->ListPolicyVersions();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].version, 2);
}

TEST_F(SqliteControlStoreTest, SessionsOpenListAndClose) {
  SessionRecord s;
  s.id = "s1";
  s.secret_hash = "h";
  s.principal = "dana";
  s.environment = "discovery";
  s.purpose = "churn features";
  s.created_ms = 1000;
  s.expires_ms = 5000;
  ASSERT_TRUE(store_->CreateSession(s).ok());
  EXPECT_EQ(store_->CreateSession(s).code(), StatusCode::kAlreadyExists);
  SessionRecord other = s;
  other.id = "s2";
  other.principal = "erin";
  other.break_glass = true;
  ASSERT_TRUE(store_->CreateSession(other).ok());

  EXPECT_EQ(store_->ListSessions("dana", false, 2000)->size(), 1u);
  EXPECT_EQ(store_->ListSessions("", false, 2000)->size(), 2u);
  EXPECT_EQ(store_->ListSessions("", false, 6000)->size(), 0u);  // expired
  EXPECT_EQ(store_->ListSessions("", true, 6000)->size(), 2u);
  EXPECT_EQ(*store_->CountOpenSessions(2000), 2);
  EXPECT_TRUE(store_->GetSession("s2")->break_glass);

  ASSERT_TRUE(store_->CloseSession("s1", 3000).ok());
  EXPECT_EQ(store_->CloseSession("s1", 3001).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->CloseSession("nope", 3001).code(), StatusCode::kNotFound);
  auto closed = store_->GetSession("s1");
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->closed_ms, 3000);
  EXPECT_FALSE(closed->open_at(2000));
  EXPECT_EQ(*store_->CountOpenSessions(2000), 1);
  EXPECT_EQ(store_->GetSession("nope").status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteControlStoreTest, BreakGlassApprovalsAreOnePerApproverAndOpenOnce) {
  BreakGlassRecord r;
  r.id = "bg1";
  r.requester = "dana";
  r.environment = "production";
  r.reason = "pipeline wrote bad rows";
  r.created_ms = 1000;
  ASSERT_TRUE(store_->CreateBreakGlass(r).ok());
  ASSERT_TRUE(store_->AddBreakGlassApproval("bg1", {"erin", 2000, "ok"}).ok());
  EXPECT_EQ(store_->AddBreakGlassApproval("bg1", {"erin", 2001, "again"}).code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE(store_->AddBreakGlassApproval("bg1", {"frank", 2002, ""}).ok());
  auto read = store_->GetBreakGlass("bg1");
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->approvals.size(), 2u);
  EXPECT_EQ(read->approvals[0].approver, "erin");
  EXPECT_EQ(read->ttl_s, 3600);
  EXPECT_TRUE(read->session_id.empty());
  ASSERT_TRUE(store_->MarkBreakGlassOpened("bg1", "s9").ok());
  EXPECT_EQ(store_->MarkBreakGlassOpened("bg1", "s10").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->GetBreakGlass("bg1")->session_id, "s9");
  EXPECT_EQ(store_->ListBreakGlass()->size(), 1u);
  EXPECT_EQ(store_->GetBreakGlass("nope").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sluice::store
