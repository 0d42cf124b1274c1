#include "gates/webhook_gate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>

#include "http/server.h"

namespace sluice::gates {
namespace {

using ::testing::HasSubstr;

// Answers from a script, one entry per attempt, and records what it was asked.
struct Script {
  std::deque<Result<http::Response>> answers;
  std::vector<http::Request> requests;
  std::vector<http::Endpoint> endpoints;
  std::vector<std::chrono::seconds> timeouts;
};

class FakeClient : public http::Client {
 public:
  explicit FakeClient(Script* script) : script_(script) {}
  Result<http::Response> Send(const http::Request& request) override {
    script_->requests.push_back(request);
    if (script_->answers.empty()) return Unavailable("script exhausted");
    Result<http::Response> answer = script_->answers.front();
    script_->answers.pop_front();
    return answer;
  }

 private:
  Script* script_;
};

WebhookOptions FakeOptions(Script* script) {
  WebhookOptions options;
  options.backoff = std::chrono::milliseconds(1);
  options.client_factory = [script](const http::Endpoint& e, std::chrono::seconds timeout) {
    script->endpoints.push_back(e);
    script->timeouts.push_back(timeout);
    return std::make_unique<FakeClient>(script);
  };
  return options;
}

http::Response Answer(int status, std::string body) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

platform::WebhookGate Gate(std::string url, int retries = 2) {
  platform::WebhookGate g;
  g.name = "risk-review";
  g.url = std::move(url);
  g.retries = retries;
  g.timeout = std::chrono::milliseconds(1500);
  return g;
}

const nlohmann::json kBundle = {{"promotion", "p1"}, {"to", "integration"}};

std::string AllMessages(const GateResult& r) {
  std::string out;
  for (const std::string& m : r.messages) out += m + "\n";
  return out;
}

TEST(WebhookGateTest, PostsTheBundleAndPassesOnPassTrue) {
  Script script;
  script.answers.push_back(Answer(200, R"({"pass": true, "message": "looks fine"})"));
  const GateResult r = RunWebhook(Gate("http://review.local:8080/hooks/gate?team=risk"), kBundle,
                                  FakeOptions(&script));
  EXPECT_TRUE(r.passed) << AllMessages(r);
  EXPECT_EQ(r.gate, "webhook:risk-review");
  EXPECT_THAT(AllMessages(r), HasSubstr("looks fine"));
  ASSERT_EQ(script.requests.size(), 1u);
  const http::Request& req = script.requests[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.path, "/hooks/gate");
  EXPECT_EQ(req.query, "team=risk");
  EXPECT_EQ(req.headers.Get("content-type"), "application/json");
  EXPECT_EQ(req.headers.Get("x-sluice-gate"), "risk-review");
  EXPECT_EQ(nlohmann::json::parse(req.body), kBundle);
  EXPECT_EQ(script.endpoints[0].host, "review.local");
  EXPECT_EQ(script.endpoints[0].port, 8080);
  // 1.5 s rounds up to whole seconds for the client.
  EXPECT_EQ(script.timeouts[0], std::chrono::seconds(2));
  EXPECT_EQ(r.measured["attempts"], 1);
}

TEST(WebhookGateTest, PassFalseFailsWithTheMessage) {
  Script script;
  script.answers.push_back(Answer(200, R"({"pass": false, "message": "missing sign-off"})"));
  const GateResult r = RunWebhook(Gate("http://h/"), kBundle, FakeOptions(&script));
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("the webhook failed the bundle\nmissing sign-off"));
}

TEST(WebhookGateTest, RetriesTransportErrorsAndServerErrors) {
  Script script;
  script.answers.push_back(Unavailable("connection refused"));
  script.answers.push_back(Answer(503, "busy"));
  script.answers.push_back(Answer(200, R"({"pass": true})"));
  const GateResult r = RunWebhook(Gate("http://h/", 2), kBundle, FakeOptions(&script));
  EXPECT_TRUE(r.passed) << AllMessages(r);
  EXPECT_EQ(r.measured["attempts"], 3);
  EXPECT_EQ(script.requests.size(), 3u);
}

TEST(WebhookGateTest, GivesUpAfterRetries) {
  Script script;
  for (int i = 0; i < 5; ++i) script.answers.push_back(Unavailable("connection refused"));
  const GateResult r = RunWebhook(Gate("http://h/", 1), kBundle, FakeOptions(&script));
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("no answer after 2 attempts: connection refused"));
  EXPECT_EQ(script.requests.size(), 2u);
}

