#include "auditlog/event_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "auditlog/test_util.h"

namespace sluice::auditlog {
namespace {

using ::testing::ElementsAre;
using testing::Filter;
using ::testing::IsEmpty;

EventKeys Keys(std::string principal, std::string action, std::string env, bool allowed) {
  return {std::move(principal), std::move(action), std::move(env), allowed};
}

class EventIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<EventKeys> batch = {
        Keys("alice", "asset.read", "discovery", true),   // 0
        Keys("bob", "asset.read", "production", false),   // 1
        Keys("alice", "asset.write", "discovery", true),  // 2
    };
    index_.Add(0, batch);
    std::vector<EventKeys> batch2 = {
        Keys("alice", "asset.read", "production", false),  // 3
        Keys("carol", "whoami", "", true),                 // 4
    };
    index_.Add(3, batch2);
  }
  EventIndex index_;
};

TEST_F(EventIndexTest, SingleFieldListsMatchesInOrder) {
  EXPECT_THAT(index_.Find(Filter("alice"), 0, 100, 100), ElementsAre(0, 2, 3));
  EXPECT_THAT(index_.Find(Filter("", "", "", false), 0, 100, 100), ElementsAre(1, 3));
}

TEST_F(EventIndexTest, FieldsIntersect) {
  EXPECT_THAT(index_.Find(Filter("alice", "asset.read"), 0, 100, 100), ElementsAre(0, 3));
  EXPECT_THAT(index_.Find(Filter("alice", "", "production", false), 0, 100, 100), ElementsAre(3));
}

TEST_F(EventIndexTest, RangeAndLimitApply) {
  EXPECT_THAT(index_.Find(Filter("alice"), 1, 100, 100), ElementsAre(2, 3));
  EXPECT_THAT(index_.Find(Filter("alice"), 0, 3, 100), ElementsAre(0, 2));
  EXPECT_THAT(index_.Find(Filter("alice"), 0, 100, 2), ElementsAre(0, 2));
}

TEST_F(EventIndexTest, UnknownValueMatchesNothing) {
  EXPECT_THAT(index_.Find(Filter("mallory"), 0, 100, 100), IsEmpty());
  EXPECT_THAT(index_.Find(Filter("alice", "policy.push"), 0, 100, 100), IsEmpty());
}

TEST_F(EventIndexTest, EmptyEnvironmentIsAValueNotAWildcardInTheIndex) {
  // An event without an environment is indexed under "" but a filter's ""
  // means "any": the filter never asks for it, so it matches by other fields.
  EXPECT_THAT(index_.Find(Filter("", "whoami"), 0, 100, 100), ElementsAre(4));
}

}  // namespace
}  // namespace sluice::auditlog
