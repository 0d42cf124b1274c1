#include "client/api_client.h"

namespace sluice::client {

std::string EscapeSegment(const std::string& segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : segment) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Status StatusFromResponse(const http::Response& response) {
  std::string detail = "HTTP " + std::to_string(response.status);
  std::string type;
  try {
    auto doc = nlohmann::json::parse(response.body);
    if (doc.is_object()) {
      if (doc.contains("detail") && doc["detail"].is_string()) detail = doc["detail"];
      if (doc.contains("type") && doc["type"].is_string()) type = doc["type"];
    }
  } catch (const nlohmann::json::exception&) {
    if (!response.body.empty()) detail += ": " + response.body.substr(0, 200);
  }
  switch (response.status) {
    case 400:
      return InvalidArgument(detail);
    case 401:
      return Unauthenticated(detail);
    case 403:
      return PermissionDenied(detail);
    case 404:
      return NotFound(detail);
    case 409:
      return type == "urn:sluice:problem:already-exists" ? AlreadyExists(detail)
                                                         : FailedPrecondition(detail);
    case 413:
      return ResourceExhausted(detail);
    case 503:
      return Unavailable(detail);
    default:
      return Internal(detail);
  }
}

Result<std::unique_ptr<ApiClient>> ApiClient::Make(const std::string& server_url, std::string token,
                                                   std::string session) {
  SLUICE_ASSIGN_OR_RETURN(http::Endpoint endpoint, http::ParseServerUrl(server_url));
  return std::unique_ptr<ApiClient>(
      new ApiClient(std::move(endpoint), std::move(token), std::move(session)));
}

std::unique_ptr<ApiClient> ApiClient::Clone() const {
  return std::unique_ptr<ApiClient>(new ApiClient(endpoint_, token_, session_));
}

void ApiClient::SetCredentials(http::Request& request) const {
  if (!token_.empty()) request.headers.Set("Authorization", "Bearer " + token_);
  if (!session_.empty()) request.headers.Set("Sluice-Session", session_);
}

Result<nlohmann::json> ApiClient::Call(const std::string& method, const std::string& path,
                                       const std::optional<nlohmann::json>& body) {
  http::Request request;
  request.method = method;
  request.path = "/api/v1" + path;
  SetCredentials(request);
  request.headers.Set("Accept", "application/json");
  if (body) request.body = body->dump();
  SLUICE_ASSIGN_OR_RETURN(http::Response response, http_->Send(request));
  if (response.status < 200 || response.status >= 300) return StatusFromResponse(response);
  if (response.status == 204 || response.body.empty()) return nlohmann::json(nullptr);
  try {
    return nlohmann::json::parse(response.body);
  } catch (const nlohmann::json::exception& e) {
    return Internal(std::string("the server sent malformed JSON: ") + e.what());
  }
}

Result<std::string> ApiClient::CallRaw(const std::string& method, const std::string& path,
                                       std::string body) {
  http::Request request;
  request.method = method;
  request.path = "/api/v1" + path;
  SetCredentials(request);
  if (!body.empty()) request.headers.Set("Content-Type", "application/octet-stream");
  request.body = std::move(body);
  SLUICE_ASSIGN_OR_RETURN(http::Response response, http_->Send(request));
  if (response.status < 200 || response.status >= 300) return StatusFromResponse(response);
  return std::move(response.body);
}

Result<http::Response> ApiClient::Get(const std::string& path) {
  http::Request request;
  request.method = "GET";
  request.path = "/api/v1" + path;
  SetCredentials(request);
  SLUICE_ASSIGN_OR_RETURN(http::Response response, http_->Send(request));
  if (response.status < 200 || response.status >= 300) return StatusFromResponse(response);
  return response;
}

}  // namespace sluice::client
