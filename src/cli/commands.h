// Registration of the CLI's command groups. Each Add* function adds its
// subcommands to `app` and sets `run` to the action of whichever of them the
// user picked; Main() runs it after parsing.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace sluice::cli {

struct GlobalOptions {
  std::string server = "http://127.0.0.1:7070";
  std::string token;
  bool json = false;
};

using Action = std::function<int()>;

void AddServeCommand(CLI::App& app, Action& run);
void AddPlatformCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddPolicyCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddClientCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddCatalogCommands(CLI::App& app, const GlobalOptions& global, Action& run);
void AddAuditCommands(CLI::App& app, const GlobalOptions& global, Action& run);

}  // namespace sluice::cli
