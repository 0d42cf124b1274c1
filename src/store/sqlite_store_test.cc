#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "common/test_temp_dir.h"

namespace sluice::store {
namespace {

Principal Ada() {
  Principal p;
  p.name = "ada";
  p.kind = PrincipalKind::kUser;
  p.roles = {"admin", "data-scientist"};
  p.attributes = {
      {"country", std::string("GB")},
      {"contractor", false},
      {"clearances", std::vector<std::string>{"PHI", "PII"}},
      {"projects", std::vector<std::string>{}},  // an empty set survives too
  };
  p.created_ms = 1795676804123;
  return p;
}

Principal Ci() {
  Principal p;
  p.name = "ci";
  p.kind = PrincipalKind::kService;
  p.roles = {"promoter"};
  p.attributes = {{"automation", true}};
  p.created_ms = 1795676804000;
  return p;
}

TokenRecord Token(std::string id, std::string principal, std::int64_t created_ms = 1000) {
  TokenRecord t;
  t.id = std::move(id);
  t.principal = std::move(principal);
  t.secret_hash = std::string(64, 'a');
  t.created_ms = created_ms;
  return t;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    path_ = dir_.File("meta.db");
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  TestTempDir dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, WalModeForeignKeysAndSynchronousAreOn) {
  EXPECT_EQ(*store_->QueryPragma("journal_mode"), "wal");
  EXPECT_EQ(*store_->QueryPragma("foreign_keys"), "1");
  EXPECT_EQ(*store_->QueryPragma("synchronous"), "1");  // NORMAL
  EXPECT_EQ(*store_->QueryPragma("busy_timeout"), std::to_string(SqliteStore::kBusyTimeoutMs));
  EXPECT_EQ(store_->QueryPragma("writable_schema").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, DatabaseFileIsPrivate) {
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(SqliteStoreTest, NotADatabaseIsDataLoss) {
  const std::string junk = dir_.File("junk.db");
  FILE* f = std::fopen(junk.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("this is not an SQLite database, not even close; it is long enough to have a header",
             f);
  std::fclose(f);
  EXPECT_EQ(SqliteStore::Open(junk).status().code(), StatusCode::kDataLoss);
}

TEST_F(SqliteStoreTest, CreateAndGetPrincipalWithAllAttributeKinds) {
  ASSERT_TRUE(store_->CreatePrincipal(Ada()).ok());
  Result<Principal> got = store_->GetPrincipal("ada");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, Ada());
  EXPECT_EQ(std::get<std::vector<std::string>>(got->attributes.at("projects")).size(), 0u);
}

TEST_F(SqliteStoreTest, GetMissingPrincipalIsNotFound) {
  EXPECT_EQ(store_->GetPrincipal("nobody").status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, RolesAndSetsAreSortedAndDeduplicated) {
  Principal p = Ci();
  p.roles = {"b", "a", "b"};
  p.attributes["tags"] = std::vector<std::string>{"z", "x", "z", "y"};
  ASSERT_TRUE(store_->CreatePrincipal(p).ok());
  Result<Principal> got = store_->GetPrincipal("ci");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->roles, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(std::get<std::vector<std::string>>(got->attributes.at("tags")),
            (std::vector<std::string>{"x", "y", "z"}));
}

TEST_F(SqliteStoreTest, DuplicatePrincipalIsAlreadyExistsAndChangesNothing) {
  ASSERT_TRUE(store_->CreatePrincipal(Ada()).ok());
  Principal other = Ci();
  other.name = "ada";
  Status s = store_->CreatePrincipal(other);
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s.message(), "principal \"ada\" already exists");
  EXPECT_EQ(*store_->GetPrincipal("ada"), Ada());
  EXPECT_EQ(*store_->CountPrincipals(), 1);
}

TEST_F(SqliteStoreTest, EmptyNamesAreInvalid) {
  Principal p = Ada();
  p.name = "";
  EXPECT_EQ(store_->CreatePrincipal(p).code(), StatusCode::kInvalidArgument);
  p = Ada();
  p.roles.push_back("");
  EXPECT_EQ(store_->CreatePrincipal(p).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*store_->CountPrincipals(), 0);
}

TEST_F(SqliteStoreTest, ListPrincipalsIsOrderedByNameWithEverything) {
  EXPECT_TRUE(store_->ListPrincipals()->empty());
  ASSERT_TRUE(store_->CreatePrincipal(Ci()).ok());
  ASSERT_TRUE(store_->CreatePrincipal(Ada()).ok());
  Principal bare;
  bare.name = "bob";
  ASSERT_TRUE(store_->CreatePrincipal(bare).ok());
  Result<std::vector<Principal>> all = store_->ListPrincipals();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0], Ada());
  EXPECT_EQ((*all)[1], bare);
  EXPECT_EQ((*all)[2], Ci());
  EXPECT_EQ(*store_->CountPrincipals(), 3);
}

TEST_F(SqliteStoreTest, DeletePrincipal) {
  ASSERT_TRUE(store_->CreatePrincipal(Ada()).ok());
  ASSERT_TRUE(store_->CreatePrincipal(Ci()).ok());
  ASSERT_TRUE(store_->DeletePrincipal("ada").ok());
  EXPECT_EQ(store_->GetPrincipal("ada").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->DeletePrincipal("ada").code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->GetPrincipal("ci"), Ci());
  // Its roles and attributes went with it: the name is free again.
  ASSERT_TRUE(store_->CreatePrincipal(Ada()).ok());
  EXPECT_EQ(*store_->GetPrincipal("ada"), Ada());
}

TEST_F(SqliteStoreTest, TokensCreateGetListRevoke) {
  ASSERT_TRUE(store_->CreatePrincipal(Ada()).ok());
  TokenRecord a = Token("00000000000000aa", "ada", 2000);
  a.expires_ms = 9000;
  TokenRecord b = Token("00000000000000bb", "ada", 1000);
  ASSERT_TRUE(store_->CreateToken(a).ok());
  ASSERT_TRUE(store_->CreateToken(b).ok());

  EXPECT_EQ(*store_->GetToken(a.id), a);
  EXPECT_EQ(*store_->GetToken(b.id), b);
  EXPECT_EQ(store_->GetToken("ffffffffffffffff").status().code(), StatusCode::kNotFound);

  Result<std::vector<TokenRecord>> list = store_->ListTokens("ada");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(*list, (std::vector<TokenRecord>{b, a}));  // oldest first
  EXPECT_EQ(store_->ListTokens("nobody").status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(store_->RevokeToken(a.id, 5000).ok());
  EXPECT_EQ(store_->GetToken(a.id)->revoked_ms, 5000);
  Status again = store_->RevokeToken(a.id, 6000);
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->GetToken(a.id)->revoked_ms, 5000) << "first revocation time is kept";
  EXPECT_EQ(store_->RevokeToken("ffffffffffffffff", 5000).code(), StatusCode::kNotFound);
  EXPECT_FALSE(store_->GetToken(b.id)->revoked_ms.has_value());
}

TEST_F(SqliteStoreTest, TokenForMissingPrincipalIsNotFound) {
  EXPECT_EQ(store_->CreateToken(Token("00000000000000aa", "nobody")).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetToken("00000000000000aa").status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, DuplicateTokenIdIsAlreadyExists) {
  ASSERT_TRUE(store_->CreatePrincipal(Ada()).ok());
  ASSERT_TRUE(store_->CreatePrincipal(Ci()).ok());
  TokenRecord first = Token("00000000000000aa", "ada");
  ASSERT_TRUE(store_->CreateToken(first).ok());
  EXPECT_EQ(store_->CreateToken(Token("00000000000000aa", "ci")).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(*store_->GetToken("00000000000000aa"), first);
}

TEST_F(SqliteStoreTest, DeletePrincipalCascadesToTokens) {
  ASSERT_TRUE(store_->CreatePrincipal(Ada()).ok());
  ASSERT_TRUE(store_->CreatePrincipal(Ci()).ok());
  ASSERT_TRUE(store_->CreateToken(Token("00000000000000aa", "ada")).ok());
  ASSERT_TRUE(store_->CreateToken(Token("00000000000000bb", "ada")).ok());
  ASSERT_TRUE(store_->CreateToken(Token("00000000000000cc", "ci")).ok());
  ASSERT_TRUE(store_->DeletePrincipal("ada").ok());
  EXPECT_EQ(store_->GetToken("00000000000000aa").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetToken("00000000000000bb").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->GetToken("00000000000000cc").ok());
  // A principal re-created under the same name does not inherit old tokens.
  ASSERT_TRUE(store_->CreatePrincipal(Ada()).ok());
  EXPECT_TRUE(store_->ListTokens("ada")->empty());
}

TEST_F(SqliteStoreTest, CreatePrincipalWithTokenCreatesBoth) {
  TokenRecord t = Token("00000000000000aa", "ada");
  ASSERT_TRUE(store_->CreatePrincipalWithToken(Ada(), t).ok());
  EXPECT_EQ(*store_->GetPrincipal("ada"), Ada());
  EXPECT_EQ(*store_->GetToken(t.id), t);
}

TEST_F(SqliteStoreTest, CreatePrincipalWithTokenIsAtomic) {
  ASSERT_TRUE(store_->CreatePrincipal(Ci()).ok());
  ASSERT_TRUE(store_->CreateToken(Token("00000000000000aa", "ci")).ok());
  // The principal insert succeeds inside the transaction, the token insert
  // then fails on the id clash: neither may remain.
  Status s = store_->CreatePrincipalWithToken(Ada(), Token("00000000000000aa", "ada"));
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->GetPrincipal("ada").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*store_->CountPrincipals(), 1);
  EXPECT_EQ(store_->GetToken("00000000000000aa")->principal, "ci");
  // And the connection is usable afterwards (no transaction left open).
  EXPECT_TRUE(store_->CreatePrincipalWithToken(Ada(), Token("00000000000000bb", "ada")).ok());
}

TEST_F(SqliteStoreTest, CreatePrincipalWithTokenForAnotherPrincipalIsInvalid) {
  EXPECT_EQ(store_->CreatePrincipalWithToken(Ada(), Token("00000000000000aa", "ci")).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(*store_->CountPrincipals(), 0);
}

TEST_F(SqliteStoreTest, Settings) {
  EXPECT_EQ(*store_->GetSetting("platform"), std::nullopt);
  ASSERT_TRUE(store_->PutSetting("platform", "five-stage").ok());
  EXPECT_EQ(*store_->GetSetting("platform"), "five-stage");
  ASSERT_TRUE(store_->PutSetting("platform", "three-stage-infra").ok());
  EXPECT_EQ(*store_->GetSetting("platform"), "three-stage-infra");
  EXPECT_EQ(store_->PutSetting("", "x").code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, ValuesAreBoundNotInterpolated) {
  Principal p = Ada();
  p.name = "x'); DROP TABLE principals; --";
  p.roles = {"'"};
  ASSERT_TRUE(store_->CreatePrincipal(p).ok());
  EXPECT_EQ(*store_->GetPrincipal(p.name), p);
  EXPECT_EQ(*store_->CountPrincipals(), 1);
}

TEST_F(SqliteStoreTest, DataSurvivesReopen) {
  ASSERT_TRUE(store_->CreatePrincipalWithToken(Ada(), Token("00000000000000aa", "ada")).ok());
  store_.reset();
  Result<std::unique_ptr<SqliteStore>> reopened = SqliteStore::Open(path_);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(*(*reopened)->GetPrincipal("ada"), Ada());
  EXPECT_TRUE((*reopened)->GetToken("00000000000000aa").ok());
}

TEST_F(SqliteStoreTest, ConcurrentCallsAreSafe) {
  ASSERT_TRUE(store_->CreatePrincipal(Ada()).ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        // Built with append: GCC 12 gives a false -Wrestrict on "t" + to_string(...).
        std::string id = std::to_string(t);
        id.append("-").append(std::to_string(i));
        if (!store_->CreateToken(Token(id, "ada")).ok()) ++failures;
        if (!store_->GetToken(id).ok()) ++failures;
        if (!store_->GetPrincipal("ada").ok()) ++failures;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store_->ListTokens("ada")->size(), 400u);
}

TEST(SqliteStoreOpenTest, BadPathsAreRefused) {
  EXPECT_EQ(SqliteStore::Open("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SqliteStore::Open("/nonexistent-dir/sub/meta.db").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST(SqliteStoreOpenTest, InMemoryDatabaseWorks) {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->CreatePrincipal(Ada()).ok());
  EXPECT_EQ(*(*store)->CountPrincipals(), 1);
}

}  // namespace
}  // namespace sluice::store