TEST(WebhookGateTest, ClientErrorsAndMalformedAnswersFailWithoutRetry) {
  const std::vector<std::pair<http::Response, std::string>> cases = {
      {Answer(404, "no such hook"), "answered HTTP 404"},
      {Answer(200, "OK"), "not a JSON object"},
      {Answer(200, "[true]"), "not a JSON object"},
      {Answer(200, R"({"pass": "yes"})"), "no boolean \"pass\""},
      {Answer(200, R"({"message": "hi"})"), "no boolean \"pass\""},
      {Answer(200, R"({"pass": true, "message": 3})"), "\"message\" is not a string"},
  };
  for (const auto& [answer, expected] : cases) {
    Script script;
    script.answers.push_back(answer);
    script.answers.push_back(Answer(200, R"({"pass": true})"));
    const GateResult r = RunWebhook(Gate("http://h/"), kBundle, FakeOptions(&script));
    EXPECT_FALSE(r.passed) << answer.body;
    EXPECT_THAT(AllMessages(r), HasSubstr(expected));
    EXPECT_EQ(script.requests.size(), 1u) << answer.body;
  }
}

TEST(WebhookGateTest, UrlProblemsFailTheGate) {
  Script script;
  GateResult r = RunWebhook(Gate("https://h/"), kBundle, FakeOptions(&script));
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("https is not supported yet"));
  r = RunWebhook(Gate("ftp://h/"), kBundle, FakeOptions(&script));
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("must start with http://"));
  EXPECT_TRUE(script.requests.empty());
}

TEST(WebhookGateTest, ParsesUrls) {
  Result<WebhookUrl> u = ParseWebhookUrl("http://example.com");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->endpoint.host, "example.com");
  EXPECT_EQ(u->endpoint.port, 80);
  EXPECT_EQ(u->path, "/");
  u = ParseWebhookUrl("http://[::1]:9000/a/b?x=1");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->endpoint.host, "::1");
  EXPECT_EQ(u->endpoint.port, 9000);
  EXPECT_EQ(u->path, "/a/b");
  EXPECT_EQ(u->query, "x=1");
  EXPECT_EQ(ParseWebhookUrl("https://x/").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(ParseWebhookUrl("http://x?y=1").ok());
  EXPECT_FALSE(ParseWebhookUrl("http://x/a b").ok());
  EXPECT_FALSE(ParseWebhookUrl("http://x:99999/").ok());
  EXPECT_FALSE(ParseWebhookUrl("http:///path").ok());
}

std::unique_ptr<http::Server> StartServer(http::Server::Handler handler) {
  http::Server::Options options;
  options.port = 0;
  options.threads = 1;
  auto server = http::Server::Start(options, std::move(handler));
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  return std::move(server).value();
}

TEST(WebhookGateTest, TalksToARealServer) {
  std::mutex mu;
  std::vector<std::string> seen;
  auto server = StartServer([&](http::Request& req) {
    std::lock_guard<std::mutex> lock(mu);
    seen.push_back(req.method + " " + req.path + " " +
                   std::string(req.headers.Get("content-type")));
    const nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    http::Response res;
    res.body = nlohmann::json{{"pass", body.value("to", "") == "integration"},
                              {"message", "checked " + body.value("promotion", "")}}
                   .dump();
    return res;
  });
  WebhookOptions options;
  options.backoff = std::chrono::milliseconds(1);
  const GateResult r = RunWebhook(
      Gate("http://127.0.0.1:" + std::to_string(server->port()) + "/gate"), kBundle, options);
  EXPECT_TRUE(r.passed) << AllMessages(r);
  EXPECT_THAT(AllMessages(r), HasSubstr("checked p1"));
  EXPECT_EQ(r.measured["status"], 200);
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], "POST /gate application/json");
}

TEST(WebhookGateTest, RetriesAServerErrorFromARealServer) {
  std::atomic<int> calls{0};
  auto server = StartServer([&](http::Request&) {
    http::Response res;
    if (calls++ == 0) {
      res.status = 502;
      res.body = "{}";
    } else {
      res.body = R"({"pass": true})";
    }
    return res;
  });
  WebhookOptions options;
  options.backoff = std::chrono::milliseconds(1);
  const GateResult r = RunWebhook(
      Gate("http://127.0.0.1:" + std::to_string(server->port()) + "/gate", 1), kBundle, options);
  EXPECT_TRUE(r.passed) << AllMessages(r);
  EXPECT_EQ(r.measured["attempts"], 2);
  EXPECT_EQ(calls.load(), 2);
}

TEST(WebhookGateTest, UnreachableRealServerFails) {
  std::uint16_t port = 0;
  {
    auto server = StartServer([](http::Request&) { return http::Response{}; });
    port = server->port();
  }  // stopped: nothing listens on the port now
  WebhookOptions options;
  options.backoff = std::chrono::milliseconds(1);
  const GateResult r =
      RunWebhook(Gate("http://127.0.0.1:" + std::to_string(port) + "/", 1), kBundle, options);
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("no answer after 2 attempts"));
}

}  // namespace
}  // namespace sluice::gates
