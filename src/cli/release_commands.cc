// `sluice release create|ls|promote|roll|status|rollback` (infra release
// trains) and `sluice attest show|verify` (signed promotion attestations)
// against a running server; `attest verify --file` works offline
// (docs/promotion.md, docs/attestations.md).
#include <iostream>

#include "attest/envelope.h"
#include "cli/commands.h"

namespace sluice::cli {
namespace {

using Json = nlohmann::json;

void PrintRoll(const Json& roll) {
  std::cout << "rolled release " << Str(roll, "release")
            << (roll.value("rollback", false) ? " (rollback)" : "") << " by " << Str(roll, "runner")
            << " at " << Str(roll, "rolled") << "\n";
  const Json placed = roll.value("placed", Json::object());
  for (const auto& [env, ids] : placed.items()) {
    std::cout << "  " << env << ": " << ids.size() << " component(s)\n";
  }
}

void AddReleaseGroup(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand(
      "release", "Infra release trains: create, promote, roll to every production environment");
  group->require_subcommand(1);

  struct Create {
    std::string name, why;
    std::vector<std::string> components;
  };
  auto c = std::make_shared<Create>();
  CLI::App* create = group->add_subcommand("create", "Name a release of infra component versions");
  create->add_option("NAME", c->name, "Release name, e.g. 2026.11-spark")->required();
  create->add_option("--component", c->components, "A component version (REF); repeatable")
      ->required();
  create->add_option("--why", c->why, "Justification (recorded)")->required();
  create->callback([&global, &run, c] {
    run = [&global, c] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/releases",
                         Json{{"name", c->name}, {"components", c->components}, {"why", c->why}},
                         [](const Json& r) {
                           std::cout << "release " << Str(r, "name") << ": "
                                     << r.value("components", Json::array()).size()
                                     << " component(s)\n";
                         });
      });
    };
  });

  CLI::App* ls = group->add_subcommand("ls", "Releases, newest first");
  ls->callback([&global, &run] {
    run = [&global] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", "/releases", std::nullopt, [](const Json& doc) {
          for (const auto& r : doc["releases"]) {
            std::cout << Str(r, "name") << "  " << r.value("components", Json::array()).size()
                      << " component(s)  by " << Str(r, "creator") << "  " << Str(r, "created")
                      << "\n";
          }
        });
      });
    };
  });

  struct Promote {
    std::string name, why;
  };
  auto p = std::make_shared<Promote>();
  CLI::App* promote = group->add_subcommand(
      "promote",
      "Request the release's promotion one rung up the infra track (its gates, approvals)");
  promote->add_option("NAME", p->name, "Release name")->required();
  promote->add_option("--why", p->why, "Justification (default: the release's)");
  promote->callback([&global, &run, p] {
    run = [&global, p] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST",
                         "/releases/" + client::EscapeSegment(p->name) + "/promote",
                         Json{{"why", p->why}}, [](const Json& r) {
                           std::cout << "promotion " << Str(r, "id") << "  " << Str(r, "state")
                                     << "  " << Str(r, "from") << " -> " << Str(r, "to") << "\n";
                         });
      });
    };
  });

  auto name = std::make_shared<std::string>();
  CLI::App* roll = group->add_subcommand(
      "roll",
      "Roll a promoted release into every production-data environment at once "
      "(automation: a service token); all or nothing");
  roll->add_option("NAME", *name, "Release name")->required();
  roll->callback([&global, &run, name] {
    run = [&global, name] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/releases/" + client::EscapeSegment(*name) + "/roll",
                         Json::object(), PrintRoll);
      });
    };
  });

  CLI::App* back = group->add_subcommand(
      "rollback", "Roll the release before the latest one again, everywhere at once");
  back->callback([&global, &run] {
    run = [&global] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "POST", "/release-train/rollback", Json::object(), PrintRoll);
      });
    };
  });

  CLI::App* status = group->add_subcommand(
      "status", "Each production-data environment's component versions, and any drift");
  status->callback([&global, &run] {
    run = [&global] {
      return WithClient(global, [&](client::ApiClient& api) {
        return CallPrint(global, api, "GET", "/release-train", std::nullopt, [](const Json& s) {
          std::cout << "latest release: "
                    << (Str(s, "latest_release").empty() ? "-" : Str(s, "latest_release")) << "\n";
          for (const auto& e : s["environments"]) {
            std::cout << Str(e, "name") << "\n";
            for (const auto& component : e["components"]) {
              std::cout << "  " << Str(component, "asset") << "  "
                        << Str(component, "version").substr(0, 12) << "  "
                        << (Str(component, "release").empty() ? "-" : Str(component, "release"))
                        << "\n";
            }
          }
          const Json drift = s.value("drift", Json::array());
          std::cout << (drift.empty() ? "no drift\n" : "drift:\n");
          for (const auto& d : drift) std::cout << "  " << d.get<std::string>() << "\n";
        });
      });
    };
  });
}

