// End to end over raw HTTP against a real `sluice serve`: problem documents
// (RFC 9457) for bad bodies, unknown routes and methods, the body size
// limit, and authentication (401) versus authorization (403).
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e/e2e_fixture.h"

namespace sluice::e2e {
namespace {

using ::testing::HasSubstr;

constexpr const char* kProblemType = "application/problem+json";

class ApiE2E : public SharedServerTest {
 protected:
  // Sends and expects a transport success; the response or a failure.
  static http::Response Send(const std::string& method, const std::string& path,
                             const std::string& token, const std::string& body = "",
                             const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    Result<http::Response> r = server().Send(method, path, token, body, headers);
    if (!r.ok()) {
      ADD_FAILURE() << method << " " << path << ": " << r.status().ToString();
      http::Response none;
      none.status = 0;
      return none;
    }
    return *r;
  }

  static nlohmann::json Body(const http::Response& r) {
    nlohmann::json doc = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) ADD_FAILURE() << "body is not JSON: " << r.body;
    return doc;
  }

  // Checks the common shape of a problem document and returns it.
  static nlohmann::json ExpectProblem(const http::Response& r, int status,
                                      const std::string& type) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.content_type, kProblemType) << r.body;
    nlohmann::json doc = Body(r);
    if (!doc.is_object()) {
      ADD_FAILURE() << "problem is not an object: " << r.body;
      return nlohmann::json::object();
    }
    EXPECT_EQ(doc["type"], "urn:sluice:problem:" + type) << r.body;
    EXPECT_EQ(doc["status"], status) << r.body;
    EXPECT_TRUE(doc["title"].is_string()) << r.body;
    EXPECT_TRUE(doc["detail"].is_string()) << r.body;
    if (!doc["detail"].is_string()) doc["detail"] = "";
    return doc;
  }

  static bool PrincipalExists(const std::string& name) {
    return Send("GET", "/api/v1/principals/" + name, admin()).status == 200;
  }

  // Writes `raw` on a fresh connection and reads until the server closes it
  // (or 5 s pass). The bytes received.
  static std::string RawExchange(const std::string& raw) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return "";
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(server().port());
    std::string received;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
      std::size_t sent = 0;
      while (sent < raw.size()) {
        ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
      }
      char buf[4096];
      ssize_t n;
      while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
        received.append(buf, static_cast<std::size_t>(n));
      }
    }
    ::close(fd);
    return received;
  }
};

