#include <memory>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "common/duration.h"
#include "server/serve.h"

namespace sluice::cli {

void AddServeCommand(CLI::App& app, Action& run) {
  auto options = std::make_shared<server::ServeOptions>();
  options->instance.data_dir = "./.sluice";
  CLI::App* cmd = app.add_subcommand(
      "serve", "Run the Sluice server in the foreground (SIGINT/SIGTERM stop it cleanly)");
  cmd->add_option("--data", options->instance.data_dir, "Data directory")
      ->envname("SLUICE_DATA")
      ->capture_default_str();
  cmd->add_option("--listen", options->listen, "HOST:PORT to listen on")
      ->envname("SLUICE_LISTEN")
      ->capture_default_str();
  auto* file = cmd->add_option("--platform", options->instance.platform_file,
                               "Platform file (YAML) defining the ladder");
  cmd->add_option("--template", options->instance.template_name,
                  "Built-in ladder: five-stage (default), three-stage-infra, "
                  "three-stage-integration")
      ->excludes(file);
  cmd->add_option("--alert-rules", options->instance.alert_rules_file,
                  "YAML alert rules added to the built-in ones (alerts/default-alerts.yaml)")
      ->envname("SLUICE_ALERT_RULES");
  cmd->add_option("--alert-webhook", options->instance.alert_webhook,
                  "POST every alert to this http:// URL (with retries)")
      ->envname("SLUICE_ALERT_WEBHOOK");
  cmd->add_option("--audit-checkpoints", options->instance.audit_checkpoint_dir,
                  "Directory that receives a copy of every signed audit checkpoint "
                  "(a write-once mount or another account's storage)")
      ->envname("SLUICE_AUDIT_CHECKPOINTS");
  cmd->add_option("--threads", options->threads,
                  "Server threads (0: 4 per core, at least 16; handlers wait on fdatasync)");
  cmd->add_option("--access-log", options->access_log,
                  "Access log: - (stdout), off, or a file path")
      ->capture_default_str();
  auto sweep = std::make_shared<std::string>("10m");
  cmd->add_option("--sweep-interval", *sweep,
                  "How often expired copies are purged (e.g. 10m; 0s: never)")
      ->capture_default_str();
  cmd->callback([options, sweep, &run] {
    run = [options, sweep] {
      std::optional<std::chrono::seconds> interval = ParseDuration(*sweep);
      if (!interval && *sweep != "0" && *sweep != "0s") {
        return ReportError(
            InvalidArgument("--sweep-interval \"" + *sweep + "\" is not a duration like 10m"));
      }
      options->sweep_interval = interval.value_or(std::chrono::seconds(0));
      Status status = server::Serve(*options);
      return status.ok() ? kExitOk : ReportError(status);
    };
  });
}

}  // namespace sluice::cli
