#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "common/test_temp_dir.h"
#include "storage/mock_chunk_store.h"
#include "store/sqlite_catalog_store.h"

namespace sluice::catalog {
namespace {

using storage::ChunkId;
using storage::MockChunkStore;

platform::Environment Env(std::string name, platform::Track track, platform::DataClass data,
                          std::string domain) {
  platform::Environment e;
  e.name = std::move(name);
  e.track = track;
  e.data = data;
  e.storage_domain = std::move(domain);
  return e;
}

class CatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    using platform::DataClass;
    using platform::Track;
    platform_.name = "test";
    platform_.environments = {
        Env("infra-dev", Track::kInfra, DataClass::kSynthetic, "infra"),
        Env("discovery", Track::kData, DataClass::kProduction, "prod"),
        Env("scratch", Track::kData, DataClass::kProduction, "prod"),
        Env("production", Track::kData, DataClass::kProduction, "final"),
    };
    platform_.environments[1].copy_retention = std::chrono::hours(24 * 30);
    auto s = store::SqliteCatalogStore::Open(dir_.path() + "/sluice.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    std::map<std::string, std::unique_ptr<storage::ChunkStore>> domains;
    for (const char* d : {"infra", "prod", "final"}) {
      auto m = std::make_unique<MockChunkStore>();
      mocks_[d] = m.get();
      domains.emplace(d, std::move(m));
    }
    auto c = Catalog::Make(*store_, platform_, std::move(domains));
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    catalog_ = std::move(*c);
    for (const char* env : {"discovery", "scratch", "production", "infra-dev"}) {
      ASSERT_TRUE(catalog_->CreateProject(env, "churn", "ada", 0, 1).ok());
    }
  }

  // Uploads `content` as one single-chunk file and commits it.
  Result<store::VersionRecord> Push(const std::string& ref, const std::string& path,
                                    const std::string& content,
                                    std::vector<std::string> inputs = {},
                                    std::map<std::string, std::string> tags = {}) {
    SLUICE_ASSIGN_OR_RETURN(AssetAddress address, ParseAddress(ref));
    const std::string id = ChunkId::Of(content).hex();
    SLUICE_RETURN_IF_ERROR(catalog_->PutChunk(address.environment, id, content));
    PushRequest r;
    r.address = address;
    r.files = {{path, content.size(), {{id, content.size()}}}};
    r.inputs = std::move(inputs);
    r.tags = std::move(tags);
    return catalog_->Commit(r, "ada", ++now_);
  }

  TestTempDir dir_;
  platform::Platform platform_;
  std::unique_ptr<store::SqliteCatalogStore> store_;
  std::map<std::string, MockChunkStore*> mocks_;
  std::unique_ptr<Catalog> catalog_;
  std::int64_t now_ = 1000;
};

TEST_F(CatalogTest, PushResolvesAndIsIdempotent) {
  auto v1 = Push("discovery/churn/customers", "c.csv", "id,name\n1,ann\n");
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  auto again = Push("discovery/churn/customers", "c.csv", "id,name\n1,ann\n");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, v1->id);
  auto v2 = Push("discovery/churn/customers", "c.csv", "id,name\n1,ann\n2,bob\n");
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(catalog_->Resolve(*ParseRef("discovery/churn/customers"))->id, v2->id);
  EXPECT_EQ(catalog_->Resolve(*ParseRef("discovery/churn/customers@" + v1->id.substr(0, 8)))->id,
            v1->id);
  ASSERT_TRUE(catalog_->SetAlias(*ParseRef("discovery/churn/customers@" + v1->id), "golden").ok());
  EXPECT_EQ(catalog_->Resolve(*ParseRef("discovery/churn/customers:golden"))->id, v1->id);
  EXPECT_EQ(catalog_->Resolve(*ParseRef("discovery/churn/nothing")).status().code(),
            StatusCode::kNotFound);
}

TEST_F(CatalogTest, SchemaIsInferredForTabularFiles) {
  auto v = Push("discovery/churn/customers", "c.csv", "id,name,score\n1,ann,0.5\n2,bob,1\n");
  ASSERT_TRUE(v.ok());
  auto meta = nlohmann::json::parse(v->metadata);
  const auto& columns = meta["schema"]["c.csv"]["columns"];
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_EQ(columns[0]["name"], "id");
  EXPECT_EQ(columns[0]["type"], "integer");
  EXPECT_EQ(columns[2]["type"], "float");
}

