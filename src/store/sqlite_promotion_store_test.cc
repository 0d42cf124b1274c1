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

  PromotionRecord next = p;
  next.state = "approved";
  next.updated_ms = 3000;
  ASSERT_TRUE(store.UpdatePromotion(next, "awaiting-approval").ok());
  next.state = "rejected";
  Status stale = store.UpdatePromotion(next, "awaiting-approval");
  EXPECT_EQ(stale.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(stale.message().find("approved"), std::string::npos);
  next.state = "promoted";
  next.promoted = {"x", "y"};
  next.aliases = {"champion"};
  next.gates = R"([{"gate":"lineage","passed":true}])";
  next.runner = "ci";
  next.attestation = "{}";
  next.updated_ms = 4000;
  ASSERT_TRUE(store.UpdatePromotion(next, "approved").ok());

  auto read = store.GetPromotion("p1");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->state, "promoted");
  EXPECT_EQ(read->versions, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(read->promoted, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(read->decisions.size(), 2u);
  EXPECT_FALSE(read->decisions[1].approve);
  EXPECT_EQ(read->updated_ms, 4000);
  EXPECT_EQ(read->aliases, (std::vector<std::string>{"champion"}));
  EXPECT_EQ(read->gates, next.gates);
  EXPECT_EQ(read->runner, "ci");
  EXPECT_EQ(read->kind, "data");
  EXPECT_EQ(store.ListPromotions(10)->size(), 1u);
  EXPECT_EQ(store.ListPromotions(0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store.GetPromotion("nope").status().code(), StatusCode::kNotFound);
}

TEST(SqlitePromotionStoreTest, ReleasesAndTheirRolls) {
  TestTempDir dir;
  auto opened = SqlitePromotionStore::Open(dir.File("sluice.db"));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  SqlitePromotionStore& store = **opened;
  ASSERT_TRUE(store.CreateRelease({"r1", {"c1", "c2"}, "ivan", "new spark image", 1000}).ok());
  EXPECT_EQ(store.CreateRelease({"r1", {"c3"}, "ivan", "again", 1001}).code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE(store.CreateRelease({"r2", {"c3"}, "ivan", "newer", 2000}).ok());
  auto r1 = store.GetRelease("r1");
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ(r1->components, (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(store.GetRelease("r9").status().code(), StatusCode::kNotFound);
  auto all = store.ListReleases(10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "r2");

  auto first = store.AddReleaseRoll({0, "r1", "ci", 3000, false, {{"discovery", {"d1"}}}});
  auto second = store.AddReleaseRoll(
      {0, "r2", "ci", 4000, false, {{"discovery", {"d2"}}, {"production", {"p2"}}}});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_LT(*first, *second);
  auto rolls = store.ListReleaseRolls(10);
  ASSERT_TRUE(rolls.ok());
  ASSERT_EQ(rolls->size(), 2u);
  EXPECT_EQ((*rolls)[0].release, "r2");
  ASSERT_EQ((*rolls)[0].placed.size(), 2u);
  EXPECT_EQ((*rolls)[1].placed[0].second, (std::vector<std::string>{"d1"}));
}

}  // namespace
}  // namespace sluice::store
