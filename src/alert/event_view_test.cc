#include "alert/event_view.h"

#include <gtest/gtest.h>

#include "alert/field_path.h"
#include "alert/test_util.h"
#include "auditlog/canonical.h"

namespace sluice::alert {
namespace {

using testing::kT0;
using testing::MakeEvent;

// The view has exactly the members of the stored canonical event, minus the log's own prev and
// seq, plus time_ms.
void ExpectSameAsCanonical(const audit::Event& e) {
  Result<std::string> canonical = auditlog::CanonicalEvent(e, 0, "");
  ASSERT_TRUE(canonical.ok()) << canonical.status().ToString();
  nlohmann::json stored = nlohmann::json::parse(*canonical);
  stored.erase("prev");
  stored.erase("seq");
  stored["time_ms"] = e.time_ms;
  EXPECT_EQ(EventView(e), stored);
}

TEST(EventViewTest, MatchesTheCanonicalEventWithoutSession) {
  audit::Event e = MakeEvent("principal.create", "alice", true, kT0);
  e.details = {{"name", "bob"}, {"roles", {"reader"}}, {"bytes", 42}};
  e.determining_policies = {"admin-all"};
  e.policy_errors = {"p7: type error"};
  e.environment = "discovery";
  ExpectSameAsCanonical(e);
  nlohmann::json v = EventView(e);
  EXPECT_TRUE(v["session"].is_null());
  EXPECT_EQ(v["decision"], "allow");
  EXPECT_EQ(v["time"], "2025-11-26T07:06:44.123Z");
}

TEST(EventViewTest, MatchesTheCanonicalEventWithSession) {
  audit::Event e = MakeEvent("asset.read", "bob", false, kT0);
  e.session = audit::SessionRef{"s-1", "incident 42", "production", true};
  ExpectSameAsCanonical(e);
  nlohmann::json v = EventView(e);
  EXPECT_EQ(v["decision"], "deny");
  EXPECT_EQ(v["session"]["break_glass"], true);
}

TEST(FieldPathTest, FindsNestedMembersAndNothingElse) {
  audit::Event e = MakeEvent("asset.read", "bob", true, kT0);
  e.details = {{"cross_environment", {{"from", "discovery"}, {"to", "production"}}},
               {"list", {1, 2}}};
  const nlohmann::json v = EventView(e);
  ASSERT_NE(FindField(v, "principal.name"), nullptr);
  EXPECT_EQ(*FindField(v, "principal.name"), "bob");
  EXPECT_EQ(*FindField(v, "details.cross_environment.to"), "production");
  EXPECT_EQ(*FindField(v, "time_ms"), kT0);
  EXPECT_EQ(FindField(v, "details.missing"), nullptr);
  EXPECT_EQ(FindField(v, "details.list.0"), nullptr);       // arrays are not walked
  EXPECT_EQ(FindField(v, "session.break_glass"), nullptr);  // through a null session
  ASSERT_NE(FindField(v, "session"), nullptr);
  EXPECT_TRUE(FindField(v, "session")->is_null());
}

TEST(FieldPathTest, ChecksPathsAgainstTheEvent) {
  for (const char* good : {"action", "principal.name", "resource.type", "session.break_glass",
                           "details.bytes", "details.cross_environment.to", "time_ms"}) {
    EXPECT_EQ(CheckFieldPath(good), "") << good;
  }
  for (const char* bad : {"", "decison", "principal.nmae", "principal.name.first", "details.",
                          ".action", "details..bytes", "action.sub", "seq", "prev"}) {
    EXPECT_NE(CheckFieldPath(bad), "") << bad;
  }
}

}  // namespace
}  // namespace sluice::alert
