#include "http/client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>

namespace sluice::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

class BeastClient final : public Client {
 public:
  BeastClient(Endpoint endpoint, std::chrono::seconds timeout)
      : endpoint_(std::move(endpoint)), timeout_(timeout) {}

  Result<Response> Send(const Request& request) override {
    // A kept-alive connection may have been closed by the server since the
    // last call; one retry on a fresh connection covers that race.
    for (int attempt = 0; attempt < 2; ++attempt) {
      bool reused = stream_.has_value();
      Result<Response> r = SendOnce(request);
      if (r.ok() || !reused) return r;
      stream_.reset();
    }
    return Unavailable("unreachable");
  }

 private:
  // Runs one asynchronous operation to completion on this thread. Beast's
  // stream timeouts (expires_after) apply only to asynchronous operations,
  // which is why the client is written with them although it blocks.
  template <typename Start>
  void Run(Start&& start, beast::error_code& ec) {
    start([&ec](beast::error_code e, auto&&...) { ec = e; });
    ioc_.restart();
    ioc_.run();
  }

  std::string Where() const { return endpoint_.host + ":" + std::to_string(endpoint_.port); }

  Status Connect() {
    stream_.emplace(ioc_);
    beast::error_code ec;
    tcp::resolver resolver(ioc_);
    auto results = resolver.resolve(endpoint_.host, std::to_string(endpoint_.port), ec);
    if (ec) return Unavailable("cannot resolve " + endpoint_.host + ": " + ec.message());
    stream_->expires_after(timeout_);
    Run([&](auto done) { stream_->async_connect(results, done); }, ec);
    if (ec) {
      stream_.reset();
      return Unavailable("cannot connect to the Sluice server at " + Where() + ": " +
                         ec.message());
    }
    stream_->socket().set_option(tcp::no_delay(true), ec);
    return Status::Ok();
  }

  Result<Response> SendOnce(const Request& request) {
    if (!stream_) SLUICE_RETURN_IF_ERROR(Connect());
    std::string target = request.path;
    if (!request.query.empty()) target += "?" + request.query;
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(request.method), target, 11};
    req.set(bhttp::field::host, endpoint_.host);
    req.set(bhttp::field::user_agent, "sluice-cli");
    for (const auto& [name, value] : request.headers.entries()) req.set(name, value);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
      if (!request.headers.Has("content-type")) {
        req.set(bhttp::field::content_type, "application/json");
      }
      req.body() = request.body;
    }
    req.keep_alive(true);
    req.prepare_payload();

    beast::error_code ec;
    stream_->expires_after(timeout_);
    Run([&](auto done) { bhttp::async_write(*stream_, req, done); }, ec);
    if (ec) {
      stream_.reset();
      return Unavailable("sending to " + Where() + " failed: " + ec.message());
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_->expires_after(timeout_);
    Run([&](auto done) { bhttp::async_read(*stream_, buffer_, parser, done); }, ec);
    if (ec) {
      stream_.reset();
      return Unavailable("reading from " + Where() + " failed: " + ec.message());
    }
    auto res = parser.release();
    Response out;
    out.status = static_cast<int>(res.result_int());
    out.content_type = std::string(res[bhttp::field::content_type]);
    for (const auto& field : res) out.headers.Set(field.name_string(), std::string(field.value()));
    out.body = std::move(res.body());
    if (!res.keep_alive()) stream_.reset();
    return out;
  }

  Endpoint endpoint_;
  std::chrono::seconds timeout_;
  asio::io_context ioc_;
  std::optional<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
};

}  // namespace

Result<Endpoint> ParseServerUrl(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (url.rfind(kScheme, 0) != 0) {
    return InvalidArgument("server URL \"" + url + "\" must start with http://");
  }
  std::string rest = url.substr(kScheme.size());
  rest = rest.substr(0, rest.find('/'));
  Endpoint ep;
  std::size_t colon = rest.rfind(':');
  std::string port_text = "80";
  if (!rest.empty() && rest.front() == '[') {  // [::1]:7070
    std::size_t close = rest.find(']');
    if (close == std::string::npos) return InvalidArgument("bad server URL \"" + url + "\"");
    ep.host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port_text = rest.substr(close + 2);
  } else if (colon != std::string::npos) {
    ep.host = rest.substr(0, colon);
    port_text = rest.substr(colon + 1);
  } else {
    ep.host = rest;
  }
  if (ep.host.empty()) return InvalidArgument("server URL \"" + url + "\" has no host");
  int port = 0;
  for (char c : port_text) {
    if (c < '0' || c > '9' || port > 65535) {
      return InvalidArgument("server URL \"" + url + "\" has a bad port");
    }
    port = port * 10 + (c - '0');
  }
  if (port <= 0 || port > 65535) {
    return InvalidArgument("server URL \"" + url + "\" has a bad port");
  }
  ep.port = static_cast<std::uint16_t>(port);
  return ep;
}

std::unique_ptr<Client> Client::Make(Endpoint endpoint, std::chrono::seconds timeout) {
  return std::make_unique<BeastClient>(std::move(endpoint), timeout);
}

}  // namespace sluice::http