TEST_F(CatalogTest, CommitRefusesMissingChunksAndChangesNothing) {
  PushRequest r;
  r.address = *ParseAddress("discovery/churn/customers");
  r.files = {{"c.csv", 4, {{std::string(64, 'a'), 4}}}};
  EXPECT_EQ(catalog_->Commit(r, "ada", 1).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(catalog_->ListAssets("", "")->empty());
  EXPECT_EQ(catalog_->PutChunk("discovery", std::string(64, 'a'), "abcd").code(),
            StatusCode::kInvalidArgument);
}

TEST_F(CatalogTest, ClassificationFollowsDerivedVersions) {
  auto raw = Push("discovery/churn/raw", "r.csv", "a\n1\n", {}, {{"classification", "PII,PHI"}});
  ASSERT_TRUE(raw.ok());
  auto derived = Push("discovery/churn/features", "f.csv", "b\n2\n", {"discovery/churn/raw"});
  ASSERT_TRUE(derived.ok()) << derived.status().ToString();
  EXPECT_EQ(nlohmann::json::parse(derived->metadata)["classification"],
            nlohmann::json({"PHI", "PII"}));
  EXPECT_EQ(derived->inputs, std::vector<std::string>{raw->id});
}

TEST_F(CatalogTest, FileRangesSkipWholeChunksAndStartInsideOne) {
  auto address = ParseAddress("discovery/churn/ranges");
  ASSERT_TRUE(address.ok());
  const std::vector<std::string> parts = {"abcde", "fgh", "ijklmnop"};
  PushRequest r;
  r.address = *address;
  catalog::FileEntry file{"f.txt", 16, {}};
  for (const auto& part : parts) {
    const std::string id = ChunkId::Of(part).hex();
    ASSERT_TRUE(catalog_->PutChunk("discovery", id, part).ok());
    file.chunks.push_back({id, part.size()});
  }
  r.files = {file};
  auto v = catalog_->Commit(r, "ada", ++now_);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  auto read = [&](std::uint64_t begin, std::uint64_t end) {
    auto source = catalog_->OpenFileRange(*v, file, begin, end);
    EXPECT_TRUE(source.ok());
    std::string out;
    char buf[3];
    while (true) {
      Result<size_t> n = (*source)->Read(buf, sizeof buf);
      EXPECT_TRUE(n.ok());
      if (!n.ok() || *n == 0) return out;
      out.append(buf, *n);
    }
  };
  EXPECT_EQ(read(0, 16), "abcdefghijklmnop");
  EXPECT_EQ(read(5, 16), "fghijklmnop");
  EXPECT_EQ(read(6, 10), "ghij");
  EXPECT_EQ(read(9, 100), "jklmnop");
  EXPECT_EQ(read(0, 3), "abc");
  EXPECT_EQ(read(16, 16), "");
  EXPECT_EQ(read(20, 16), "");
}

TEST_F(CatalogTest, CopyWithinADomainCopiesNoBytes) {
  auto src = Push("discovery/churn/customers", "c.csv", "id\n1\n", {}, {{"owner", "ada"}});
  ASSERT_TRUE(src.ok());
  auto copy = catalog_->Copy(*ParseRef("discovery/churn/customers"),
                             *ParseAddress("scratch/churn/mine"), std::nullopt, "bob", 5000);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  EXPECT_EQ(copy->bytes_copied, 0u);
  EXPECT_EQ(copy->version.copy_of, src->id);
  EXPECT_EQ(nlohmann::json::parse(copy->version.metadata)["tags"]["owner"], "ada");
  EXPECT_FALSE(copy->version.expires_ms.has_value());  // scratch has no retention
  // The copy shares the source's chunk list (no rows of its own) and still
  // reads back with its chunks; fsck and chunk users see it.
  auto stored = catalog_->GetVersion(copy->version.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->chunks_of, src->id);
  EXPECT_EQ(stored->chunks, src->chunks);
  EXPECT_EQ(store_->VersionsUsingChunk(src->chunks[0].id)->size(), 2u);
  EXPECT_TRUE(catalog_->Fsck()->problems.empty());
  auto across =
      catalog_->Copy(*ParseRef("discovery/churn/customers"),
                     *ParseAddress("production/churn/customers"), std::nullopt, "ci", 6000);
  ASSERT_TRUE(across.ok());
  EXPECT_EQ(across->bytes_copied, 5u);
  EXPECT_EQ(mocks_["final"]->size(), 1u);
}

TEST_F(CatalogTest, CopyRules) {
  ASSERT_TRUE(Push("discovery/churn/customers", "c.csv", "id\n1\n").ok());
  auto ref = *ParseRef("discovery/churn/customers");
  EXPECT_EQ(catalog_->Copy(ref, *ParseAddress("infra-dev/churn/x"), std::nullopt, "bob", 1)
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      catalog_->Copy(ref, *ParseAddress("discovery/churn/x"), std::chrono::hours(24 * 31), "bob", 1)
          .status()
          .code(),
      StatusCode::kInvalidArgument);
  auto kept = catalog_->Copy(ref, *ParseAddress("discovery/churn/x"), std::nullopt, "bob", 1);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(*kept->version.expires_ms, 1 + 30LL * 24 * 3600 * 1000);
}

TEST_F(CatalogTest, PurgeCascadesAndRemovesChunks) {
  auto raw = Push("discovery/churn/raw", "r.csv", "a\n1\n");
  auto features = Push("discovery/churn/features", "f.csv", "b\n2\n", {"discovery/churn/raw"});
  ASSERT_TRUE(raw.ok() && features.ok());
  auto prod = catalog_->Copy(*ParseRef("discovery/churn/features"),
                             *ParseAddress("production/churn/features"), std::nullopt, "ci", 1);
  ASSERT_TRUE(prod.ok());
  auto ref = *ParseRef("discovery/churn/raw");
  EXPECT_EQ(catalog_->Purge(ref, false, false).status().code(), StatusCode::kFailedPrecondition);
  auto dry = catalog_->Purge(ref, true, true);
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(dry->versions.size(), 3u);
  EXPECT_EQ(mocks_["prod"]->size(), 2u);
  auto done = catalog_->Purge(ref, true, false);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->chunks_removed, 3u);  // two in prod, the copy's one in final
  EXPECT_EQ(mocks_["prod"]->size(), 0u);
  EXPECT_EQ(mocks_["final"]->size(), 0u);
  EXPECT_TRUE(catalog_->ListAssets("", "")->empty());
}

