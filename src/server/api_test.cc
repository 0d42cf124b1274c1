#include "server/api.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "server/test_instance.h"

namespace sluice::server {
namespace {

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() : log_(nullptr), api_(test_.instance().service(), log_) {}

  http::Response Call(const std::string& method, const std::string& path,
                      const std::string& token = "", const std::string& body = "") {
    http::Request req;
    req.method = method;
    req.path = path;
    req.body = body;
    req.remote_address = "127.0.0.1:1";
    if (!token.empty()) req.headers.Set("Authorization", "Bearer " + token);
    return api_.Handle(req);
  }

  static std::string ProblemType(const http::Response& r) {
    return nlohmann::json::parse(r.body).value("type", "");
  }

  TestInstance test_;
  AccessLog log_;
  Api api_;
};

// No route can be added without authentication: every route but /health
// refuses an anonymous request with 401 before its handler runs.
TEST_F(ApiTest, EveryRouteButHealthRefusesAnonymousCallers) {
  int checked = 0;
  for (const auto& route : api_.router().routes()) {
    std::string path = route.pattern;
    for (std::size_t open; (open = path.find('{')) != std::string::npos;) {
      path.replace(open, path.find('}', open) - open + 1, "x");
    }
    http::Response r = Call(route.method, path, "", "{}");
    if (route.pattern == "/api/v1/health") {
      EXPECT_EQ(route.access, http::Access::kPublic);
      EXPECT_EQ(r.status, 200);
      continue;
    }
    EXPECT_EQ(route.access, http::Access::kAuthenticated) << route.pattern;
    EXPECT_EQ(r.status, 401) << route.method << " " << route.pattern;
    EXPECT_EQ(r.content_type, "application/problem+json");
    EXPECT_EQ(r.headers.Get("www-authenticate"), "Bearer realm=\"sluice\"");
    ++checked;
  }
  EXPECT_GE(checked, 8);
}

TEST_F(ApiTest, BadTokensAre401AndDenialsAre403) {
  EXPECT_EQ(Call("GET", "/api/v1/whoami", "sluice_nonsense").status, 401);
  http::Response r = Call("POST", "/api/v1/principals", test_.admin_token(),
                          R"({"name":"bob","kind":"user","roles":["data-engineer"]})");
  ASSERT_EQ(r.status, 201) << r.body;
  r = Call("POST", "/api/v1/principals/bob/tokens", test_.admin_token(), "");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string bob = nlohmann::json::parse(r.body)["token"];
  EXPECT_EQ(Call("GET", "/api/v1/whoami", bob).status, 200);
  r = Call("GET", "/api/v1/principals", bob);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(ProblemType(r), "urn:sluice:problem:permission-denied");
}

TEST_F(ApiTest, MalformedJsonSaysWhere) {
  http::Response r =
      Call("POST", "/api/v1/principals", test_.admin_token(), "{\n  \"name\": \"x\",\n  oops}");
  EXPECT_EQ(r.status, 400);
  std::string detail = nlohmann::json::parse(r.body)["detail"];
  EXPECT_NE(detail.find("line 3, column 3"), std::string::npos) << detail;
}

TEST_F(ApiTest, UnknownFieldsAndWrongShapesAreRejectedAndChangeNothing) {
  http::Response r = Call("POST", "/api/v1/principals", test_.admin_token(),
                          R"({"name":"carol","kind":"user","rolez":["x"]})");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("rolez"), std::string::npos);
  EXPECT_EQ(Call("POST", "/api/v1/principals", test_.admin_token(), "[1]").status, 400);
  EXPECT_EQ(
      Call("POST", "/api/v1/principals", test_.admin_token(), R"({"name":"carol","kind":"robot"})")
          .status,
      400);
  EXPECT_EQ(Call("POST", "/api/v1/principals", test_.admin_token(),
                 R"({"name":"carol","kind":"user","attributes":{"x":1}})")
                .status,
            400);
  EXPECT_EQ(Call("GET", "/api/v1/principals/carol", test_.admin_token()).status, 404);
}

TEST_F(ApiTest, DuplicatePrincipalIs409) {
  std::string body = R"({"name":"dave","kind":"service"})";
  EXPECT_EQ(Call("POST", "/api/v1/principals", test_.admin_token(), body).status, 201);
  http::Response r = Call("POST", "/api/v1/principals", test_.admin_token(), body);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ProblemType(r), "urn:sluice:problem:already-exists");
}

TEST_F(ApiTest, FirstAdminCreationIsRecorded) {
  std::ifstream in(test_.data_dir() + "/audit/events.log");
  std::string first;
  ASSERT_TRUE(std::getline(in, first));
  auto event = nlohmann::json::parse(first);
  EXPECT_EQ(event["action"], "principal.create");
  EXPECT_EQ(event["principal"]["name"], "system");
  EXPECT_EQ(event["resource"]["id"], "admin");
  EXPECT_EQ(event["determining_policies"][0], "bootstrap-first-admin");
  EXPECT_EQ(first.find(test_.admin_token()), std::string::npos);
}

TEST_F(ApiTest, RoutingErrors) {
  http::Response r = Call("GET", "/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ProblemType(r), "urn:sluice:problem:no-such-route");
  EXPECT_EQ(Call("PUT", "/api/v1/whoami").status, 405);
  EXPECT_EQ(Call("GET", "/api/v1/principals/%zz").status, 400);
}

TEST_F(ApiTest, RevokedTokenStopsWorking) {
  ASSERT_EQ(
      Call("POST", "/api/v1/principals", test_.admin_token(), R"({"name":"erin","kind":"user"})")
          .status,
      201);
  auto issued = nlohmann::json::parse(
      Call("POST", "/api/v1/principals/erin/tokens", test_.admin_token(), R"({"expires_in":"1d"})")
          .body);
  EXPECT_FALSE(issued["expires"].is_null());
  std::string token = issued["token"];
  EXPECT_EQ(Call("GET", "/api/v1/whoami", token).status, 200);
  EXPECT_EQ(Call("DELETE", "/api/v1/tokens/" + issued["id"].get<std::string>(), test_.admin_token())
                .status,
            204);
  EXPECT_EQ(Call("GET", "/api/v1/whoami", token).status, 401);
  EXPECT_EQ(Call("DELETE", "/api/v1/tokens/" + issued["id"].get<std::string>(), test_.admin_token())
                .status,
            409);
  EXPECT_EQ(Call("POST", "/api/v1/principals/erin/tokens", test_.admin_token(),
                 R"({"expires_in":"soon"})")
                .status,
            400);
}

}  // namespace
}  // namespace sluice::server
