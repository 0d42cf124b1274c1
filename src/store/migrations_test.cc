#include "store/migrations.h"

#include <gtest/gtest.h>

#include <string>

#include "store/sqlite_db.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_store.h"
#include "common/test_temp_dir.h"

namespace sluice::store {
namespace {

bool TableExists(sqlite3* db, const std::string& name) {
  Result<SqliteStatement> q = SqliteStatement::Prepare(
      db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  EXPECT_TRUE(q.ok());
  EXPECT_TRUE(q->BindText(1, name).ok());
  Result<bool> row = q->Step();
  return row.ok() && *row;
}

TEST(MigrationsTest, NumberedFromOneWithoutGaps) {
  std::span<const Migration> all = SchemaMigrations();
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].version, static_cast<int>(i) + 1);
  EXPECT_EQ(LatestSchemaVersion(), all.back().version);
}

TEST(MigrationsTest, FreshDatabaseGetsLatestVersionAndReapplyIsNoOp) {
  Result<SqliteDb> db = SqliteDb::Open(":memory:");
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*ReadSchemaVersion(db->get()), 0);
  ASSERT_TRUE(ApplyMigrations(db->get()).ok());
  EXPECT_EQ(*ReadSchemaVersion(db->get()), LatestSchemaVersion());
  EXPECT_TRUE(TableExists(db->get(), "principals"));
  EXPECT_TRUE(TableExists(db->get(), "tokens"));
  Status again = ApplyMigrations(db->get());
  EXPECT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(*ReadSchemaVersion(db->get()), LatestSchemaVersion());
}

TEST(MigrationsTest, FailingMigrationLeavesDatabaseUntouched) {
  const Migration broken[] = {
      {1, "CREATE TABLE a (x INTEGER);"},
      {2, "CREATE TABLE b (x INTEGER); THIS IS NOT SQL;"},
  };
  Result<SqliteDb> db = SqliteDb::Open(":memory:");
  ASSERT_TRUE(db.ok());
  Status s = ApplyMigrations(db->get(), broken);
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_NE(s.message().find("schema migration 2"), std::string::npos) << s.message();
  EXPECT_EQ(*ReadSchemaVersion(db->get()), 0);
  EXPECT_FALSE(TableExists(db->get(), "a"));
  EXPECT_FALSE(TableExists(db->get(), "b"));
}

TEST(MigrationsTest, AppliesOnlyPendingOnes) {
  const Migration v1[] = {{1, "CREATE TABLE a (x INTEGER);"}};
  const Migration v2[] = {{1, "CREATE TABLE a (x INTEGER);"}, {2, "CREATE TABLE b (x INTEGER);"}};
  Result<SqliteDb> db = SqliteDb::Open(":memory:");
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(ApplyMigrations(db->get(), v1).ok());
  // Re-running migration 1 would fail (table a exists): only 2 may run.
  Status s = ApplyMigrations(db->get(), v2);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(*ReadSchemaVersion(db->get()), 2);
  EXPECT_TRUE(TableExists(db->get(), "b"));
}

TEST(MigrationsTest, MisnumberedListIsRefused) {
  const Migration gap[] = {{1, "SELECT 1;"}, {3, "SELECT 1;"}};
  Result<SqliteDb> db = SqliteDb::Open(":memory:");
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(ApplyMigrations(db->get(), gap).code(), StatusCode::kInternal);
  EXPECT_EQ(*ReadSchemaVersion(db->get()), 0);
}

TEST(MigrationsTest, StoreReopenIsIdempotentAndKeepsData) {
  TestTempDir dir;
  const std::string path = dir.File("meta.db");
  {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Principal ada;
    ada.name = "ada";
    ASSERT_TRUE((*store)->CreatePrincipal(ada).ok());
  }
  for (int i = 0; i < 2; ++i) {
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(*(*store)->QueryPragma("user_version"), std::to_string(LatestSchemaVersion()));
    EXPECT_EQ(*(*store)->CountPrincipals(), 1);
  }
}

TEST(MigrationsTest, DatabaseFromNewerBinaryRefusesToOpen) {
  TestTempDir dir;
  const std::string path = dir.File("meta.db");
  ASSERT_TRUE(SqliteStore::Open(path).ok());
  {
    Result<SqliteDb> raw = SqliteDb::Open(path);
    ASSERT_TRUE(raw.ok());
    const std::string bump = "PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1);
    ASSERT_TRUE(raw->Exec(bump.c_str()).ok());
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("upgrade sluice"), std::string::npos)
      << store.status().message();
}

}  // namespace
}  // namespace sluice::store
