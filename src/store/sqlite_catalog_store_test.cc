#include "store/sqlite_catalog_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/test_temp_dir.h"

namespace sluice::store {
namespace {

std::string Id(char c) {
  return std::string(64, c);
}

VersionRecord Version(const std::string& id, const std::string& asset,
                      std::vector<std::string> inputs = {}, std::vector<ChunkUse> chunks = {}) {
  VersionRecord v;
  v.id = id;
  v.environment = "discovery";
  v.project = "churn";
  v.asset = asset;
  v.kind = "dataset";
  v.domain = "discovery";
  v.manifest = "{}";
  v.metadata = "{}";
  v.inputs = std::move(inputs);
  v.author = "ada";
  v.created_ms = 1;
  v.chunks = std::move(chunks);
  for (const auto& c : v.chunks) v.bytes += c.size;
  return v;
}

class CatalogStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteCatalogStore::Open(dir_.path() + "/sluice.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->CreateProject({"discovery", "churn", "ada", 1, 0}).ok());
  }
  TestTempDir dir_;
  std::unique_ptr<SqliteCatalogStore> store_;
};

TEST_F(CatalogStoreTest, ProjectsAreUniquePerEnvironment) {
  EXPECT_EQ(store_->CreateProject({"discovery", "churn", "bob", 2, 0}).code(),
            StatusCode::kAlreadyExists);
  EXPECT_TRUE(store_->CreateProject({"production", "churn", "bob", 2, 0}).ok());
  EXPECT_EQ(store_->ListProjects("")->size(), 2u);
  EXPECT_EQ(store_->ListProjects("production")->size(), 1u);
  EXPECT_EQ(store_->GetProject("integration", "churn").status().code(), StatusCode::kNotFound);
}

TEST_F(CatalogStoreTest, ScansArePerVersionPendingUntilDoneAndGoWithTheVersion) {
  ASSERT_TRUE(store_->CreateVersion(Version(Id('a'), "customers")).ok());
  ASSERT_TRUE(store_->CreateVersion(Version(Id('b'), "orders")).ok());
  EXPECT_EQ(store_->GetScan(Id('a')).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->PutScan({Id('a'), "scanning", {}, "{}", 5}).ok());
  ASSERT_TRUE(store_->PutScan({Id('b'), "scanning", {}, "{}", 3}).ok());
  EXPECT_EQ(*store_->PendingScans(10), (std::vector<std::string>{Id('b'), Id('a')}));
  ASSERT_TRUE(store_->PutScan({Id('a'), "done", {"PCI", "PII"}, R"({"files":{}})", 9}).ok());
  auto a = store_->GetScan(Id('a'));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->state, "done");
  EXPECT_EQ(a->classification, (std::vector<std::string>{"PCI", "PII"}));
  EXPECT_EQ(*store_->PendingScans(10), (std::vector<std::string>{Id('b')}));
  EXPECT_EQ(store_->PutScan({Id('z'), "done", {}, "{}", 1}).code(), StatusCode::kNotFound);
  const std::vector<std::string> doomed = {Id('a')};
  ASSERT_TRUE(store_->DeleteVersions(doomed).ok());
  EXPECT_EQ(store_->GetScan(Id('a')).status().code(), StatusCode::kNotFound);
}