TEST_F(ApiE2E, HealthNeedsNoToken) {
  http::Response r = Send("GET", "/api/v1/health", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  nlohmann::json doc = Body(r);
  EXPECT_EQ(doc["status"], "ok");
  EXPECT_TRUE(doc["version"].is_string());
  EXPECT_FALSE(r.headers.Get("x-request-id").empty());
}

TEST_F(ApiE2E, MalformedJsonIs400WithLineAndColumn) {
  // The offending '}' is on line 2, column 11.
  http::Response r =
      Send("POST", "/api/v1/principals", admin(), "{\"name\": \"malformed-json\",\n  \"kind\": }");
  nlohmann::json doc = ExpectProblem(r, 400, "invalid-argument");
  EXPECT_THAT(doc["detail"].get<std::string>(), HasSubstr("line 2, column 11")) << r.body;
  EXPECT_FALSE(PrincipalExists("malformed-json"));

  http::Response empty = Send("POST", "/api/v1/principals", admin(), "");
  ExpectProblem(empty, 400, "invalid-argument");
}

TEST_F(ApiE2E, NonObjectBodyIs400) {
  for (const char* body :
       {"[]", "[{\"name\": \"array-body\", \"kind\": \"user\"}]", "\"x\"", "42", "null"}) {
    SCOPED_TRACE(body);
    http::Response r = Send("POST", "/api/v1/principals", admin(), body);
    nlohmann::json doc = ExpectProblem(r, 400, "invalid-argument");
    EXPECT_THAT(doc["detail"].get<std::string>(), HasSubstr("must be a JSON object")) << r.body;
  }
  EXPECT_FALSE(PrincipalExists("array-body"));
}

TEST_F(ApiE2E, UnknownFieldIs400NamingTheField) {
  http::Response r = Send("POST", "/api/v1/principals", admin(),
                          R"({"name": "unknown-field", "kind": "user", "colour": "red"})");
  nlohmann::json doc = ExpectProblem(r, 400, "invalid-argument");
  EXPECT_THAT(doc["detail"].get<std::string>(), HasSubstr("unknown field \"colour\"")) << r.body;
  EXPECT_FALSE(PrincipalExists("unknown-field"));

  CreatePrincipal("token-body-user", "user");
  http::Response token = Send("POST", "/api/v1/principals/token-body-user/tokens", admin(),
                              R"({"expires_in": "1d", "scope": "all"})");
  doc = ExpectProblem(token, 400, "invalid-argument");
  EXPECT_THAT(doc["detail"].get<std::string>(), HasSubstr("unknown field \"scope\"")) << r.body;
}

TEST_F(ApiE2E, WrongFieldTypesAre400) {
  struct Case {
    const char* body;
    const char* mention;
  };
  for (const Case& c : {
           Case{R"({"kind": "user"})", "\"name\""},
           Case{R"({"name": "typed-user", "kind": "robot"})", "robot"},
           Case{R"({"name": "typed-user", "kind": "user", "roles": "admin"})", "\"roles\""},
           Case{R"({"name": "typed-user", "kind": "user", "attributes": {"n": 3}})", "\"n\""},
           Case{R"({"name": "typed-user", "kind": "user", "attributes": {"s": [1]}})", "\"s\""},
       }) {
    SCOPED_TRACE(c.body);
    http::Response r = Send("POST", "/api/v1/principals", admin(), c.body);
    nlohmann::json doc = ExpectProblem(r, 400, "invalid-argument");
    EXPECT_THAT(doc["detail"].get<std::string>(), HasSubstr(c.mention)) << r.body;
  }
  EXPECT_FALSE(PrincipalExists("typed-user"));
}

TEST_F(ApiE2E, OversizeBodyIs413) {
  // Announce 1 MiB + 1 and send only the headers: the server must refuse on
  // the announced length, without waiting for the body.
  std::string response = RawExchange(
      "POST /api/v1/principals HTTP/1.1\r\n"
      "Host: 127.0.0.1\r\n"
      "Authorization: Bearer " +
      admin() +
      "\r\n"
      "Content-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string((1 << 20) + 1) + "\r\n\r\n");
  ASSERT_FALSE(response.empty()) << "no response to an oversize request";
  EXPECT_EQ(response.rfind("HTTP/1.1 413", 0), 0u) << response;
  EXPECT_THAT(response, HasSubstr("application/problem+json"));
  EXPECT_THAT(response, HasSubstr("urn:sluice:problem:body-too-large"));
}

TEST_F(ApiE2E, ChunkUploadsAboveFourMebibytesAre413) {
  std::string response =
      RawExchange("PUT /api/v1/assets/discovery/p/a/chunks/" + std::string(64, 'a') +
                  " HTTP/1.1\r\n"
                  "Host: 127.0.0.1\r\n"
                  "Authorization: Bearer " +
                  admin() +
                  "\r\n"
                  "Content-Length: " +
                  std::to_string((4 << 20) + 1) + "\r\n\r\n");
  EXPECT_EQ(response.rfind("HTTP/1.1 413", 0), 0u) << response;
  EXPECT_THAT(response, HasSubstr("4194304"));
}

TEST_F(ApiE2E, BodyOfExactlyTheLimitIsAccepted) {
  std::string body = R"({"name": "big-body", "kind": "user"})";
  body.append((1 << 20) - body.size(), ' ');
  ASSERT_EQ(body.size(), 1u << 20);
  http::Response r = Send("POST", "/api/v1/principals", admin(), body);
  EXPECT_EQ(r.status, 201) << r.body.substr(0, 500);
  EXPECT_TRUE(PrincipalExists("big-body"));
}

TEST_F(ApiE2E, UnknownRouteIs404NoSuchRoute) {
  for (const char* path : {"/api/v1/nope", "/api/v2/health", "/", "/api/v1/principals/a/b/c"}) {
    SCOPED_TRACE(path);
    http::Response r = Send("GET", path, admin());
    nlohmann::json doc = ExpectProblem(r, 404, "no-such-route");
    EXPECT_FALSE(doc.value("request_id", std::string()).empty()) << r.body;
  }
  // Also without a token: the route is unknown before authentication matters.
  ExpectProblem(Send("GET", "/api/v1/nope", ""), 404, "no-such-route");
}

TEST_F(ApiE2E, WrongMethodIs405) {
  ExpectProblem(Send("PUT", "/api/v1/whoami", admin()), 405, "method-not-allowed");
  ExpectProblem(Send("DELETE", "/api/v1/principals", admin()), 405, "method-not-allowed");
  ExpectProblem(Send("POST", "/api/v1/health", ""), 405, "method-not-allowed");
  ExpectProblem(Send("GET", "/api/v1/tokens/abc", admin()), 405, "method-not-allowed");
}

TEST_F(ApiE2E, ProtectedRoutesWithoutTokenAre401) {
  CreatePrincipal("unauth-target", "user");
  struct Call {
    const char* method;
    const char* path;
    const char* body;
  };
  for (const Call& c : {
           Call{"GET", "/api/v1/whoami", ""},
           Call{"GET", "/api/v1/environments", ""},
           Call{"POST", "/api/v1/principals", R"({"name": "unauth-new", "kind": "user"})"},
           Call{"GET", "/api/v1/principals", ""},
           Call{"GET", "/api/v1/principals/unauth-target", ""},
           Call{"DELETE", "/api/v1/principals/unauth-target", ""},
           Call{"POST", "/api/v1/principals/unauth-target/tokens", "{}"},
           Call{"DELETE", "/api/v1/tokens/0000000000000000", ""},
       }) {
    SCOPED_TRACE(std::string(c.method) + " " + c.path);
    http::Response r = Send(c.method, c.path, "", c.body);
    ExpectProblem(r, 401, "unauthenticated");
    EXPECT_EQ(r.headers.Get("www-authenticate"), "Bearer realm=\"sluice\"");
  }
  // Nothing happened.
  EXPECT_TRUE(PrincipalExists("unauth-target"));
  EXPECT_FALSE(PrincipalExists("unauth-new"));

  // A header that is not "Bearer TOKEN" is the same 401.
  for (const std::string& header :
       {std::string("Basic YWRtaW46YWRtaW4="), std::string("Bearer "), admin()}) {
    SCOPED_TRACE(header);
    http::Response r = Send("GET", "/api/v1/whoami", "", "", {{"Authorization", header}});
    ExpectProblem(r, 401, "unauthenticated");
    EXPECT_EQ(r.headers.Get("www-authenticate"), "Bearer realm=\"sluice\"");
  }
}

TEST_F(ApiE2E, BadTokenIs401AndDeniedIs403) {
  std::string token = UserWithToken("erin-denied", {"data-scientist"});
  ASSERT_FALSE(token.empty());

  http::Response bad = Send("GET", "/api/v1/principals", token + "x");
  ExpectProblem(bad, 401, "unauthenticated");
  EXPECT_EQ(bad.headers.Get("www-authenticate"), "Bearer realm=\"sluice\"");

  http::Response denied = Send("GET", "/api/v1/principals", token);
  nlohmann::json doc = ExpectProblem(denied, 403, "permission-denied");
  EXPECT_FALSE(denied.headers.Has("www-authenticate")) << "403 must not ask to authenticate";
  EXPECT_THAT(doc["detail"].get<std::string>(), HasSubstr("erin-denied"));

  http::Response create = Send("POST", "/api/v1/principals", token,
                               R"({"name": "erin-made", "kind": "user", "roles": ["admin"]})");
  ExpectProblem(create, 403, "permission-denied");
  EXPECT_FALSE(PrincipalExists("erin-made"));

  // Self-service routes are allowed.
  EXPECT_EQ(Send("GET", "/api/v1/whoami", token).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/environments", token).status, 200);
}

TEST_F(ApiE2E, BadTokenIsRecordedAsAnAuthenticateDeny) {
  Send("GET", "/api/v1/whoami", "sluice_0000000000000000_" + std::string(64, '0'), "",
       {{"X-Request-Id", "e2e-bad-token-event"}});
  int found = 0;
  for (auto& e : server().Events()) {
    if (!e.is_object() || e["request_id"] != "e2e-bad-token-event") continue;
    ++found;
    EXPECT_EQ(e["action"], "authenticate") << e.dump();
    EXPECT_EQ(e["decision"], "deny") << e.dump();
    EXPECT_EQ(e["outcome"], "unauthenticated") << e.dump();
    EXPECT_EQ(e["principal"]["name"], "") << e.dump();
  }
  EXPECT_EQ(found, 1);
}

TEST_F(ApiE2E, CreatedPrincipalIs201WithItsRepresentation) {
  http::Response r =
      Send("POST", "/api/v1/principals", admin(),
           R"({"name": "api-made", "kind": "service", "roles": ["ml-engineer", "approver",
          "approver"], "attributes": {"clearances": ["PII", "PCI", "PII"]}})");
  EXPECT_EQ(r.status, 201) << r.body;
  nlohmann::json doc = Body(r);
  EXPECT_EQ(doc["name"], "api-made");
  EXPECT_EQ(doc["kind"], "service");
  EXPECT_EQ(doc["roles"], nlohmann::json::array({"approver", "ml-engineer"}));
  EXPECT_EQ(doc["attributes"],
            nlohmann::json({{"clearances", nlohmann::json::array({"PCI", "PII"})}}));
  EXPECT_TRUE(doc["created"].is_string());

  http::Response dup =
      Send("POST", "/api/v1/principals", admin(), R"({"name": "api-made", "kind": "user"})");
  ExpectProblem(dup, 409, "already-exists");

  http::Response del = Send("DELETE", "/api/v1/principals/api-made", admin());
  EXPECT_EQ(del.status, 204);
  EXPECT_EQ(del.body, "");
  ExpectProblem(Send("DELETE", "/api/v1/principals/api-made", admin()), 404, "not-found");
}

}  // namespace
}  // namespace sluice::e2e
