// The webhook gate: POST the bundle's description to a URL the platform's administrators
// registered, and pass or fail from its answer.
//
// Request: POST with Content-Type application/json, the description as the body, and an
// X-Sluice-Gate header naming the gate. URLs are http://host[:port][/path][?query]; https fails
// the gate ("https is not supported yet": the HTTP client speaks plain HTTP only).
//
// Answer: a 2xx response whose body is a JSON object {"pass": true|false, "message": "..."}
// ("message" optional). Anything else fails the gate with what was wrong. A transport error
// (refused, reset, timed out) or a 5xx is retried up to gate.retries more times, after a short
// backoff that doubles each time; a 4xx or a malformed answer is not (it will not get better).
//
// Each attempt is bounded by gate.timeout, rounded up to whole seconds because the HTTP client
// takes seconds (per connect, write and read), so the gate takes at most about
// (retries + 1) x 3 x timeout plus the backoffs.
//
// Ownership: the client factory is called once per attempt, and each client lives for that
// attempt only. Thread-safety: RunWebhook is reentrant if the factory is.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "common/status.h"
#include "gates/gate_result.h"
#include "http/client.h"
#include "platform/model.h"

namespace sluice::gates {

using ClientFactory =
    std::function<std::unique_ptr<http::Client>(const http::Endpoint&, std::chrono::seconds)>;

struct WebhookOptions {
  // Makes the client for one attempt; empty means http::Client::Make. Tests inject a fake.
  ClientFactory client_factory;
  // Before the first retry; doubled before each further one, up to max_backoff.
  std::chrono::milliseconds backoff{200};
  std::chrono::milliseconds max_backoff{2000};
  // Attempts never exceed this many, whatever gate.retries says.
  int max_attempts = 10;
};

// Where a webhook URL points.
struct WebhookUrl {
  http::Endpoint endpoint;
  std::string path = "/";  // with its leading '/'
  std::string query;       // without '?'
};

// kInvalidArgument for anything but http://host[:port][/path][?query]; kFailedPrecondition for
// https ("https is not supported yet").
Result<WebhookUrl> ParseWebhookUrl(const std::string& url);

// Gate "webhook:NAME". Never fails: every problem is a failed result.
GateResult RunWebhook(const platform::WebhookGate& gate, const nlohmann::json& bundle_description,
                      const WebhookOptions& options = {});

}  // namespace sluice::gates
