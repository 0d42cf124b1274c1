// Api: Sluice's HTTP API under /api/v1, on top of the service layer.
//
// Handle() is the http::Server handler: it assigns a request id, matches the
// route, authenticates the bearer token for every non-public route, calls
// the route's handler (which only translates HTTP <-> service calls), turns
// error Statuses into RFC 9457 problems, and writes the access log line.
//
// Ownership: borrows the Service and AccessLog. Thread-safe (the router is
// immutable after construction; the service is thread-safe).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "http/message.h"
#include "http/router.h"
#include "metrics/sluice_metrics.h"
#include "server/access_log.h"
#include "service/caller.h"
#include "service/service.h"

namespace sluice::server {

// Per-request state handed to route handlers.
struct ApiContext {
  service::Service& service;
  service::CallMeta meta;
  service::Caller caller;  // set for authenticated routes
};

using ApiRouter = http::Router<ApiContext>;

// All routes of the API. Exposed so a test can walk them.
ApiRouter MakeApiRouter();
// The data catalog's routes (catalog_routes.cc).
void AddCatalogRoutes(ApiRouter& router);
// The audit log's routes (audit_routes.cc).
void AddAuditRoutes(ApiRouter& router);
void AddControlRoutes(ApiRouter& router);
void AddPromotionRoutes(ApiRouter& router);
void AddDeclassificationRoutes(ApiRouter& router);
void AddReleaseRoutes(ApiRouter& router);

class Api {
 public:
  // `metrics` (optional, borrowed) gets every request's route, status and
  // latency.
  Api(service::Service& service, AccessLog& access_log, metrics::SluiceMetrics* metrics = nullptr);

  http::Response Handle(http::Request& request);

  const ApiRouter& router() const { return router_; }

 private:
  http::Response Dispatch(http::Request& request, ApiContext& context, std::string& route,
                          std::string& principal);
  std::string NewRequestId();

  service::Service& service_;
  AccessLog& access_log_;
  metrics::SluiceMetrics* const metrics_;
  ApiRouter router_;
  std::string request_id_prefix_;  // random per process
  std::atomic<std::uint64_t> request_counter_{0};
};

}  // namespace sluice::server
