#include "client/api_client.h"

#include <gtest/gtest.h>

namespace sluice::client {
namespace {

http::Response ProblemResponse(int status, const std::string& type, const std::string& detail) {
  http::Response r;
  r.status = status;
  r.body = nlohmann::json{{"type", type}, {"detail", detail}}.dump();
  return r;
}

TEST(ApiClientTest, MapsProblemsBackToCodes) {
  EXPECT_EQ(StatusFromResponse(ProblemResponse(401, "urn:sluice:problem:unauthenticated", "x"))
                .code(),
            StatusCode::kUnauthenticated);
  Status denied = StatusFromResponse(ProblemResponse(403, "t", "alice may not list"));
  EXPECT_EQ(denied.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(denied.message(), "alice may not list");
  EXPECT_EQ(StatusFromResponse(ProblemResponse(409, "urn:sluice:problem:already-exists", "d"))
                .code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(StatusFromResponse(ProblemResponse(409, "urn:sluice:problem:failed-precondition",
                                               "d"))
                .code(),
            StatusCode::kFailedPrecondition);
  http::Response garbage;
  garbage.status = 502;
  garbage.body = "<html>";
  Status s = StatusFromResponse(garbage);
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_NE(s.message().find("HTTP 502"), std::string::npos);
}

TEST(ApiClientTest, EscapesPathSegments) {
  EXPECT_EQ(EscapeSegment("alice"), "alice");
  EXPECT_EQ(EscapeSegment("a/b c"), "a%2Fb%20c");
}

TEST(ApiClientTest, UnreachableServerIsUnavailable) {
  auto client = ApiClient::Make("http://127.0.0.1:1", "t");
  ASSERT_TRUE(client.ok());
  EXPECT_EQ((*client)->Call("GET", "/whoami").status().code(), StatusCode::kUnavailable);
  EXPECT_FALSE(ApiClient::Make("ftp://x", "t").ok());
}

}  // namespace
}  // namespace sluice::client
