// Helpers the route handlers share to render results: JSON bodies, empty
// answers, and problems from a Status (the one place codes become HTTP
// statuses is http::ProblemFromStatus).
#pragma once

#include <nlohmann/json.hpp>

#include "http/message.h"
#include "http/problem.h"
#include "server/api.h"

namespace sluice::server {

inline http::Response Json(int status, const nlohmann::json& body) {
  http::Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

inline http::Response NoContent() {
  http::Response r;
  r.status = 204;
  return r;
}

inline http::Response Error(const ApiContext& ctx, const Status& status) {
  return http::ProblemFromStatus(status, ctx.meta.request_id);
}

// Renders `result` with `render` on success, or the problem for its error.
template <typename T, typename Render>
http::Response Reply(const ApiContext& ctx, const Result<T>& result, int status, Render&& render) {
  if (!result.ok()) return Error(ctx, result.status());
  return Json(status, render(*result));
}

}  // namespace sluice::server

// In a handler with an `ApiContext& ctx` in scope: `lhs` = the value of the
// Result `expr`, or answer with the problem for its error.
// Parses a route's JSON body into `var`, refusing fields not listed (400).
#define SLUICE_BODY(var, req, ...)                                  \
  Result<nlohmann::json> var##_parsed = ParseJsonObject(req.body);  \
  if (!var##_parsed.ok()) return Error(ctx, var##_parsed.status()); \
  const nlohmann::json& var = *var##_parsed;                        \
  if (Status s = RejectUnknownFields(var, {__VA_ARGS__}); !s.ok()) return Error(ctx, s)

#define SLUICE_ASSIGN_OR_REPLY(lhs, expr)                                  \
  auto lhs##_result = (expr);                                              \
  if (!lhs##_result.ok()) return ::sluice::server::Error(ctx, lhs##_result.status()); \
  auto lhs = std::move(lhs##_result).value()
