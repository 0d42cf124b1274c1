#include "gates/webhook_gate.h"

#include <algorithm>
#include <thread>
#include <utility>

#include "gates/message_text.h"
#include "platform/utf8.h"

namespace sluice::gates {
namespace {

constexpr size_t kMaxMessageBytes = 1024;

std::chrono::seconds AttemptTimeout(std::chrono::milliseconds timeout) {
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(timeout);
  return std::max(seconds, std::chrono::seconds(1));
}

// The verdict in a 2xx answer's body, or why it is not one.
struct Verdict {
  bool pass = false;
  std::string message;
  std::string problem;  // non-empty when the answer is malformed
};

Verdict ReadVerdict(const std::string& body) {
  Verdict v;
  const nlohmann::json answer = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded() || !answer.is_object()) {
    v.problem = "the answer is not a JSON object: " + Quote(body, 200);
    return v;
  }
  auto pass = answer.find("pass");
  if (pass == answer.end() || !pass->is_boolean()) {
    v.problem = "the answer has no boolean \"pass\": " + Quote(body, 200);
    return v;
  }
  v.pass = pass->get<bool>();
  if (auto message = answer.find("message"); message != answer.end()) {
    if (!message->is_string()) {
      v.problem = "the answer's \"message\" is not a string";
      return v;
    }
    v.message = SanitizeBlock(message->get<std::string>(), kMaxMessageBytes, /*keep_tail=*/false);
  }
  return v;
}

}  // namespace

Result<WebhookUrl> ParseWebhookUrl(const std::string& url) {
  if (url.rfind("https://", 0) == 0) {
    return FailedPrecondition("https is not supported yet; use http:// (behind a TLS proxy)");
  }
  if (url.rfind("http://", 0) != 0) {
    return InvalidArgument("webhook URL " + Quote(url, 256) + " must start with http://");
  }
  WebhookUrl out;
  SLUICE_ASSIGN_OR_RETURN(out.endpoint, http::ParseServerUrl(url));
  const std::string rest = url.substr(std::string_view("http://").size());
  const size_t slash = rest.find('/');
  if (rest.find('?') < slash) {
    return InvalidArgument("webhook URL " + Quote(url, 256) + ": put a path before the query");
  }
  if (slash != std::string::npos) {
    std::string path = rest.substr(slash);
    if (const size_t question = path.find('?'); question != std::string::npos) {
      out.query = path.substr(question + 1);
      path.resize(question);
    }
    out.path = std::move(path);
  }
  for (char c : out.path + out.query) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '#') {
      return InvalidArgument("webhook URL " + Quote(url, 256) +
                             " has a space, control, '#' or non-ASCII character in its path");
    }
  }
  return out;
}

GateResult RunWebhook(const platform::WebhookGate& gate, const nlohmann::json& bundle_description,
                      const WebhookOptions& options) {
  GateResult r;
  r.gate = "webhook:" + platform::ToValidUtf8(gate.name);
  r.passed = false;
  r.measured = {{"url", platform::ToValidUtf8(gate.url)}, {"attempts", 0}};
  Result<WebhookUrl> url = ParseWebhookUrl(gate.url);
  if (!url.ok()) {
    r.messages.push_back(url.status().message());
    return r;
  }
  http::Request request;
  request.method = "POST";
  request.path = url->path;
  request.query = url->query;
  request.headers.Set("Content-Type", "application/json");
  request.headers.Set("X-Sluice-Gate", platform::ToValidUtf8(gate.name));
  // Replace, not throw, should a description carry bytes that are not UTF-8.
  request.body = bundle_description.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  const ClientFactory factory = options.client_factory
                                    ? options.client_factory
                                    : [](const http::Endpoint& e, std::chrono::seconds timeout) {
                                        return http::Client::Make(e, timeout);
                                      };
  const int attempts = std::clamp(gate.retries + 1, 1, std::max(options.max_attempts, 1));
  std::chrono::milliseconds backoff = options.backoff;
  std::string last_problem;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    if (attempt > 1) {
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, options.max_backoff);
    }
    r.measured["attempts"] = attempt;
    std::unique_ptr<http::Client> client = factory(url->endpoint, AttemptTimeout(gate.timeout));
    if (client == nullptr) {
      r.messages.push_back("no HTTP client for the webhook");
      return r;
    }
    Result<http::Response> response = client->Send(request);
    if (!response.ok()) {
      last_problem = platform::ToValidUtf8(response.status().message());
      continue;  // transport error or timeout: retry
    }
    r.measured["status"] = response->status;
    if (response->status >= 500) {
      last_problem = "the webhook answered HTTP " + std::to_string(response->status);
      continue;
    }
    if (response->status < 200 || response->status >= 300) {
      r.messages.push_back("the webhook answered HTTP " + std::to_string(response->status) + ": " +
                           Quote(response->body, 200));
      return r;
    }
    const Verdict verdict = ReadVerdict(response->body);
    if (!verdict.problem.empty()) {
      r.messages.push_back(verdict.problem);
      return r;
    }
    r.passed = verdict.pass;
    r.messages.push_back(verdict.pass ? "the webhook passed the bundle"
                                      : "the webhook failed the bundle");
    if (!verdict.message.empty()) r.messages.push_back(verdict.message);
    return r;
  }
  r.messages.push_back("no answer after " + std::to_string(attempts) +
                       (attempts == 1 ? " attempt: " : " attempts: ") + last_problem);
  return r;
}

}  // namespace sluice::gates
