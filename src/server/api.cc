#include "server/api.h"

#include <chrono>

#include "common/clock.h"
#include "common/crypto.h"
#include "http/problem.h"

namespace sluice::server {
namespace {

// A client-supplied X-Request-Id is kept when it is short and plain, so a
// caller can correlate its logs with ours; otherwise we assign one.
bool IsAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

http::Response Unauthorized(std::string_view detail, std::string_view request_id) {
  http::Response r =
      http::Problem(401, "unauthenticated", "Authentication required", detail, request_id);
  r.headers.Set("WWW-Authenticate", "Bearer realm=\"sluice\"");
  return r;
}

}  // namespace

Api::Api(service::Service& service, AccessLog& access_log, metrics::SluiceMetrics* metrics)
    : service_(service), access_log_(access_log), metrics_(metrics), router_(MakeApiRouter()) {
  Result<std::string> prefix = RandomHex(4);
  request_id_prefix_ = prefix.ok() ? *prefix : "00000000";
}

std::string Api::NewRequestId() {
  return request_id_prefix_ + "-" + std::to_string(++request_counter_);
}

http::Response Api::Handle(http::Request& request) {
  auto start = std::chrono::steady_clock::now();
  std::string_view given = request.headers.Get("x-request-id");
  ApiContext context{service_,
                     {IsAcceptableRequestId(given) ? std::string(given) : NewRequestId(),
                      request.remote_address, std::string(request.headers.Get("user-agent"))},
                     {}};
  std::string route;  // the matched pattern; "" when none matched
  std::string principal;
  http::Response response = Dispatch(request, context, route, principal);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (metrics_ != nullptr) {
    metrics_->ObserveRequest(request.method,
                             route.empty() ? metrics::SluiceMetrics::kUnmatchedRoute : route,
                             response.status, seconds);
  }
  response.headers.Set("X-Request-Id", context.meta.request_id);

  AccessLogEntry entry;
  entry.time_ms = NowMillis();
  entry.request_id = context.meta.request_id;
  entry.principal = std::move(principal);
  entry.method = request.method;
  entry.route = route.empty() ? request.path : std::move(route);
  entry.status = response.status;
  entry.duration_ms = seconds * 1000;
  entry.client_address = request.remote_address;
  access_log_.Write(entry);
  return response;
}

http::Response Api::Dispatch(http::Request& request, ApiContext& context, std::string& route,
                             std::string& principal) {
  const std::string& request_id = context.meta.request_id;
  const http::Route<ApiContext>* matched = nullptr;
  http::PathParams params;
  switch (router_.Match(request.method, request.path, matched, params)) {
    case http::MatchKind::kFound:
      break;
    case http::MatchKind::kNotFound:
      return http::Problem(404, "no-such-route", "No such route",
                           request.method + " " + request.path + " is not part of the API",
                           request_id);
    case http::MatchKind::kMethodNotAllowed:
      return http::Problem(405, "method-not-allowed", "Method not allowed",
                           request.method + " is not allowed on " + request.path, request_id);
    case http::MatchKind::kBadPath:
      return http::Problem(400, "bad-path", "Malformed path",
                           "the path has a malformed percent-escape", request_id);
  }
  route = matched->pattern;

  if (matched->access == http::Access::kAuthenticated) {
    std::string_view header = request.headers.Get("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (header.empty()) {
      return Unauthorized("this route needs an API token: send \"Authorization: Bearer TOKEN\"",
                          request_id);
    }
    if (header.size() <= kBearer.size() || header.substr(0, kBearer.size()) != kBearer) {
      return Unauthorized("the Authorization header must be \"Bearer TOKEN\"", request_id);
    }
    // A just-in-time session (`sluice session open`) travels in its own
    // header: it narrows what the bearer may do, it never stands alone.
    Result<service::Caller> caller = service_.Authenticate(
        header.substr(kBearer.size()), request.headers.Get("sluice-session"), context.meta);
    if (!caller.ok()) {
      if (caller.status().code() == StatusCode::kUnauthenticated) {
        return Unauthorized(caller.status().message(), request_id);
      }
      return http::ProblemFromStatus(caller.status(), request_id);
    }
    context.caller = std::move(caller).value();
    principal = context.caller.principal.name;
  }
  http::Response response = matched->handler(context, request, params);
  if (response.content_type == "application/problem+json" && response.body.empty()) {
    response = http::Problem(response.status, "internal", "Internal error", "", request_id);
  }
  return response;
}

}  // namespace sluice::server
