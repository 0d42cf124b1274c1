#include "store/sqlite_transaction.h"

#include <gtest/gtest.h>

#include "store/sqlite_db.h"
#include "store/sqlite_statement.h"
#include "common/test_temp_dir.h"

namespace sluice::store {
namespace {

class SqliteTransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    Result<SqliteDb> db = SqliteDb::Open(dir_.File("t.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_.Exec("CREATE TABLE t (k TEXT PRIMARY KEY)").ok());
  }

  Status Insert(std::string_view key) {
    SLUICE_ASSIGN_OR_RETURN(SqliteStatement q,
                            SqliteStatement::Prepare(db_.get(), "INSERT INTO t (k) VALUES (?1)"));
    SLUICE_RETURN_IF_ERROR(q.BindText(1, key));
    return q.Run();
  }

  std::int64_t Count() {
    Result<SqliteStatement> q = SqliteStatement::Prepare(db_.get(), "SELECT count(*) FROM t");
    EXPECT_TRUE(q.ok());
    EXPECT_TRUE(q->Step().ok());
    return q->ColumnInt64(0);
  }

  TestTempDir dir_;
  SqliteDb db_ = SqliteDb::Open(":memory:").value();
};

TEST_F(SqliteTransactionTest, UncommittedTransactionRollsBack) {
  {
    Result<SqliteTransaction> txn = SqliteTransaction::Begin(db_.get());
    ASSERT_TRUE(txn.ok()) << txn.status().ToString();
    ASSERT_TRUE(Insert("a").ok());
    EXPECT_EQ(Count(), 1);
  }
  EXPECT_EQ(Count(), 0);
  EXPECT_NE(sqlite3_get_autocommit(db_.get()), 0) << "transaction left open";
}

TEST_F(SqliteTransactionTest, CommittedTransactionPersists) {
  {
    Result<SqliteTransaction> txn = SqliteTransaction::Begin(db_.get());
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(Insert("a").ok());
    ASSERT_TRUE(txn->Commit().ok());
    EXPECT_EQ(txn->Commit().code(), StatusCode::kInternal) << "second commit must fail";
  }
  EXPECT_EQ(Count(), 1);
}

TEST_F(SqliteTransactionTest, MovedTransactionRollsBackOnce) {
  {
    Result<SqliteTransaction> txn = SqliteTransaction::Begin(db_.get());
    ASSERT_TRUE(txn.ok());
    SqliteTransaction moved = std::move(txn).value();
    ASSERT_TRUE(Insert("a").ok());
  }
  EXPECT_EQ(Count(), 0);
}

TEST_F(SqliteTransactionTest, TransactionsDoNotNest) {
  Result<SqliteTransaction> outer = SqliteTransaction::Begin(db_.get());
  ASSERT_TRUE(outer.ok());
  EXPECT_FALSE(SqliteTransaction::Begin(db_.get()).ok());
}

TEST_F(SqliteTransactionTest, WriteLockHeldElsewhereIsUnavailable) {
  ASSERT_TRUE(db_.Exec("PRAGMA journal_mode = WAL").ok());
  Result<SqliteDb> other = SqliteDb::Open(dir_.File("t.db"));
  ASSERT_TRUE(other.ok());
  sqlite3_busy_timeout(other->get(), 0);
  Result<SqliteTransaction> held = SqliteTransaction::Begin(db_.get());
  ASSERT_TRUE(held.ok());
  Result<SqliteTransaction> blocked = SqliteTransaction::Begin(other->get());
  EXPECT_EQ(blocked.status().code(), StatusCode::kUnavailable) << blocked.status().ToString();
  // A reader is not blocked by the writer in WAL mode.
  EXPECT_TRUE(SqliteTransaction::BeginRead(other->get()).ok());
}

TEST_F(SqliteTransactionTest, ConstraintErrorsMapToStatusCodes) {
  ASSERT_TRUE(Insert("a").ok());
  Status dup = Insert("a");
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists);
  EXPECT_NE(dup.message().find("UNIQUE constraint failed"), std::string::npos) << dup.message();

  ASSERT_TRUE(db_.Exec("CREATE TABLE c (v INTEGER CHECK (v > 0))").ok());
  Status check = db_.Exec("INSERT INTO c (v) VALUES (0)");
  EXPECT_EQ(check.code(), StatusCode::kFailedPrecondition) << check.ToString();

  EXPECT_EQ(db_.Exec("NOT SQL").code(), StatusCode::kInternal);
}

TEST(SqliteStatementTest, PrepareRejectsMultipleStatements) {
  Result<SqliteDb> db = SqliteDb::Open(":memory:");
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(SqliteStatement::Prepare(db->get(), "SELECT 1; SELECT 2").status().code(),
            StatusCode::kInternal);
  EXPECT_TRUE(SqliteStatement::Prepare(db->get(), "SELECT 1;  ").ok());
}

}  // namespace
}  // namespace sluice::store
