// `sluice declassify request|ls|show|approve|reject`: taking labels off a
// version's classification, with approvals (docs/declassification.md).
#include <iostream>

#include "cli/commands.h"

namespace sluice::cli {
namespace {

using Json = nlohmann::json;

void PrintDeclassification(const Json& d) {
  const Json approvals = d.value("approvals", Json::object());
  std::cout << Str(d, "id") << "  " << Str(d, "state") << "  remove "
            << d.value("labels", Json::array()).dump() << " from " << Str(d, "version") << "  by "
            << Str(d, "requester") << "  approvals " << approvals.value("current", 0) << "/"
            << approvals.value("needed", 0) << "\n";
}

void AddDecision(CLI::App& group, const GlobalOptions& global, Action& run, const std::string& verb,
                 const std::string& help) {
  struct Args {
    std::string id, comment;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = group.add_subcommand(verb, help);
  cmd->add_option("ID", args->id, "Declassification id")->required();
  cmd->add_option("--comment", args->comment, "Why (recorded)");
  cmd->callback([&global, &run, args, verb] {
    run = [&global, args, verb] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST",
                         "/declassifications/" + client::EscapeSegment(args->id) + "/" + verb,
                         Json{{"comment", args->comment}}, PrintDeclassification);
      });
    };
  });
}

}  // namespace

void AddDeclassifyCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand(
      "declassify", "Take labels off a version's classification, with approvals");
  group->require_subcommand(1);

  struct Ask {
    std::string ref, why;
    std::vector<std::string> labels;
  };
  auto ask = std::make_shared<Ask>();
  CLI::App* r = group->add_subcommand("request", "Ask to remove labels from a version");
  r->add_option("REF", ask->ref, "ENV/PROJECT/ASSET[@ID|:ALIAS]")->required();
  r->add_option("--label", ask->labels, "A label to remove: PII, PHI, PCI, credential; repeatable")
      ->required();
  r->add_option("--why", ask->why, "Justification (recorded; 10..2000 characters)")->required();
  r->callback([&global, &run, ask] {
    run = [&global, ask] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/declassifications",
                         Json{{"ref", ask->ref}, {"labels", ask->labels}, {"why", ask->why}},
                         PrintDeclassification);
      });
    };
  });

  CLI::App* l = group->add_subcommand("ls", "Declassification requests, newest first");
  l->callback([&global, &run] {
    run = [&global] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", "/declassifications", std::nullopt,
                         [](const Json& doc) {
                           for (const auto& d : doc["declassifications"]) PrintDeclassification(d);
                         });
      });
    };
  });

  auto id = std::make_shared<std::string>();
  CLI::App* s = group->add_subcommand("show", "One request, with its decisions");
  s->add_option("ID", *id, "Declassification id")->required();
  s->callback([&global, &run, id] {
    run = [&global, id] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", "/declassifications/" + client::EscapeSegment(*id),
                         std::nullopt, [](const Json& d) {
                           PrintDeclassification(d);
                           std::cout << "why: " << Str(d, "justification") << "\n";
                           for (const auto& x : d["decisions"]) {
                             std::cout << "  " << Str(x, "decision") << " by " << Str(x, "approver")
                                       << " at " << Str(x, "time") << "  " << Str(x, "comment")
                                       << "\n";
                           }
                         });
      });
    };
  });

  AddDecision(*group, global, run, "approve",
              "Approve (not your own request, not your version); the labels come off at the "
              "environment's approval count");
  AddDecision(*group, global, run, "reject", "Reject");
}

}  // namespace sluice::cli
