// ApiClient: the CLI's view of a running `sluice serve`: JSON calls under
// /api/v1 with a bearer token, problem documents turned back into Statuses.
//
// HTTP statuses map back to codes so the CLI can choose its exit code:
// 400 kInvalidArgument, 401 kUnauthenticated, 403 kPermissionDenied,
// 404 kNotFound, 409 kAlreadyExists/kFailedPrecondition (by problem type),
// 413 kResourceExhausted, 503 and transport failures kUnavailable, other
// 5xx kInternal. The message is the problem's detail.
//
// Not thread-safe (one connection); cheap to make.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/status.h"
#include "http/client.h"

namespace sluice::client {

class ApiClient {
 public:
  // `session`: a session token (`sluice session open`), sent as the
  // Sluice-Session header with every call; "" for none.
  static Result<std::unique_ptr<ApiClient>> Make(const std::string& server_url, std::string token,
                                                 std::string session = "");
  // Another client for the same server and token, on its own connection
  // (for transfers that run several requests at once).
  std::unique_ptr<ApiClient> Clone() const;

  // `path` is relative to /api/v1, e.g. "/whoami". Returns the decoded JSON
  // body, or null for 204.
  Result<nlohmann::json> Call(const std::string& method, const std::string& path,
                              const std::optional<nlohmann::json>& body = std::nullopt);
  // The same for raw bytes (chunk transfers): sends `body` as
  // application/octet-stream and returns the response body as is.
  Result<std::string> CallRaw(const std::string& method, const std::string& path,
                              std::string body = {});
  // A GET whose answer's headers matter (masked pages): the whole response
  // when it is 2xx, else the Status its problem stands for.
  Result<http::Response> Get(const std::string& path);

 private:
  ApiClient(http::Endpoint endpoint, std::string token, std::string session)
      : endpoint_(endpoint),
        http_(http::Client::Make(endpoint)),
        token_(std::move(token)),
        session_(std::move(session)) {}
  void SetCredentials(http::Request& request) const;

  http::Endpoint endpoint_;
  std::unique_ptr<http::Client> http_;
  std::string token_;
  std::string session_;
};

// Percent-encodes one path segment.
std::string EscapeSegment(const std::string& segment);

// The Status a problem response stands for. Exposed for tests.
Status StatusFromResponse(const http::Response& response);

}  // namespace sluice::client
