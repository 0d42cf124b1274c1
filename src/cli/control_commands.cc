// Controls against a running server: `sluice session open|ls|close` and the
// online half of `sluice policy` (push, ls, show, diff, history, rollback).
#include <iostream>

#include "cli/commands.h"
#include "common/duration.h"

namespace sluice::cli {
namespace {

using Json = nlohmann::json;

void PrintSession(const Json& s) {
  std::cout << Str(s, "id") << "  " << Str(s, "environment") << "  until " << Str(s, "expires")
            << (s.value("break_glass", false) ? "  BREAK-GLASS" : "")
            << (s.value("open", true) ? "" : "  (ended)") << "  " << Str(s, "purpose") << "\n";
}

void AddSessionCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand(
      "session", "Just-in-time sessions: declare why and where you work, for a bounded time");
  group->require_subcommand(1);

  struct Open {
    std::string env, purpose, ttl;
  };
  auto open = std::make_shared<Open>();
  CLI::App* o = group->add_subcommand(
      "open", "Open a session; prints its token (export it as SLUICE_SESSION)");
  o->add_option("--env", open->env, "Environment to work in")->required();
  o->add_option("--purpose", open->purpose, "Why you need access (recorded with every action)")
      ->required();
  o->add_option("--ttl", open->ttl, "How long it lasts (default 4h, at most 12h)");
  o->callback([&global, &run, open] {
    run = [&global, open] {
      Json body = {{"environment", open->env}, {"purpose", open->purpose}};
      if (!open->ttl.empty()) body["ttl"] = open->ttl;
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/sessions", body, [](const Json& s) {
          std::cout << "session " << Str(s, "id") << " in " << Str(s, "environment") << " until "
                    << Str(s, "expires") << "\n"
                    << "export SLUICE_SESSION=" << Str(s, "token") << "\n";
        });
      });
    };
  });

  struct List {
    bool all = false, ended = false;
  };
  auto list = std::make_shared<List>();
  CLI::App* l = group->add_subcommand("ls", "Your open sessions");
  l->add_flag("--all", list->all, "Everyone's (admins)");
  l->add_flag("--ended", list->ended, "Include closed and expired sessions");
  l->callback([&global, &run, list] {
    run = [&global, list] {
      const std::string query = std::string("/sessions?all=") + (list->all ? "true" : "false") +
                                "&ended=" + (list->ended ? "true" : "false");
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", query, std::nullopt, [](const Json& doc) {
          for (const auto& s : doc["sessions"]) PrintSession(s);
        });
      });
    };
  });

  auto id = std::make_shared<std::string>();
  CLI::App* c = group->add_subcommand("close", "Close a session before it expires");
  c->add_option("ID", *id, "Session id")->required();
  c->callback([&global, &run, id] {
    run = [&global, id] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "DELETE", "/sessions/" + client::EscapeSegment(*id),
                         std::nullopt, [&](const Json&) { std::cout << "closed " << *id << "\n"; });
      });
    };
  });
}

std::string BaseName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void PrintVersion(const Json& v) {
  std::cout << "version " << v.value("version", 0) << "  " << Str(v, "created") << "  by "
            << Str(v, "author") << "  " << Str(v, "comment") << "\n";
}

void AddOnlinePolicyCommands(CLI::App& group, const GlobalOptions& global, Action& run) {
  struct Push {
    std::vector<std::string> files;
    std::string comment;
  };
  auto push = std::make_shared<Push>();
  CLI::App* p = group.add_subcommand(
      "push", "Replace the server's policies with FILE... (validated first; admin)");
  p->add_option("FILE", push->files, "Cedar policy files (*.cedar)")->required();
  p->add_option("--comment", push->comment, "Why (recorded with the version)");
  p->callback([&global, &run, push] {
    run = [&global, push] {
      Json files = Json::array();
      for (const auto& path : push->files) {
        Result<std::string> text = ReadLocalFile(path);
        if (!text.ok()) return ReportError(text.status());
        files.push_back({{"name", BaseName(path)}, {"text", *text}});
      }
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/policies",
                         Json{{"files", files}, {"comment", push->comment}}, [](const Json& v) {
                           std::cout << "in force: ";
                           PrintVersion(v);
                         });
      });
    };
  });

  auto history = [&global](const Json& doc) {
    (void)global;
    for (const auto& v : doc["versions"]) PrintVersion(v);
  };
  for (const char* name : {"ls", "history"}) {
    CLI::App* h = group.add_subcommand(name, "The server's policy versions, newest first");
    h->callback([&global, &run, history] {
      run = [&global, history] {
        return WithClient(global, [&](client::ApiClient& api) {
          return CallPrint(global, api, "GET", "/policies/history", std::nullopt, history);
        });
      };
    });
  }

  auto version = std::make_shared<std::int64_t>(0);
  CLI::App* s = group.add_subcommand("show", "Print a policy version's files (default: in force)");
  s->add_option("VERSION", *version, "Version number");
  s->callback([&global, &run, version] {
    run = [&global, version] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", "/policies?version=" + std::to_string(*version),
                         std::nullopt, [](const Json& v) {
                           std::cout << "// ";
                           PrintVersion(v);
                           for (const auto& f : v["files"]) {
                             std::cout << "// ---- " << Str(f, "name") << "\n" << Str(f, "text");
                           }
                         });
      });
    };
  });

  auto range = std::make_shared<std::pair<std::int64_t, std::int64_t>>(0, 0);
  CLI::App* d = group.add_subcommand("diff", "Line diff between two policy versions");
  d->add_option("FROM", range->first, "Older version")->required();
  d->add_option("TO", range->second, "Newer version")->required();
  d->callback([&global, &run, range] {
    run = [&global, range] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET",
                         "/policies/diff?from=" + std::to_string(range->first) +
                             "&to=" + std::to_string(range->second),
                         std::nullopt, [](const Json& doc) { std::cout << Str(doc, "diff"); });
      });
    };
  });

  auto back_to = std::make_shared<std::int64_t>(0);
  CLI::App* r = group.add_subcommand(
      "rollback", "Put an earlier version's policies back in force, as a new version (admin)");
  r->add_option("VERSION", *back_to, "The version to return to")->required();
  r->callback([&global, &run, back_to] {
    run = [&global, back_to] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/policies/rollback", Json{{"version", *back_to}},
                         [](const Json& v) {
                           std::cout << "in force: ";
                           PrintVersion(v);
                         });
      });
    };
  });
}

void AddAlertCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand("alert", "Alerts raised by rules over the audit log");
  group->require_subcommand(1);

  struct List {
    std::string state = "open";
    int limit = 100;
  };
  auto list = std::make_shared<List>();
  CLI::App* l = group->add_subcommand("ls", "Alerts, newest first (default: open ones)");
  l->add_option("--state", list->state, "open, acknowledged, or all")->capture_default_str();
  l->add_option("--limit", list->limit, "At most this many")->capture_default_str();
  l->callback([&global, &run, list] {
    run = [&global, list] {
      const std::string state = list->state == "all" ? "" : list->state;
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(
            global, api, "GET", "/alerts?state=" + state + "&limit=" + std::to_string(list->limit),
            std::nullopt, [](const Json& doc) {
              for (const auto& a : doc["alerts"]) {
                std::cout << Str(a, "id") << "  " << Str(a, "severity") << "  " << Str(a, "rule_id")
                          << "  " << Str(a, "state") << "  " << Str(a, "description") << "  "
                          << a.value("group", Json()).dump() << "\n";
              }
            });
      });
    };
  });

  struct Ack {
    std::string id, comment;
  };
  auto ack = std::make_shared<Ack>();
  CLI::App* k = group->add_subcommand("ack", "Acknowledge an alert (role security)");
  k->add_option("ID", ack->id, "Alert id")->required();
  k->add_option("--comment", ack->comment, "What was found or done");
  k->callback([&global, &run, ack] {
    run = [&global, ack] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/alerts/" + client::EscapeSegment(ack->id) + "/ack",
                         Json{{"comment", ack->comment}},
                         [&](const Json&) { std::cout << "acknowledged " << ack->id << "\n"; });
      });
    };
  });
}

void PrintBreakGlass(const Json& r) {
  std::cout << Str(r, "id") << "  " << Str(r, "state") << "  " << Str(r, "environment") << "  by "
            << Str(r, "requester") << "  approvals " << r.value("approvals", Json::array()).size()
            << "  " << Str(r, "reason") << "\n";
}

void AddBreakGlassCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand(
      "breakglass", "Emergency read-write access to an automation-only environment (2 approvals)");
  group->require_subcommand(1);

  struct Ask {
    std::string env, reason, ttl;
  };
  auto ask = std::make_shared<Ask>();
  CLI::App* r = group->add_subcommand("request", "Ask for break-glass access, with a reason");
  r->add_option("--env", ask->env, "Environment (automation-only, e.g. production)")->required();
  r->add_option("--reason", ask->reason, "What is broken and why you need access")->required();
  r->add_option("--ttl", ask->ttl, "How long the session lasts once opened (default 1h)");
  r->callback([&global, &run, ask] {
    run = [&global, ask] {
      Json body = {{"environment", ask->env}, {"reason", ask->reason}};
      if (!ask->ttl.empty()) body["ttl"] = ask->ttl;
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/breakglass", body, [](const Json& req) {
          std::cout << "requested " << Str(req, "id")
                    << ": two approvers other than you must now run `sluice breakglass approve "
                    << Str(req, "id") << "`\n";
        });
      });
    };
  });

  struct Approve {
    std::string id, comment;
  };
  auto approve = std::make_shared<Approve>();
  CLI::App* a = group->add_subcommand("approve", "Approve someone else's break-glass request");
  a->add_option("ID", approve->id, "Request id")->required();
  a->add_option("--comment", approve->comment, "Why you approve");
  a->callback([&global, &run, approve] {
    run = [&global, approve] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST",
                         "/breakglass/" + client::EscapeSegment(approve->id) + "/approve",
                         Json{{"comment", approve->comment}}, PrintBreakGlass);
      });
    };
  });

  auto id = std::make_shared<std::string>();
  CLI::App* o = group->add_subcommand(
      "open", "Open your approved request's session (prints SLUICE_SESSION; raises an alert)");
  o->add_option("ID", *id, "Request id")->required();
  o->callback([&global, &run, id] {
    run = [&global, id] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/breakglass/" + client::EscapeSegment(*id) + "/open",
                         std::nullopt, [](const Json& s) {
                           std::cout << "BREAK-GLASS session " << Str(s, "id") << " in "
                                     << Str(s, "environment") << " until " << Str(s, "expires")
                                     << "\nexport SLUICE_SESSION=" << Str(s, "token") << "\n";
                         });
      });
    };
  });

  CLI::App* l = group->add_subcommand("ls", "Break-glass requests, newest first");
  l->callback([&global, &run] {
    run = [&global] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", "/breakglass", std::nullopt, [](const Json& doc) {
          for (const auto& req : doc["requests"]) PrintBreakGlass(req);
        });
      });
    };
  });
}

}  // namespace

void AddControlCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  AddBreakGlassCommands(app, global, run);
  AddSessionCommands(app, global, run);
  AddAlertCommands(app, global, run);
  AddOnlinePolicyCommands(*app.get_subcommand("policy"), global, run);
}

}  // namespace sluice::cli
