#include "alert/sqlite_alert_store.h"

#include <gtest/gtest.h>

#include <functional>

#include "alert/mock_alert_store.h"
#include "common/test_temp_dir.h"

namespace sluice::alert {
namespace {

Alert MakeAlert(std::string id, std::int64_t fired_ms) {
  Alert a;
  a.id = std::move(id);
  a.rule_id = "denial-burst";
  a.severity = "warning";
  a.description = "One principal was denied 20 times within a minute";
  a.group = {{"principal.name", "mallory"}, {"environment", nullptr}};
  a.value = 1073741824.5;
  a.threshold = 0.1;
  a.first_ms = fired_ms - 1000;
  a.fired_ms = fired_ms;
  a.request_ids = {"req-1", "req-2"};
  return a;
}

// The same contract for both implementations.
class AlertStoreTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      ASSERT_FALSE(dir_.path().empty());
      auto opened = SqliteAlertStore::Open(dir_.File("alerts.db"));
      ASSERT_TRUE(opened.ok()) << opened.status().ToString();
      store_ = std::move(*opened);
    } else {
      store_ = std::make_unique<MockAlertStore>();
    }
  }

  TestTempDir dir_;
  std::unique_ptr<AlertStore> store_;
};

TEST_P(AlertStoreTest, RoundTrip) {
  const Alert a = MakeAlert("a1", 5000);
  ASSERT_TRUE(store_->Insert(a).ok());
  Result<Alert> got = store_->Get("a1");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, a);
  EXPECT_EQ(store_->Get("nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Insert(a).code(), StatusCode::kAlreadyExists);
  Alert bad = a;
  bad.id = "a2";
  bad.state = "closed";
  EXPECT_EQ(store_->Insert(bad).code(), StatusCode::kInvalidArgument);
}

TEST_P(AlertStoreTest, AcknowledgeOnce) {
  ASSERT_TRUE(store_->Insert(MakeAlert("a1", 5000)).ok());
  EXPECT_EQ(store_->Acknowledge("a1", "", "x", 1).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(store_->Acknowledge("a1", "alice", "known scanner", 6000).ok());
  Status again = store_->Acknowledge("a1", "bob", "me too", 7000);
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(again.message().find("alice"), std::string::npos);
  EXPECT_EQ(store_->Acknowledge("nope", "bob", "", 7000).code(), StatusCode::kNotFound);
  Result<Alert> got = store_->Get("a1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->state, "acknowledged");
  EXPECT_EQ(got->acked_by, "alice");
  EXPECT_EQ(got->acked_ms, 6000);
  EXPECT_EQ(got->ack_comment, "known scanner");
}

TEST_P(AlertStoreTest, ListsNewestFirstByState) {
  ASSERT_TRUE(store_->Insert(MakeAlert("old", 1000)).ok());
  ASSERT_TRUE(store_->Insert(MakeAlert("new", 3000)).ok());
  ASSERT_TRUE(store_->Insert(MakeAlert("mid", 2000)).ok());
  ASSERT_TRUE(store_->Insert(MakeAlert("mid2", 2000)).ok());
  ASSERT_TRUE(store_->Acknowledge("mid", "alice", "", 4000).ok());
  auto ids = [&](std::string_view state, int limit) {
    std::vector<std::string> out;
    Result<std::vector<Alert>> list = store_->List(state, limit);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    if (list.ok()) {
      for (const Alert& a : *list) out.push_back(a.id);
    }
    return out;
  };
  EXPECT_EQ(ids("", 10), (std::vector<std::string>{"new", "mid2", "mid", "old"}));
  EXPECT_EQ(ids("", 2), (std::vector<std::string>{"new", "mid2"}));
  EXPECT_EQ(ids("open", 10), (std::vector<std::string>{"new", "mid2", "old"}));
  EXPECT_EQ(ids("acknowledged", 10), (std::vector<std::string>{"mid"}));
  EXPECT_EQ(store_->List("closed", 10).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->List("", 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->List("", kMaxAlertListLimit + 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*store_->Count("open"), 3);
  EXPECT_EQ(*store_->Count("acknowledged"), 1);
  EXPECT_EQ(*store_->Count(""), 4);
}

TEST_P(AlertStoreTest, RecordsDelivery) {
  ASSERT_TRUE(store_->Insert(MakeAlert("a1", 5000)).ok());
  ASSERT_TRUE(store_->RecordDelivery("a1", 2, std::nullopt, "HTTP 500").ok());
  EXPECT_EQ(store_->Get("a1")->delivery, (AlertDelivery{2, std::nullopt, "HTTP 500"}));
  ASSERT_TRUE(store_->RecordDelivery("a1", 3, 9000, "").ok());
  EXPECT_EQ(store_->Get("a1")->delivery, (AlertDelivery{3, 9000, ""}));
  EXPECT_EQ(store_->RecordDelivery("nope", 1, std::nullopt, "").code(), StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Stores, AlertStoreTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& p) {
                           return p.param ? "Sqlite" : "Mock";
                         });

TEST(SqliteAlertStoreTest, PersistsAcrossReopen) {
  TestTempDir dir;
  ASSERT_FALSE(dir.path().empty());
  {
    auto store = SqliteAlertStore::Open(dir.File("alerts.db"));
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    ASSERT_TRUE((*store)->Insert(MakeAlert("a1", 5000)).ok());
    ASSERT_TRUE((*store)->Acknowledge("a1", "alice", "ok", 6000).ok());
  }
  auto store = SqliteAlertStore::Open(dir.File("alerts.db"));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<Alert> got = (*store)->Get("a1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->acked_by, "alice");
  EXPECT_EQ(got->value, 1073741824.5);
}

TEST(SqliteAlertStoreTest, RefusesANewerSchemaAndAnEmptyPath) {
  EXPECT_EQ(SqliteAlertStore::Open("").status().code(), StatusCode::kInvalidArgument);
  TestTempDir dir;
  ASSERT_FALSE(dir.path().empty());
  {
    auto db = store::SqliteDb::Open(dir.File("alerts.db"));
    ASSERT_TRUE(db.ok());
    const std::string pragma =
        "PRAGMA user_version = " + std::to_string(SqliteAlertStore::SchemaVersion() + 1);
    ASSERT_TRUE(db->Exec(pragma.c_str()).ok());
  }
  EXPECT_EQ(SqliteAlertStore::Open(dir.File("alerts.db")).status().code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace sluice::alert