TEST_F(CatalogStoreTest, DeclassificationsRoundTripAndOnlyApprovedOnesRemoveLabels) {
  ASSERT_TRUE(store_->CreateVersion(Version(Id('a'), "customers")).ok());
  DeclassificationRecord r;
  r.id = "dcl-0000000000000001";
  r.version = Id('a');
  r.environment = "discovery";
  r.labels = {"PHI", "PII"};
  r.justification = "the notes column was checked by hand";
  r.requester = "dana";
  r.state = "awaiting-approval";
  r.created_ms = r.updated_ms = 5;
  ASSERT_TRUE(store_->CreateDeclassification(r).ok());
  EXPECT_TRUE(store_->DeclassifiedLabels(Id('a'))->empty());
  r.decisions.push_back({"erin", true, "ok", 7});
  r.state = "approved";
  r.updated_ms = 7;
  ASSERT_TRUE(store_->UpdateDeclassification(r, "awaiting-approval").ok());
  // A second decision on the stale state is refused.
  EXPECT_EQ(store_->UpdateDeclassification(r, "awaiting-approval").code(),
            StatusCode::kFailedPrecondition);
  auto back = store_->GetDeclassification(r.id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->labels, r.labels);
  EXPECT_EQ(back->decisions, r.decisions);
  EXPECT_EQ(back->state, "approved");
  EXPECT_EQ(*store_->DeclassifiedLabels(Id('a')), (std::vector<std::string>{"PHI", "PII"}));
  EXPECT_EQ(store_->ListDeclassifications(Id('a'))->size(), 1u);
  EXPECT_EQ(store_->ListDeclassifications("")->size(), 1u);
  EXPECT_TRUE(store_->ListDeclassifications(Id('b'))->empty());
  EXPECT_EQ(store_->GetDeclassification("dcl-nope").status().code(), StatusCode::kNotFound);
  r.id = "dcl-0000000000000002";
  r.version = Id('z');
  EXPECT_EQ(store_->CreateDeclassification(r).code(), StatusCode::kNotFound);
  const std::vector<std::string> doomed = {Id('a')};
  ASSERT_TRUE(store_->DeleteVersions(doomed).ok());
  EXPECT_EQ(store_->GetDeclassification("dcl-0000000000000001").status().code(),
            StatusCode::kNotFound);
}

TEST_F(CatalogStoreTest, CreateVersionMovesLatestAndRoundTrips) {
  ASSERT_TRUE(store_->CreateVersion(Version(Id('a'), "customers", {}, {{Id('1'), 10}})).ok());
  ASSERT_TRUE(
      store_->CreateVersion(Version(Id('b'), "customers", {Id('a')}, {{Id('1'), 10}})).ok());
  EXPECT_EQ(**store_->GetAlias("discovery", "churn", "customers", "latest"), Id('b'));
  auto v = store_->GetVersion(Id('b'));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->inputs, std::vector<std::string>{Id('a')});
  EXPECT_EQ(v->chunks, (std::vector<ChunkUse>{{Id('1'), 10}}));
  EXPECT_EQ(v->kind, "dataset");
  auto found = store_->FindVersions("discovery", "churn", "customers", "bbbbbbbb", 2);
  EXPECT_EQ(*found, std::vector<std::string>{Id('b')});
  auto assets = store_->ListAssets("discovery", "");
  ASSERT_EQ(assets->size(), 1u);
  EXPECT_EQ((*assets)[0].version_count, 2);
  EXPECT_EQ((*assets)[0].latest, Id('b'));
}

TEST_F(CatalogStoreTest, RefusesBadVersionsAndChangesNothing) {
  EXPECT_EQ(store_->CreateVersion(Version(Id('a'), "x", {Id('f')})).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->ListAssets("", "")->size(), 0u);  // the asset row rolled back too
  ASSERT_TRUE(store_->CreateVersion(Version(Id('a'), "x")).ok());
  EXPECT_EQ(store_->CreateVersion(Version(Id('a'), "x")).code(), StatusCode::kAlreadyExists);
  VersionRecord model = Version(Id('b'), "x");
  model.kind = "model";
  EXPECT_EQ(store_->CreateVersion(model).code(), StatusCode::kFailedPrecondition);
  VersionRecord elsewhere = Version(Id('c'), "x");
  elsewhere.project = "nope";
  EXPECT_EQ(store_->CreateVersion(elsewhere).code(), StatusCode::kNotFound);
}

