// End to end: `sluice demo` plays the seed's story (issue 7) against a
// server of its own, and against a running server given with --use-server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e/e2e_fixture.h"

namespace sluice::e2e {
namespace {

using ::testing::HasSubstr;

class DemoE2E : public SharedServerTest {};

TEST_F(DemoE2E, PlaysTheStoryAgainstARunningServer) {
  RunResult r = Cli({"demo", "--use-server"}, admin());
  ASSERT_EQ(r.code(), 0) << r.Describe();
  EXPECT_THAT(r.out, HasSubstr("The story played end to end."));
  EXPECT_THAT(r.out, HasSubstr("sam may not promotion.approve"));
  EXPECT_THAT(r.out, HasSubstr("erin may not promotion.run"));
  EXPECT_THAT(r.out, HasSubstr("ci may not asset.alias"));
  EXPECT_THAT(r.out, HasSubstr("carl may not asset.read"));
  EXPECT_THAT(r.out, HasSubstr("masked email (tokenize)"));
  EXPECT_THAT(r.out, HasSubstr("masked card_number (partial)"));
  EXPECT_THAT(r.out, HasSubstr("rolled to discovery, integration, production"));
  EXPECT_THAT(r.out, HasSubstr(" 0 problems"));
  // The server holds what the story did.
  RunResult ls = Cli({"promote", "ls", "--json"}, admin());
  ASSERT_EQ(ls.code(), 0) << ls.Describe();
  int into_production = 0;
  const nlohmann::json list = StdoutJson(ls);
  for (const auto& p : list["promotions"]) {
    into_production += p["to"] == "production" && p["state"] == "promoted";
  }
  EXPECT_EQ(into_production, 1);
  // Played twice on one server it stops at the first step (the cast exists).
  RunResult again = Cli({"demo", "--use-server"}, admin());
  EXPECT_EQ(again.code(), 1) << again.Describe();
  EXPECT_THAT(again.err, HasSubstr("already exists"));
}

TEST_F(DemoE2E, StartsAServerOfItsOwnAndRemovesIt) {
  RunResult r = Cli({"demo"}, "");
  ASSERT_EQ(r.code(), 0) << r.Describe();
  EXPECT_THAT(r.out, HasSubstr("starting a server in a temporary directory"));
  EXPECT_THAT(r.out, HasSubstr("The story played end to end."));
}

}  // namespace
}  // namespace sluice::e2e
