// `sluice promote request|amend|rollback|ls|show|approve|reject|cancel|run`:
// promotion up the ladder against a running server (docs/promotion.md).
#include <iostream>

#include "cli/commands.h"

namespace sluice::cli {
namespace {

using Json = nlohmann::json;

void PrintPromotion(const Json& p) {
  const Json approvals = p.value("approvals", Json::object());
  std::cout << Str(p, "id") << "  " << Str(p, "state") << "  " << Str(p, "from") << " -> "
            << Str(p, "to") << "  " << p.value("versions", Json::array()).size()
            << " version(s)  by " << Str(p, "requester") << "  approvals "
            << approvals.value("current", 0) << "/" << approvals.value("needed", 0);
  if (p.value("rollback", false)) std::cout << "  rollback";
  if (!Str(p, "message").empty() && Str(p, "message") != "-") {
    std::cout << "  (" << Str(p, "message") << ")";
  }
  std::cout << "\n";
}

void PrintGates(const Json& p) {
  for (const auto& g : p.value("gates", Json::array())) {
    const char* verdict = g.value("skipped", false)  ? "skip"
                          : g.value("passed", false) ? "pass"
                                                     : "FAIL";
    std::cout << "  gate " << verdict << "  " << Str(g, "gate");
    if (Str(g, "subject") != "-" && !Str(g, "subject").empty())
      std::cout << "  " << Str(g, "subject");
    std::cout << "\n";
    for (const auto& m : g.value("messages", Json::array())) {
      if (m.is_string()) std::cout << "       " << m.get<std::string>() << "\n";
    }
  }
}

// A subcommand that takes a promotion ID and POSTs to /promotions/ID/VERB.
void AddVerb(CLI::App& group, const GlobalOptions& global, Action& run, const std::string& verb,
             const std::string& help, bool comment) {
  struct Args {
    std::string id, comment;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = group.add_subcommand(verb, help);
  cmd->add_option("ID", args->id, "Promotion id")->required();
  if (comment) cmd->add_option("--comment", args->comment, "Why (recorded)");
  cmd->callback([&global, &run, args, verb] {
    run = [&global, args, verb] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST",
                         "/promotions/" + client::EscapeSegment(args->id) + "/" + verb,
                         Json{{"comment", args->comment}}, PrintPromotion);
      });
    };
  });
}

}  // namespace

void AddPromoteCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand(
      "promote", "Promotion up the ladder: request, approve, run (automation), follow");
  group->require_subcommand(1);

  struct Ask {
    std::vector<std::string> refs, aliases;
    std::string to, why;
  };
  auto ask = std::make_shared<Ask>();
  CLI::App* r = group->add_subcommand("request", "Ask to promote a bundle of versions one rung up");
  r->add_option("REF", ask->refs, "Versions (ENV/PROJECT/ASSET[@ID|:ALIAS]), one environment")
      ->required();
  r->add_option("--to", ask->to, "The next rung, e.g. integration")->required();
  r->add_option("--why", ask->why, "Justification (recorded)")->required();
  r->add_option("--alias", ask->aliases,
                "An alias the promoted versions take in the target (e.g. champion); repeatable");
  r->callback([&global, &run, ask] {
    run = [&global, ask] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(
            global, api, "POST", "/promotions",
            Json{
                {"refs", ask->refs}, {"to", ask->to}, {"why", ask->why}, {"aliases", ask->aliases}},
            [](const Json& p) {
              PrintPromotion(p);
              PrintGates(p);
            });
      });
    };
  });

  struct Amend {
    std::string id;
    std::vector<std::string> refs;
  };
  auto amend = std::make_shared<Amend>();
  CLI::App* a = group->add_subcommand(
      "amend", "Replace a pending promotion's bundle (its approvals go stale; gates run again)");
  a->add_option("ID", amend->id, "Promotion id")->required();
  a->add_option("REF", amend->refs, "The new bundle's versions")->required();
  a->callback([&global, &run, amend] {
    run = [&global, amend] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST",
                         "/promotions/" + client::EscapeSegment(amend->id) + "/amend",
                         Json{{"refs", amend->refs}}, [](const Json& p) {
                           PrintPromotion(p);
                           PrintGates(p);
                         });
      });
    };
  });

  struct Back {
    std::string asset, alias, why;
  };
  auto back = std::make_shared<Back>();
  CLI::App* b = group->add_subcommand(
      "rollback",
      "Request a promotion of what ENV/PROJECT/ASSET held before, through the same gates and "
      "approvals");
  b->add_option("ASSET", back->asset, "The target asset, e.g. production/churn/model")->required();
  b->add_option("--alias", back->alias, "The alias to move back, e.g. champion");
  b->add_option("--why", back->why, "Justification (recorded)")->required();
  b->callback([&global, &run, back] {
    run = [&global, back] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/rollbacks",
                         Json{{"asset", back->asset}, {"alias", back->alias}, {"why", back->why}},
                         [](const Json& p) {
                           PrintPromotion(p);
                           PrintGates(p);
                         });
      });
    };
  });

  CLI::App* l = group->add_subcommand("ls", "Promotions, newest first");
  l->callback([&global, &run] {
    run = [&global] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", "/promotions", std::nullopt, [](const Json& doc) {
          for (const auto& p : doc["promotions"]) PrintPromotion(p);
        });
      });
    };
  });

  auto id = std::make_shared<std::string>();
  CLI::App* s = group->add_subcommand("show", "One promotion, with its decisions");
  s->add_option("ID", *id, "Promotion id")->required();
  s->callback([&global, &run, id] {
    run = [&global, id] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", "/promotions/" + client::EscapeSegment(*id),
                         std::nullopt, [](const Json& p) {
                           PrintPromotion(p);
                           std::cout << "why: " << Str(p, "justification") << "\n";
                           PrintGates(p);
                           for (const auto& v : p["versions"]) {
                             std::cout << "  version " << v.get<std::string>() << "\n";
                           }
                           for (const auto& d : p["decisions"]) {
                             std::cout << "  " << Str(d, "decision") << " by " << Str(d, "approver")
                                       << " at " << Str(d, "time")
                                       << (d.value("current", false) ? "" : " (stale)") << "  "
                                       << Str(d, "comment") << "\n";
                           }
                         });
      });
    };
  });

  AddVerb(*group, global, run, "approve", "Approve (not your own, not your work)", true);
  AddVerb(*group, global, run, "reject", "Reject", true);
  AddVerb(*group, global, run, "cancel", "Withdraw a request", false);
  AddVerb(*group, global, run, "run",
          "Materialise an approved promotion into its target (automation: a service token)", false);
}

}  // namespace sluice::cli
