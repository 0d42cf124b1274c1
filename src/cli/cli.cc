#include "cli/cli.h"

#include <iostream>

#include "cli/commands.h"
#include "common/version.h"

namespace sluice::cli {

Result<std::unique_ptr<client::ApiClient>> Connect(const GlobalOptions& global) {
  if (global.token.empty())
    return Unauthenticated("no API token: set SLUICE_TOKEN or pass --token");
  return client::ApiClient::Make(global.server, global.token, global.session);
}

int Main(int argc, char** argv) {
  CLI::App app{
      "Sluice: the control plane of a data-science platform on production data.\n"
      "Run `sluice serve` to start the server; the other commands talk to it."};
  app.name("sluice");
  app.set_version_flag("--version", std::string("sluice ") + kVersion);
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand

  GlobalOptions global;
  app.add_option("--server", global.server, "Sluice server URL")
      ->envname("SLUICE_SERVER")
      ->capture_default_str();
  app.add_option("--token", global.token, "API token (prefer the SLUICE_TOKEN variable)")
      ->envname("SLUICE_TOKEN");
  app.add_option("--session", global.session,
                 "Session token from `sluice session open` (or the SLUICE_SESSION variable)")
      ->envname("SLUICE_SESSION");
  app.add_flag("--json", global.json, "Print machine-readable JSON");

  Action run;
  AddServeCommand(app, run);
  AddPlatformCommands(app, global, run);
  AddPolicyCommands(app, global, run);
  AddClientCommands(app, global, run);
  AddCatalogCommands(app, global, run);
  AddAuditCommands(app, global, run);
  AddControlCommands(app, global, run);
  AddPromoteCommands(app, global, run);
  AddReleaseCommands(app, global, run);
  AddDemoCommand(app, global, run);
  AddScanCommand(app, global, run);
  AddDeclassifyCommands(app, global, run);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (!run) {
    std::cerr << app.help();
    return kExitUsage;
  }
  return run();
}

}  // namespace sluice::cli