TEST_F(CatalogStoreTest, DeleteNeedsDependentsAndRepairsLatest) {
  ASSERT_TRUE(store_->CreateVersion(Version(Id('a'), "raw")).ok());
  ASSERT_TRUE(store_->CreateVersion(Version(Id('b'), "raw")).ok());
  ASSERT_TRUE(store_->CreateVersion(Version(Id('c'), "features", {Id('b')})).ok());
  const std::vector<std::string> just_b{Id('b')};
  EXPECT_EQ(store_->DeleteVersions(just_b).code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(store_->GetVersion(Id('b')).ok());
  const std::vector<std::string> b_and_c{Id('c'), Id('b')};
  ASSERT_TRUE(store_->DeleteVersions(b_and_c).ok());
  EXPECT_EQ(**store_->GetAlias("discovery", "churn", "raw", "latest"), Id('a'));
  EXPECT_FALSE(store_->GetAlias("discovery", "churn", "features", "latest")->has_value());
  EXPECT_EQ(store_->ListAssets("", "")->size(), 1u);
}

TEST_F(CatalogStoreTest, ListsLineageInCreationOrder) {
  ASSERT_TRUE(store_->CreateVersion(Version(Id('b'), "raw")).ok());
  ASSERT_TRUE(store_->CreateVersion(Version(Id('a'), "copy", {Id('b')})).ok());
  ASSERT_TRUE(store_->CreateVersion(Version(Id('c'), "features", {Id('a'), Id('b')})).ok());
  std::vector<std::string> order;
  std::vector<std::vector<std::string>> inputs;
  ASSERT_TRUE(
      store_
          ->ForEachVersionLineage([&](const LineageNode& n, const std::vector<std::string>& in) {
            order.push_back(n.id);
            inputs.push_back(in);
            EXPECT_EQ(n.kind, "dataset");
            return Status::Ok();
          })
          .ok());
  EXPECT_EQ(order, (std::vector<std::string>{Id('b'), Id('a'), Id('c')}));
  std::sort(inputs[2].begin(), inputs[2].end());
  EXPECT_EQ(inputs[2], (std::vector<std::string>{Id('a'), Id('b')}));
  EXPECT_TRUE(inputs[0].empty());
}

TEST_F(CatalogStoreTest, UsageCountsEachChunkOnce) {
  ASSERT_TRUE(store_->CreateVersion(Version(Id('a'), "raw", {}, {{Id('1'), 100}})).ok());
  ASSERT_TRUE(
      store_->CreateVersion(Version(Id('b'), "raw", {}, {{Id('1'), 100}, {Id('2'), 50}})).ok());
  auto usage = store_->Usage("discovery");
  ASSERT_EQ(usage->size(), 1u);
  EXPECT_EQ((*usage)[0].used_bytes, 150u);
  const std::vector<ChunkUse> extra{{Id('2'), 50}, {Id('3'), 7}, {Id('3'), 7}};
  EXPECT_EQ(*store_->UsageWith("discovery", "churn", extra), 157u);
  std::vector<std::string> seen;
  ASSERT_TRUE(store_
                  ->ForEachReferencedChunk("discovery",
                                           [&](const ChunkUse& c) {
                                             seen.push_back(c.id);
                                             return Status::Ok();
                                           })
                  .ok());
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_EQ(store_->VersionsUsingChunk(Id('1'))->size(), 2u);
}

TEST_F(CatalogStoreTest, ExpiredVersions) {
  VersionRecord v = Version(Id('a'), "copy");
  v.expires_ms = 100;
  ASSERT_TRUE(store_->CreateVersion(v).ok());
  EXPECT_TRUE(store_->ExpiredVersions(99)->empty());
  EXPECT_EQ(*store_->ExpiredVersions(100), std::vector<std::string>{Id('a')});
}

TEST_F(CatalogStoreTest, MetricsCountBytesByClassificationAndCopiesByEnvironment) {
  VersionRecord pci = Version(Id('a'), "cards", {}, {{Id('1'), 100}});
  pci.metadata = R"({"classification":["PCI"]})";
  ASSERT_TRUE(store_->CreateVersion(pci).ok());
  VersionRecord plain = Version(Id('b'), "plain", {}, {{Id('2'), 50}});
  ASSERT_TRUE(store_->CreateVersion(plain).ok());
  VersionRecord copy = Version(Id('c'), "scratch", {Id('a')}, {{Id('1'), 100}});
  copy.metadata = pci.metadata;
  copy.copy_of = Id('a');
  copy.expires_ms = 5000;
  ASSERT_TRUE(store_->CreateVersion(copy).ok());

  auto bytes = store_->BytesByClassification();
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ASSERT_EQ(bytes->size(), 2u);
  EXPECT_EQ((*bytes)[0].classification, "[\"PCI\"]");
  EXPECT_EQ((*bytes)[0].bytes, 200u);
  EXPECT_EQ((*bytes)[1].classification, "[]");
  EXPECT_EQ((*bytes)[1].bytes, 50u);

  auto copies = store_->CopiesByEnvironment(6000);
  ASSERT_TRUE(copies.ok());
  ASSERT_EQ(copies->size(), 1u);
  EXPECT_EQ((*copies)[0].copies, 1u);
  EXPECT_EQ((*copies)[0].expiring, 1u);
  EXPECT_EQ((*store_->CopiesByEnvironment(4000))[0].expiring, 0u);
}

}  // namespace
}  // namespace sluice::store
