#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>

#include "http/client.h"

namespace sluice::http {
namespace {

std::unique_ptr<Server> StartEcho(std::size_t body_limit = 1024) {
  Server::Options options;
  options.port = 0;
  options.threads = 2;
  options.body_limit = body_limit;
  auto server = Server::Start(options, [](Request& req) {
    Response r;
    r.body = req.method + " " + req.path + " " + req.query + " " + req.body + " " +
             std::string(req.headers.Get("x-test"));
    r.content_type = "text/plain";
    return r;
  });
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  return std::move(server).value();
}

TEST(ServerTest, RoundTripsRequestsOnOneConnection) {
  auto server = StartEcho();
  auto client = Client::Make({"127.0.0.1", server->port()});
  for (int i = 0; i < 3; ++i) {
    Request req;
    req.method = "POST";
    req.path = "/echo";
    req.query = "n=" + std::to_string(i);
    req.body = "hello";
    req.headers.Set("X-Test", "yes");
    auto res = client->Send(req);
    ASSERT_TRUE(res.ok()) << res.status().ToString();
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, "POST /echo n=" + std::to_string(i) + " hello yes");
  }
}

TEST(ServerTest, RejectsOversizeBodyWithProblem) {
  auto server = StartEcho(16);
  auto client = Client::Make({"127.0.0.1", server->port()});
  Request req;
  req.method = "POST";
  req.path = "/echo";
  req.body = std::string(17, 'x');
  auto res = client->Send(req);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(res->content_type, "application/problem+json");
  EXPECT_NE(res->body.find("urn:sluice:problem:body-too-large"), std::string::npos);
}

TEST(ServerTest, MalformedHttpGets400) {
  auto server = StartEcho();
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket socket(ioc);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), server->port()});
  std::string garbage = "NOT HTTP AT ALL\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(garbage));
  std::string reply;
  boost::system::error_code ec;
  char buf[4096];
  while (true) {
    std::size_t n = socket.read_some(boost::asio::buffer(buf), ec);
    if (ec) break;
    reply.append(buf, n);
  }
  EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << reply;
}

TEST(ServerTest, BindFailureIsAnError) {
  auto first = StartEcho();
  Server::Options options;
  options.port = first->port();
  // reuse_address does not allow two listeners on one port on Linux.
  auto second = Server::Start(options, [](Request&) { return Response{}; });
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  options.host = "not-an-ip";
  auto third = Server::Start(options, [](Request&) { return Response{}; });
  EXPECT_EQ(third.status().code(), StatusCode::kInvalidArgument);
}

TEST(ServerTest, StopIsIdempotentAndRefusesNewConnections) {
  auto server = StartEcho();
  std::uint16_t port = server->port();
  server->Stop();
  server->Stop();
  auto client = Client::Make({"127.0.0.1", port}, std::chrono::seconds(2));
  Request req;
  req.method = "GET";
  req.path = "/";
  EXPECT_EQ(client->Send(req).status().code(), StatusCode::kUnavailable);
}

TEST(ParseServerUrlTest, AcceptsHttpAndRejectsOthers) {
  auto ep = ParseServerUrl("http://127.0.0.1:7070");
  ASSERT_TRUE(ep.ok());
  EXPECT_EQ(ep->host, "127.0.0.1");
  EXPECT_EQ(ep->port, 7070);
  auto v6 = ParseServerUrl("http://[::1]:8080/");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 8080);
  EXPECT_FALSE(ParseServerUrl("https://x:1").ok());
  EXPECT_FALSE(ParseServerUrl("http://x:99999").ok());
  EXPECT_FALSE(ParseServerUrl("http://:80").ok());
}

}  // namespace
}  // namespace sluice::http