// Verifies `envelope` with the key in `key_path` and prints what it vouches for.
Status VerifyAndPrint(const GlobalOptions& global, const std::string& envelope,
                      const auditlog::VerifyingKey& key) {
  SLUICE_ASSIGN_OR_RETURN(attest::VerifiedAttestation a, attest::VerifyEnvelope(envelope, key));
  if (global.json) {
    PrintJson({{"verified", true}, {"keyid", a.keyid}, {"statement", a.statement.json}});
    return Status::Ok();
  }
  const attest::PromotionPredicate& p = a.statement.predicate;
  std::cout << "verified: promotion " << p.promotion_id << " " << p.from << " -> " << p.to
            << (p.rollback ? " (rollback)" : "") << ", signed by key " << a.keyid.substr(0, 16)
            << "\n  requested by " << p.requester << ", run by " << p.runner << ", "
            << p.approvals.size() << " approval(s), " << p.gates.size() << " gate result(s)\n";
  for (const auto& s : a.statement.subjects) std::cout << "  subject " << s.name << "\n";
  return Status::Ok();
}

void AddAttestGroup(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand(
      "attest", "Signed attestations of promotions (in-toto statements in DSSE envelopes)");
  group->require_subcommand(1);

  auto id = std::make_shared<std::string>();
  CLI::App* show = group->add_subcommand("show", "Print a promotion's signed envelope");
  show->add_option("ID", *id, "Promotion id")->required();
  show->callback([&global, &run, id] {
    run = [&global, id] {
      return WithClient(global, [&](client::ApiClient& api) -> Status {
        SLUICE_ASSIGN_OR_RETURN(
            Json envelope,
            api.Call("GET", "/promotions/" + client::EscapeSegment(*id) + "/attestation",
                     std::nullopt));
        PrintJson(envelope);
        return Status::Ok();
      });
    };
  });

  struct Verify {
    std::string id, file, public_key;
  };
  auto v = std::make_shared<Verify>();
  CLI::App* verify = group->add_subcommand(
      "verify", "Check a promotion's attestation against the server's public key");
  verify->add_option("ID", v->id, "Promotion id (fetched from the server)");
  verify->add_option("--file", v->file, "An envelope saved with `attest show` (offline)");
  verify->add_option("--public-key", v->public_key,
                     "The server's pinned public key (PEM; `sluice audit public-key`)");
  verify->callback([&global, &run, v] {
    run = [&global, v] {
      if (v->id.empty() == v->file.empty()) {
        return ReportError(InvalidArgument("give a promotion ID or --file, not both"));
      }
      if (!v->file.empty()) {
        if (v->public_key.empty()) {
          return ReportError(InvalidArgument("offline verification needs --public-key"));
        }
        Result<std::string> envelope = ReadLocalFile(v->file);
        if (!envelope.ok()) return ReportError(envelope.status());
        Result<auditlog::VerifyingKey> key = auditlog::VerifyingKey::LoadPemFile(v->public_key);
        if (!key.ok()) return ReportError(key.status());
        Status s = VerifyAndPrint(global, *envelope, *key);
        return s.ok() ? kExitOk : ReportError(s);
      }
      return WithClient(global, [&](client::ApiClient& api) -> Status {
        SLUICE_ASSIGN_OR_RETURN(
            std::string envelope,
            api.CallRaw("GET", "/promotions/" + client::EscapeSegment(v->id) + "/attestation"));
        std::string pem;
        if (v->public_key.empty()) {
          std::cerr << "warning: verifying with the public key the server sends; pin a copy "
                       "(--public-key) to check the server too\n";
          SLUICE_ASSIGN_OR_RETURN(pem, api.CallRaw("GET", "/audit/public-key"));
        } else {
          SLUICE_ASSIGN_OR_RETURN(pem, ReadLocalFile(v->public_key));
        }
        SLUICE_ASSIGN_OR_RETURN(auditlog::VerifyingKey key, auditlog::VerifyingKey::FromPem(pem));
        return VerifyAndPrint(global, envelope, key);
      });
    };
  });
}

}  // namespace

void AddReleaseCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  AddReleaseGroup(app, global, run);
  AddAttestGroup(app, global, run);
}

}  // namespace sluice::cli
