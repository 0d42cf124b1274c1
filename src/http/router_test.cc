#include "http/router.h"

#include <gtest/gtest.h>

namespace sluice::http {
namespace {

struct Ctx {};

Router<Ctx> MakeRouter() {
  Router<Ctx> r;
  auto h = [](Ctx&, const Request&, const PathParams&) { return Response{}; };
  r.Add({"GET", "/api/v1/principals", Access::kAuthenticated, h});
  r.Add({"POST", "/api/v1/principals", Access::kAuthenticated, h});
  r.Add({"GET", "/api/v1/principals/{name}", Access::kAuthenticated, h});
  r.Add({"POST", "/api/v1/principals/{name}/tokens", Access::kAuthenticated, h});
  return r;
}

TEST(RouterTest, MatchesLiteralAndCaptures) {
  Router<Ctx> r = MakeRouter();
  const Route<Ctx>* route = nullptr;
  PathParams params;
  ASSERT_EQ(r.Match("GET", "/api/v1/principals/alice", route, params), MatchKind::kFound);
  EXPECT_EQ(route->pattern, "/api/v1/principals/{name}");
  EXPECT_EQ(params["name"], "alice");
  params.clear();
  ASSERT_EQ(r.Match("POST", "/api/v1/principals/bob%2Dx/tokens", route, params),
            MatchKind::kFound);
  EXPECT_EQ(params["name"], "bob-x");
}

TEST(RouterTest, DistinguishesNotFoundAndMethodNotAllowed) {
  Router<Ctx> r = MakeRouter();
  const Route<Ctx>* route = nullptr;
  PathParams params;
  EXPECT_EQ(r.Match("GET", "/api/v1/nothing", route, params), MatchKind::kNotFound);
  EXPECT_EQ(r.Match("DELETE", "/api/v1/principals", route, params),
            MatchKind::kMethodNotAllowed);
  EXPECT_EQ(r.Match("GET", "/api/v1/principals/", route, params), MatchKind::kNotFound);
  EXPECT_EQ(r.Match("GET", "/api/v1/principals/a/b", route, params), MatchKind::kNotFound);
  EXPECT_EQ(r.Match("GET", "/api/v1/principals/%zz", route, params), MatchKind::kBadPath);
}

}  // namespace
}  // namespace sluice::http
