#include <iostream>
#include <memory>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "platform/parser.h"
#include "platform/render.h"
#include "platform/templates.h"

namespace sluice::cli {
namespace {

int Check(const std::string& file, bool json) {
  platform::ParseOutcome outcome = platform::LoadPlatformFile(file);
  if (json) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& d : outcome.diagnostics) errors.push_back(platform::ToJson(d));
    PrintJson({{"file", file}, {"ok", outcome.ok()}, {"errors", errors}});
  } else if (outcome.ok()) {
    std::cout << file << ": ok (" << outcome.platform->environments.size()
              << " environments)\n";
  } else {
    std::cerr << platform::FormatDiagnostics(outcome.diagnostics);
    if (!platform::FormatDiagnostics(outcome.diagnostics).ends_with("\n")) std::cerr << "\n";
  }
  return outcome.ok() ? kExitOk : kExitFailure;
}

int Show(const std::string& template_name, const std::string& file, bool json) {
  platform::Platform shown;
  if (!file.empty()) {
    platform::ParseOutcome outcome = platform::LoadPlatformFile(file);
    if (!outcome.ok()) {
      std::cerr << platform::FormatDiagnostics(outcome.diagnostics) << "\n";
      return kExitFailure;
    }
    shown = std::move(*outcome.platform);
  } else {
    Result<platform::Platform> t =
        platform::Template(template_name.empty() ? "five-stage" : template_name);
    if (!t.ok()) return ReportError(t.status());
    shown = std::move(t).value();
  }
  if (json) {
    PrintJson(platform::ToJson(shown));
  } else {
    std::cout << platform::ToText(shown);
  }
  return kExitOk;
}

}  // namespace

void AddPlatformCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand("platform", "Platform files: the environment ladder");
  group->require_subcommand(1);

  auto check_file = std::make_shared<std::string>();
  CLI::App* check =
      group->add_subcommand("check", "Check a platform file offline (exit 1 with its errors)");
  check->add_option("FILE", *check_file, "Platform file (YAML)")->required();
  check->callback([check_file, &global, &run] {
    run = [check_file, &global] { return Check(*check_file, global.json); };
  });

  auto template_name = std::make_shared<std::string>();
  auto show_file = std::make_shared<std::string>();
  CLI::App* show = group->add_subcommand(
      "show", "Show a built-in template (default five-stage) or a platform file");
  auto* t = show->add_option("--template", *template_name,
                             "five-stage, three-stage-infra or three-stage-integration");
  show->add_option("--file", *show_file, "Platform file (YAML)")->excludes(t);
  show->callback([template_name, show_file, &global, &run] {
    run = [template_name, show_file, &global] {
      return Show(*template_name, *show_file, global.json);
    };
  });
}

}  // namespace sluice::cli
