#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "http/problem.h"

namespace sluice::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

struct Limits {
  std::size_t body_limit;
  std::vector<std::pair<std::string, std::size_t>> large_body_paths;
  std::size_t header_limit;
  std::chrono::seconds idle_timeout;
};

Request ToRequest(bhttp::request<bhttp::string_body>&& in, const std::string& remote) {
  Request out;
  out.method = std::string(in.method_string());
  std::string_view target = in.target();
  std::size_t q = target.find('?');
  out.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) out.query = std::string(target.substr(q + 1));
  for (const auto& field : in) {
    out.headers.Set(field.name_string(), std::string(field.value()));
  }
  out.body = std::move(in.body());
  out.remote_address = remote;
  return out;
}

bhttp::response<bhttp::string_body> ToBeast(Response&& in, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(in.status), version};
  out.set(bhttp::field::server, "sluice");
  out.set(bhttp::field::content_type, in.content_type);
  for (const auto& [name, value] : in.headers.entries()) out.set(name, value);
  out.body() = std::move(in.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

// One connection: read a request, run the handler, write the response,
// repeat while keep-alive. Owns itself through shared_from_this, the usual
// Asio idiom for objects whose lifetime is the chain of pending operations.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Server::Handler& handler, const Limits& limits)
      : stream_(std::move(socket)), handler_(handler), limits_(limits) {
    boost::system::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string() + ":" + std::to_string(ep.port());
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  void Run() { ReadRequest(); }

 private:
  void ReadRequest() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits_.header_limit));
    // Beast checks Content-Length against the body limit as the headers are
    // parsed, so admit the largest limit any path has; ReadBody narrows it.
    std::size_t widest = limits_.body_limit;
    for (const auto& entry : limits_.large_body_paths) widest = std::max(widest, entry.second);
    parser_->body_limit(widest);
    body_limit_ = limits_.body_limit;
    stream_.expires_after(limits_.idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                               if (ec) {
                                 self->OnRead(ec);
                                 return;
                               }
                               self->ReadBody();
                             });
  }

  std::size_t BodyLimitFor(std::string_view target) const {
    for (const auto& [prefix, limit] : limits_.large_body_paths) {
      if (target.starts_with(prefix)) return limit;
    }
    return limits_.body_limit;
  }

  // The body limit depends on the path, known once the headers are in.
  void ReadBody() {
    body_limit_ = BodyLimitFor(parser_->get().target());
    const auto length = parser_->content_length();
    if (length && *length > body_limit_) {
      OnRead(bhttp::error::body_limit);
      return;
    }
    parser_->body_limit(body_limit_);
    // Beast reads at most the buffer's free capacity per read (at least 512
    // bytes), and the parser empties the buffer after each read, so a buffer
    // left at header size reads a 1 MiB body ~1 KB at a time: hundreds of
    // reads, each a composed operation with a timer. Give large bodies room.
    if (length && *length > kBodyReadBuffer / 4) buffer_.reserve(kBodyReadBuffer);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->OnRead(ec);
                      });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::eof) {
      Close();
      return;
    }
    if (ec == bhttp::error::body_limit) {
      // Beast refuses an oversize Content-Length before the header is
      // "done", but the request line (the target) is parsed by then.
      body_limit_ = BodyLimitFor(parser_->get().target());
      Write(Problem(413, "body-too-large", "Request body too large",
                    "the request body exceeds the limit of " + std::to_string(body_limit_) +
                        " bytes"),
            11, false);
      return;
    }
    if (ec == bhttp::error::header_limit) {
      Write(Problem(431, "headers-too-large", "Request headers too large",
                    "the request headers exceed the limit"),
            11, false);
      return;
    }
    if (ec) {
      Write(Problem(400, "bad-http", "Malformed HTTP request", ec.message()), 11, false);
      return;
    }
    auto message = parser_->release();
    unsigned version = message.version();
    bool keep_alive = message.keep_alive();
    Request request = ToRequest(std::move(message), remote_);
    Response response;
    try {
      response = handler_(request);
    } catch (const std::exception& e) {
      response = Problem(500, "internal", "Internal error", "unexpected failure");
    }
    Write(std::move(response), version, keep_alive);
  }

  void Write(Response&& response, unsigned version, bool keep_alive) {
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>(
        ToBeast(std::move(response), version, keep_alive));
    bhttp::async_write(stream_, *msg,
                       [self = shared_from_this(), msg, keep_alive](beast::error_code ec,
                                                                     std::size_t) {
                         if (ec || !keep_alive) {
                           self->Close();
                           return;
                         }
                         self->ReadRequest();
                       });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  static constexpr std::size_t kBodyReadBuffer = std::size_t{256} << 10;
  // A limit, not an allocation: the buffer grows only when a request needs.
  beast::flat_buffer buffer_{kBodyReadBuffer};
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::size_t body_limit_ = 0;
  const Server::Handler& handler_;
  const Limits& limits_;
  std::string remote_;
};

class BeastServer final : public Server {
 public:
  BeastServer(const Options& options, Handler handler)
      : handler_(std::move(handler)),
        limits_{options.body_limit, options.large_body_paths, options.header_limit,
                std::chrono::seconds(options.idle_timeout_seconds)},
        threads_count_(options.threads > 0 ? options.threads
                                           : static_cast<int>(std::max(
                                                 1u, std::thread::hardware_concurrency()))),
        ioc_(threads_count_),
        acceptor_(ioc_) {}

  ~BeastServer() override { Stop(); }

  Status Bind(const std::string& host, std::uint16_t port) {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) return InvalidArgument("listen address \"" + host + "\" is not an IP address");
    tcp::endpoint endpoint{address, port};
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Unavailable("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                         ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    return Status::Ok();
  }

  void Run() {
    Accept();
    threads_.reserve(threads_count_);
    for (int i = 0; i < threads_count_; ++i) {
      threads_.emplace_back([this] { ioc_.run(); });
    }
  }

  std::uint16_t port() const override { return port_; }

  void Stop() override {
    std::lock_guard lock(stop_mu_);
    if (stopped_) return;
    stopped_ = true;
    ioc_.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    // No thread runs the loop any more, so the acceptor can be closed here.
    boost::system::error_code ec;
    acceptor_.close(ec);
  }

 private:
  void Accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           [this](beast::error_code ec, tcp::socket socket) {
                             if (ec == asio::error::operation_aborted) return;
                             if (!ec) {
                               std::make_shared<Session>(std::move(socket), handler_, limits_)
                                   ->Run();
                             }
                             Accept();
                           });
  }

  Handler handler_;
  Limits limits_;
  int threads_count_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::vector<std::thread> threads_;
  std::mutex stop_mu_;
  bool stopped_ = false;  // guarded by stop_mu_
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Start(const Options& options, Handler handler) {
  auto server = std::make_unique<BeastServer>(options, std::move(handler));
  SLUICE_RETURN_IF_ERROR(server->Bind(options.host, options.port));
  server->Run();
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace sluice::http
