#include "store/sqlite_promotion_store.h"

#include <gtest/gtest.h>

#include "common/test_temp_dir.h"

namespace sluice::store {
namespace {

TEST(SqlitePromotionStoreTest, RequestsDecisionsAndStateChanges) {
  TestTempDir dir;
  auto opened = SqlitePromotionStore::Open(dir.File("sluice.db"));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  SqlitePromotionStore& store = **opened;
  PromotionRecord p;
  p.id = "p1";
  p.from = "discovery";
  p.to = "integration";
  p.versions = {"a", "b"};
  p.content_hash = "h1";
  p.justification = "better churn model";
  p.requester = "dana";
  p.state = "awaiting-approval";
  p.created_ms = 1000;
  ASSERT_TRUE(store.CreatePromotion(p).ok());
  EXPECT_EQ(store.CreatePromotion(p).code(), StatusCode::kAlreadyExists);

  ASSERT_TRUE(store.AddPromotionDecision("p1", {"erin", "h1", true, "ok", 2000}).ok());
  EXPECT_EQ(store.AddPromotionDecision("p1", {"erin", "h1", true, "again", 2001}).code(),
            StatusCode::kAlreadyExists);
  // The same approver may decide again on other content.
  ASSERT_TRUE(store.AddPromotionDecision("p1", {"erin", "h2", false, "no", 2002}).ok());

  ASSERT_TRUE(store.SetPromotionState("p1", "awaiting-approval", "approved", {}, "", 3000).ok());
  Status stale = store.SetPromotionState("p1", "awaiting-approval", "rejected", {}, "", 3001);
  EXPECT_EQ(stale.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(stale.message().find("approved"), std::string::npos);
  ASSERT_TRUE(store.SetPromotionState("p1", "approved", "promoted", {"x", "y"}, "", 4000).ok());

  auto read = store.GetPromotion("p1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->state, "promoted");
  EXPECT_EQ(read->versions, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(read->promoted, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(read->decisions.size(), 2u);
  EXPECT_FALSE(read->decisions[1].approve);
  EXPECT_EQ(read->updated_ms, 4000);
  EXPECT_EQ(store.ListPromotions(10)->size(), 1u);
  EXPECT_EQ(store.ListPromotions(0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store.GetPromotion("nope").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sluice::store