TEST_F(CatalogTest, GarbageCollectionSparesRecentChunks) {
  mocks_["prod"]->SetNowMs(1);
  const std::string old_orphan = "old";
  ASSERT_TRUE(catalog_->PutChunk("discovery", ChunkId::Of(old_orphan).hex(), old_orphan).ok());
  const std::int64_t day = 24 * 3600 * 1000;
  mocks_["prod"]->SetNowMs(2 * day);
  const std::string new_orphan = "new";
  ASSERT_TRUE(catalog_->PutChunk("discovery", ChunkId::Of(new_orphan).hex(), new_orphan).ok());
  ASSERT_TRUE(Push("discovery/churn/raw", "r.csv", "a\n1\n").ok());
  auto gc = catalog_->CollectGarbage(false, 2 * day);
  ASSERT_TRUE(gc.ok());
  EXPECT_EQ(gc->chunks_removed, 1u);
  EXPECT_EQ(gc->chunks_spared_recent, 1u);
  EXPECT_FALSE(*mocks_["prod"]->Contains(ChunkId::Of(old_orphan)));
  EXPECT_TRUE(*mocks_["prod"]->Contains(ChunkId::Of(new_orphan)));
}

TEST_F(CatalogTest, FsckNamesCorruptChunksAndTheirVersions) {
  auto v = Push("discovery/churn/raw", "r.csv", "a\n1\n");
  ASSERT_TRUE(v.ok());
  auto clean = catalog_->Fsck();
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->problems.empty());
  EXPECT_EQ(clean->versions_checked, 1u);
  ASSERT_TRUE(mocks_["prod"]->Corrupt(ChunkId::Of("a\n1\n")));
  auto bad = catalog_->Fsck();
  ASSERT_EQ(bad->problems.size(), 1u);
  EXPECT_EQ(bad->problems[0].versions, std::vector<std::string>{v->id});
  auto read = catalog_->ReadChunk("discovery", ChunkId::Of("a\n1\n").hex());
  EXPECT_EQ(read.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(read.status().message().find(v->id), std::string::npos);
}

TEST_F(CatalogTest, QuotaIsEnforced) {
  ASSERT_TRUE(catalog_->SetQuota("discovery", "churn", 6).ok());
  ASSERT_TRUE(Push("discovery/churn/a", "a.txt", "12345").ok());
  ASSERT_TRUE(Push("discovery/churn/b", "b.txt", "12345").ok());  // same chunk: counted once
  EXPECT_EQ(Push("discovery/churn/c", "c.txt", "67").status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_EQ((*catalog_->Usage("discovery"))[0].used_bytes, 5u);
}

TEST_F(CatalogTest, SweepRemovesExpiredCopiesWithoutDependents) {
  ASSERT_TRUE(Push("discovery/churn/raw", "r.csv", "a\n1\n").ok());
  auto copy = catalog_->Copy(*ParseRef("discovery/churn/raw"), *ParseAddress("discovery/churn/tmp"),
                             std::chrono::hours(1), "bob", 0);
  ASSERT_TRUE(copy.ok());
  EXPECT_TRUE(catalog_->SweepExpired(1000)->empty());
  auto swept = catalog_->SweepExpired(3600 * 1000);
  ASSERT_EQ(swept->size(), 1u);
  EXPECT_EQ((*swept)[0].versions[0].id, copy->version.id);
  EXPECT_EQ(mocks_["prod"]->size(), 1u);  // the source still holds the chunk
}

}  // namespace
}  // namespace sluice::catalog
