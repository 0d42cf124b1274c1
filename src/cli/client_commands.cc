// Commands that talk to a running server: env, whoami, principal, token.
#include <iostream>
#include <memory>

#include "access/token.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "client/api_client.h"

namespace sluice::cli {
namespace {

// Calls the API and hands the JSON to `print`; maps errors to exit codes.
template <typename Print>
int CallAndPrint(const GlobalOptions& global, const std::string& method, const std::string& path,
                 const std::optional<nlohmann::json>& body, Print&& print) {
  Result<std::unique_ptr<client::ApiClient>> api = Connect(global);
  if (!api.ok()) return ReportError(api.status());
  Result<nlohmann::json> result = (*api)->Call(method, path, body);
  if (!result.ok()) return ReportError(result.status());
  print(*result);
  return kExitOk;
}

std::string AttributeText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  std::string out = "[";
  for (const auto& e : v) out.append(out.size() > 1 ? "," : "").append(e.get<std::string>());
  return out + "]";
}

std::string AttributesText(const nlohmann::json& attributes) {
  std::string out;
  for (const auto& [k, v] : attributes.items()) {
    out.append(out.empty() ? "" : " ").append(k).append("=").append(AttributeText(v));
  }
  return out.empty() ? "-" : out;
}

void PrintPrincipal(const nlohmann::json& p) {
  std::cout << "name:       " << p["name"].get<std::string>() << "\n"
            << "kind:       " << p["kind"].get<std::string>() << "\n"
            << "roles:      " << JoinOrDash(p["roles"].get<std::vector<std::string>>()) << "\n"
            << "attributes: " << AttributesText(p["attributes"]) << "\n";
}

// "K=V": V "true"/"false" is a boolean, "[a,b]" a set, anything else a string.
Result<std::pair<std::string, nlohmann::json>> ParseAttribute(const std::string& text) {
  std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return InvalidArgument("--attr \"" + text + "\" must be KEY=VALUE");
  }
  std::string key = text.substr(0, eq);
  std::string value = text.substr(eq + 1);
  if (value == "true" || value == "false")
    return std::make_pair(key, nlohmann::json(value == "true"));
  if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
    nlohmann::json set = nlohmann::json::array();
    std::string inner = value.substr(1, value.size() - 2);
    std::size_t start = 0;
    while (!inner.empty() && start <= inner.size()) {
      std::size_t comma = inner.find(',', start);
      std::string element = inner.substr(start, comma - start);
      if (element.empty()) {
        return InvalidArgument("--attr \"" + text + "\": a set element is empty");
      }
      set.push_back(std::move(element));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return std::make_pair(key, set);
  }
  return std::make_pair(key, nlohmann::json(value));
}

void AddEnvCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand("env", "Environments of the ladder");
  group->require_subcommand(1);
  CLI::App* ls = group->add_subcommand("ls", "List the environments, lowest rung first");
  ls->callback([&global, &run] {
    run = [&global] {
      return CallAndPrint(
          global, "GET", "/environments", std::nullopt, [&](const nlohmann::json& doc) {
            if (global.json) return PrintJson(doc);
            std::vector<std::vector<std::string>> rows;
            for (const auto& e : doc["environments"]) {
              std::string retention =
                  e["copy_retention_seconds"].is_null()
                      ? "-"
                      : std::to_string(e["copy_retention_seconds"].get<long>() / 86400) + "d";
              rows.push_back(
                  {e["name"], e["track"], e["data"], e["mode"], e["storage_domain"], retention});
            }
            PrintTable({"NAME", "TRACK", "DATA", "MODE", "STORAGE", "COPY-RETENTION"}, rows);
          });
    };
  });
}

void AddWhoAmI(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* cmd = app.add_subcommand("whoami", "Show the principal your token belongs to");
  cmd->callback([&global, &run] {
    run = [&global] {
      return CallAndPrint(global, "GET", "/whoami", std::nullopt, [&](const nlohmann::json& doc) {
        global.json ? PrintJson(doc) : PrintPrincipal(doc);
      });
    };
  });
}

void AddPrincipalCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand("principal", "Users (people) and services (automation)");
  group->require_subcommand(1);

  struct CreateArgs {
    std::string name, kind;
    std::vector<std::string> roles, attributes;
  };
  auto args = std::make_shared<CreateArgs>();
  CLI::App* create = group->add_subcommand("create", "Create a user or a service");
  create->add_option("NAME", args->name, "Principal name (lowercase)")->required();
  create->add_option("--kind", args->kind, "user (a person) or service (automation)")
      ->required()
      ->check(CLI::IsMember({"user", "service"}));
  create->add_option("--role", args->roles, "A role, e.g. data-scientist (repeatable)");
  create->add_option("--attr", args->attributes,
                     "An attribute KEY=VALUE; VALUE true/false is a boolean, [a,b] a set "
                     "(repeatable)");
  create->callback([args, &global, &run] {
    run = [args, &global]() -> int {
      nlohmann::json attributes = nlohmann::json::object();
      for (const auto& text : args->attributes) {
        auto parsed = ParseAttribute(text);
        if (!parsed.ok()) {
          std::cerr << "sluice: error: " << parsed.status().message() << "\n";
          return kExitUsage;
        }
        if (attributes.contains(parsed->first)) {
          std::cerr << "sluice: error: --attr " << parsed->first << " is given twice\n";
          return kExitUsage;
        }
        attributes[parsed->first] = parsed->second;
      }
      nlohmann::json body = {{"name", args->name},
                             {"kind", args->kind},
                             {"roles", args->roles},
                             {"attributes", attributes}};
      return CallAndPrint(global, "POST", "/principals", body, [&](const nlohmann::json& doc) {
        if (global.json) return PrintJson(doc);
        std::cout << "created " << doc["kind"].get<std::string>() << " "
                  << doc["name"].get<std::string>() << "\n";
      });
    };
  });

  CLI::App* ls = group->add_subcommand("ls", "List principals");
  ls->callback([&global, &run] {
    run = [&global] {
      return CallAndPrint(
          global, "GET", "/principals", std::nullopt, [&](const nlohmann::json& doc) {
            if (global.json) return PrintJson(doc);
            std::vector<std::vector<std::string>> rows;
            for (const auto& p : doc["principals"]) {
              rows.push_back({p["name"], p["kind"],
                              JoinOrDash(p["roles"].get<std::vector<std::string>>()),
                              AttributesText(p["attributes"])});
            }
            PrintTable({"NAME", "KIND", "ROLES", "ATTRIBUTES"}, rows);
          });
    };
  });

  auto show_name = std::make_shared<std::string>();
  CLI::App* show = group->add_subcommand("show", "Show one principal");
  show->add_option("NAME", *show_name)->required();
  show->callback([show_name, &global, &run] {
    run = [show_name, &global] {
      return CallAndPrint(
          global, "GET", "/principals/" + client::EscapeSegment(*show_name), std::nullopt,
          [&](const nlohmann::json& doc) { global.json ? PrintJson(doc) : PrintPrincipal(doc); });
    };
  });

  auto rm_name = std::make_shared<std::string>();
  CLI::App* rm = group->add_subcommand("rm", "Delete a principal and its tokens");
  rm->add_option("NAME", *rm_name)->required();
  rm->callback([rm_name, &global, &run] {
    run = [rm_name, &global] {
      return CallAndPrint(global, "DELETE", "/principals/" + client::EscapeSegment(*rm_name),
                          std::nullopt, [&](const nlohmann::json&) {
                            if (global.json) return PrintJson({{"deleted", *rm_name}});
                            std::cout << "deleted " << *rm_name << "\n";
                          });
    };
  });
}

void AddTokenCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand("token", "API tokens");
  group->require_subcommand(1);

  auto principal = std::make_shared<std::string>();
  auto expires = std::make_shared<std::string>();
  CLI::App* create = group->add_subcommand("create", "Issue a token for a principal (shown once)");
  create->add_option("PRINCIPAL", *principal)->required();
  create->add_option("--expires", *expires, "Lifetime, e.g. 30d, 12h, 90m");
  create->callback([principal, expires, &global, &run] {
    run = [principal, expires, &global]() -> int {
      nlohmann::json body = nlohmann::json::object();
      if (!expires->empty()) {
        if (auto ttl = access::ParseTtl(*expires); !ttl.ok()) {
          std::cerr << "sluice: error: --expires: " << ttl.status().message() << "\n";
          return kExitUsage;
        }
        body["expires_in"] = *expires;
      }
      return CallAndPrint(
          global, "POST", "/principals/" + client::EscapeSegment(*principal) + "/tokens", body,
          [&](const nlohmann::json& doc) {
            if (global.json) return PrintJson(doc);
            std::cout << doc["token"].get<std::string>() << "\n";
            std::cerr << "token " << doc["id"].get<std::string>() << " for " << *principal
                      << (doc["expires"].is_null()
                              ? std::string(", no expiry")
                              : ", expires " + doc["expires"].get<std::string>())
                      << ". It is shown only this once.\n";
          });
    };
  });

  auto id = std::make_shared<std::string>();
  CLI::App* revoke = group->add_subcommand("revoke", "Revoke a token by its id");
  revoke->add_option("ID", *id)->required();
  revoke->callback([id, &global, &run] {
    run = [id, &global] {
      return CallAndPrint(global, "DELETE", "/tokens/" + client::EscapeSegment(*id), std::nullopt,
                          [&](const nlohmann::json&) {
                            if (global.json) return PrintJson({{"revoked", *id}});
                            std::cout << "revoked " << *id << "\n";
                          });
    };
  });
}

}  // namespace

void AddClientCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  AddEnvCommands(app, global, run);
  AddWhoAmI(app, global, run);
  AddPrincipalCommands(app, global, run);
  AddTokenCommands(app, global, run);
}

}  // namespace sluice::cli
