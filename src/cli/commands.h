// Registration of the CLI's command groups. Each Add* function adds its
// subcommands to `app` and sets `run` to the action of whichever of them the
// user picked; Main() runs it after parsing.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/cli.h"
#include "cli/output.h"
#include "client/api_client.h"
#include "common/status.h"

namespace sluice::cli {

struct GlobalOptions {
  std::string server = "http://127.0.0.1:7070";
  std::string token;
  std::string session;  // a session token, or ""
  bool json = false;
};

// A client for the server the options name; kUnauthenticated without a token.
Result<std::unique_ptr<client::ApiClient>> Connect(const GlobalOptions& global);

// Runs `body` with a connected client; errors become exit codes.
template <typename Body>
int WithClient(const GlobalOptions& global, Body&& body) {
  auto api = Connect(global);
  if (!api.ok()) return ReportError(api.status());
  Status s = body(**api);
  return s.ok() ? kExitOk : ReportError(s);
}

inline Status CallPrint(const GlobalOptions& global, client::ApiClient& api,
                        const std::string& method, const std::string& path,
                        const std::optional<nlohmann::json>& body,
                        const std::function<void(const nlohmann::json&)>& text) {
  SLUICE_ASSIGN_OR_RETURN(nlohmann::json doc, api.Call(method, path, body));
  global.json ? PrintJson(doc) : text(doc);
  return Status::Ok();
}

using Action = std::function<int()>;

void AddServeCommand(CLI::App& app, Action& run);
void AddPlatformCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddPolicyCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddClientCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddCatalogCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddControlCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddPromoteCommands(CLI::App& app, const GlobalOptions& global, Action& run);
// `release` and `attest`.
void AddReleaseCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddDeclassifyCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddAuditCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddDemoCommand(CLI::App& app, const GlobalOptions& global, Action& run);
void AddScanCommand(CLI::App& app, const GlobalOptions& global, Action& run);

}  // namespace sluice::cli
