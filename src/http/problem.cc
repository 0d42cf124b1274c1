#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace sluice::http {

Response Problem(int status, std::string_view kind, std::string_view title,
                 std::string_view detail, std::string_view request_id) {
  nlohmann::json doc = {
      {"type", "urn:sluice:problem:" + std::string(kind)},
      {"title", title},
      {"status", status},
      {"detail", detail},
  };
  if (!request_id.empty()) doc["request_id"] = request_id;
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kResourceExhausted: return 413;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kDataLoss: return 500;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

namespace {
std::string_view TitleFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "Invalid request";
    case StatusCode::kUnauthenticated: return "Authentication required";
    case StatusCode::kPermissionDenied: return "Permission denied";
    case StatusCode::kNotFound: return "Not found";
    case StatusCode::kAlreadyExists: return "Already exists";
    case StatusCode::kFailedPrecondition: return "Conflict with current state";
    case StatusCode::kResourceExhausted: return "Too large";
    case StatusCode::kUnavailable: return "Temporarily unavailable";
    case StatusCode::kDataLoss: return "Stored data is corrupt";
    case StatusCode::kInternal: return "Internal error";
  }
  return "Internal error";
}
}  // namespace

Response ProblemFromStatus(const Status& status, std::string_view request_id) {
  return Problem(HttpStatusFor(status.code()), StatusCodeName(status.code()),
                 TitleFor(status.code()), status.message(), request_id);
}

}  // namespace sluice::http
