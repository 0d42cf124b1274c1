#include "audit/ocsf.h"

#include <gtest/gtest.h>

namespace sluice::audit {
namespace {

Event Sample(std::string action) {
  Event e;
  e.time_ms = 1795687954537;
  e.request_id = "r-1";
  e.principal = "ada";
  e.principal_kind = "user";
  e.action = std::move(action);
  e.resource_type = "Asset";
  e.resource_id = "discovery/churn/customers";
  e.environment = "discovery";
  e.allowed = true;
  e.determining_policies = {"policy3"};
  e.client_address = "10.1.2.3:5555";
  e.user_agent = "sluice-cli";
  return e;
}

TEST(OcsfTest, ApiActivityForChanges) {
  nlohmann::json o = ToOcsf(Sample("principal.create"), 7, "0.1.0");
  EXPECT_EQ(o["class_uid"], 6003);
  EXPECT_EQ(o["activity_id"], 1);
  EXPECT_EQ(o["type_uid"], 600301);
  EXPECT_EQ(o["api"]["operation"], "principal.create");
  EXPECT_EQ(o["actor"]["user"]["name"], "ada");
  EXPECT_EQ(o["src_endpoint"]["ip"], "10.1.2.3");
  EXPECT_EQ(o["src_endpoint"]["port"], 5555);
  EXPECT_EQ(o["metadata"]["uid"], "7");
  EXPECT_EQ(o["metadata"]["version"], "1.1.0");
  EXPECT_EQ(o["unmapped"]["determining_policies"][0], "policy3");
  EXPECT_EQ(o["status_id"], 1);
}

TEST(OcsfTest, DatastoreActivityForDataReadsAndWrites) {
  Event e = Sample("asset.read");
  e.details = {{"bytes_read", 1048576}, {"chunk", "ab"}};
  nlohmann::json o = ToOcsf(e, 8, "0.1.0");
  EXPECT_EQ(o["class_uid"], 6005);
  EXPECT_EQ(o["activity_id"], 1);
  EXPECT_EQ(o["databucket"]["name"], "discovery/churn/customers");
  EXPECT_EQ(o["unmapped"]["bytes"], 1048576);
  e.details = {{"bytes_written", 10}};
  EXPECT_EQ(ToOcsf(e, 9, "0.1.0")["activity_id"], 5);
}

TEST(OcsfTest, AuthenticationForTokenUseAndDenialsAreFailures) {
  Event e = Sample("authenticate");
  e.principal.clear();
  e.allowed = false;
  e.outcome = "unauthenticated";
  nlohmann::json o = ToOcsf(e, 1, "0.1.0");
  EXPECT_EQ(o["class_uid"], 3002);
  EXPECT_EQ(o["category_uid"], 3);
  EXPECT_EQ(o["status_id"], 2);
  EXPECT_EQ(o["severity_id"], 3);
  EXPECT_EQ(o["type_uid"], 300201);
}

}  // namespace
}  // namespace sluice::audit
