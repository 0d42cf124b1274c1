// `sluice audit ...`: verify (offline on a data directory, or by the
// server), prove / verify-proof / consistency (Merkle proofs), tail, query
// and export (pages of the log through the API).
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "auditlog/checkpoint.h"
#include "auditlog/hash.h"
#include "auditlog/merkle.h"
#include "auditlog/signing_key.h"
#include "auditlog/verify.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "client/api_client.h"
#include "common/clock.h"
#include "common/duration.h"
#include "server/audit_json.h"

namespace sluice::cli {
namespace {

using Json = nlohmann::json;

// The member as text: a string as it is, anything else as its JSON.
std::string TextOf(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "-";
  return j[key].is_string() ? j[key].get<std::string>() : j[key].dump();
}

int Done(const Status& s) {
  return s.ok() ? kExitOk : ReportError(s);
}

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "30m" (that long ago) or RFC 3339 UTC ("2026-11-26T10:00:00Z") -> ms.
Result<std::int64_t> ParseTime(const std::string& text) {
  if (auto ago = ParseDuration(text)) {
    return NowMillis() - std::chrono::duration_cast<std::chrono::milliseconds>(*ago).count();
  }
  if (auto at = ParseRfc3339Millis(text)) return *at;
  return InvalidArgument("time \"" + text + "\" is neither a duration ago (30m) nor RFC 3339 UTC");
}

void PrintEventLine(const Json& e) {
  std::cout << TextOf(e, "time") << "  #" << e.value("seq", 0) << "  "
            << (e.value("decision", "") == "allow" ? "allow" : "DENY ") << "  "
            << (e["principal"].is_object() ? e["principal"].value("name", "") : "") << "  "
            << TextOf(e, "action") << "  "
            << (e["resource"].is_object()
                    ? e["resource"].value("type", "") + " " + e["resource"].value("id", "")
                    : "")
            << "  " << TextOf(e, "outcome") << "\n";
}

// Pages through /audit/events; `emit` gets each event document.
Status Page(client::ApiClient& api, std::string query, std::int64_t after, bool follow,
            const std::function<void(const Json&)>& emit) {
  for (;;) {
    std::string path = "/audit/events?limit=1000" + query;
    if (after >= 0) path += "&after=" + std::to_string(after);
    SLUICE_ASSIGN_OR_RETURN(Json page, api.Call("GET", path));
    for (const auto& e : page["events"]) {
      emit(e);
      if (e.contains("seq")) after = e["seq"].get<std::int64_t>();
      if (e.contains("metadata")) after = std::stoll(e["metadata"].value("uid", "0"));
    }
    if (!page["next"].is_null()) {
      after = page["next"].get<std::int64_t>();
      continue;
    }
    if (!follow) return Status::Ok();
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

void AddVerify(CLI::App* group, const GlobalOptions& global, Action& run) {
  struct Args {
    std::string data, checkpoints, public_key;
  };
  auto a = std::make_shared<Args>();
  CLI::App* verify = group->add_subcommand(
      "verify",
      "Verify the audit log: offline with --data (exit 1 on any problem), else by the server");
  verify->add_option("--data", a->data, "A data directory (or a copy of one): verify offline");
  verify->add_option("--checkpoints", a->checkpoints, "The external checkpoint directory");
  verify->add_option("--public-key", a->public_key,
                     "The log's public key (PEM), pinned outside the data directory");
  verify->callback([&global, &run, a] {
    run = [&global, a] {
      Result<Json> report = [&]() -> Result<Json> {
        if (a->data.empty()) {
          SLUICE_ASSIGN_OR_RETURN(auto api, Connect(global));
          return api->Call("POST", "/audit/verify", Json::object());
        }
        std::string key_path = a->public_key;
        if (key_path.empty()) {
          key_path = a->data + "/keys/audit-ed25519.pub.pem";
          std::cerr << "warning: verifying with the public key kept in the data directory; "
                       "whoever can rewrite the log can replace it: pin a copy (--public-key)\n";
        }
        SLUICE_ASSIGN_OR_RETURN(auditlog::VerifyingKey key,
                                auditlog::VerifyingKey::LoadPemFile(key_path));
        auditlog::VerifyOptions options;
        options.dir = a->data + "/audit";
        options.external_checkpoint_dir = a->checkpoints;
        SLUICE_ASSIGN_OR_RETURN(auditlog::VerifyReport r, auditlog::VerifyAuditDir(options, key));
        return server::VerifyReportToJson(r);
      }();
      if (!report.ok()) return ReportError(report.status());
      const Json& r = *report;
      if (global.json) {
        PrintJson(r);
      } else {
        for (const auto& p : r["problems"]) {
          std::cout << "PROBLEM " << p["kind"].get<std::string>()
                    << (p["index"].get<std::int64_t>() >= 0
                            ? " at event " + std::to_string(p["index"].get<std::int64_t>())
                            : std::string())
                    << ": " << p["message"].get<std::string>() << "\n";
        }
        std::cout << r["events"] << " events, root " << r["root"].get<std::string>() << ", "
                  << r["checkpoints"] << " checkpoints + " << r["external_checkpoints"]
                  << " external, verified up to " << r["verified_size"] << ": "
                  << (r["ok"].get<bool>() ? "OK" : "PROBLEMS FOUND") << "\n";
      }
      return r["ok"].get<bool>() ? int{kExitOk} : int{kExitFailure};
    };
  });
}

void AddProofs(CLI::App* group, const GlobalOptions& global, Action& run) {
  struct ProveArgs {
    std::uint64_t seq = 0, size = 0;
    std::string out;
  };
  auto p = std::make_shared<ProveArgs>();
  CLI::App* prove =
      group->add_subcommand("prove", "Inclusion proof of one event against the latest checkpoint");
  prove->add_option("seq", p->seq, "The event's sequence number")->required();
  prove->add_option("--size", p->size, "Tree size to prove against (default: latest checkpoint)");
  prove->add_option("--out", p->out, "Write the proof to this file (default: stdout)");
  prove->callback([&global, &run, p] {
    run = [&global, p] {
      return Done([&]() -> Status {
        SLUICE_ASSIGN_OR_RETURN(auto api, Connect(global));
        std::string path = "/audit/proof?seq=" + std::to_string(p->seq);
        if (p->size > 0) path += "&size=" + std::to_string(p->size);
        SLUICE_ASSIGN_OR_RETURN(Json proof, api->Call("GET", path));
        if (p->out.empty()) {
          PrintJson(proof);
          return Status::Ok();
        }
        std::ofstream(p->out) << proof.dump(2) << "\n";
        std::cout << "proof of event " << p->seq << " in a tree of " << proof["size"]
                  << " written to " << p->out << "\n";
        return Status::Ok();
      }());
    };
  });

  struct VerifyProofArgs {
    std::string file, public_key;
  };
  auto v = std::make_shared<VerifyProofArgs>();
  CLI::App* verify_proof = group->add_subcommand(
      "verify-proof", "Check an inclusion proof offline (exit 1 if it fails)");
  verify_proof->add_option("file", v->file, "The proof (from `sluice audit prove --out`)")
      ->required();
  verify_proof->add_option("--public-key", v->public_key, "The log's public key (PEM)")->required();
  verify_proof->callback([&run, v] {
    run = [v] {
      Status s = [&]() -> Status {
        SLUICE_ASSIGN_OR_RETURN(std::string text, ReadText(v->file));
        Json proof = Json::parse(text, nullptr, false);
        if (!proof.is_object()) return InvalidArgument(v->file + " is not a JSON proof");
        SLUICE_ASSIGN_OR_RETURN(auditlog::VerifyingKey key,
                                auditlog::VerifyingKey::LoadPemFile(v->public_key));
        const std::string event = proof.value("event", "");
        const std::uint64_t seq = proof.value("seq", std::uint64_t{0});
        const std::uint64_t size = proof.value("size", std::uint64_t{0});
        std::vector<auditlog::Hash> path;
        for (const auto& h : proof.value("path", Json::array())) {
          SLUICE_ASSIGN_OR_RETURN(auditlog::Hash hash, auditlog::HashFromHex(h.get<std::string>()));
          path.push_back(hash);
        }
        SLUICE_ASSIGN_OR_RETURN(auditlog::Hash root,
                                auditlog::HashFromHex(proof.value("root", "")));
        // The root must be vouched for by a checkpoint signed with the key.
        const std::string checkpoint = proof.value("checkpoint", "");
        if (checkpoint.empty()) return FailedPrecondition("the proof carries no signed checkpoint");
        // The origin is the note's first line; the signature must be by `key`.
        const std::string origin = checkpoint.substr(0, checkpoint.find('\n'));
        SLUICE_ASSIGN_OR_RETURN(auditlog::Checkpoint cp,
                                auditlog::ParseAndVerifyCheckpoint(checkpoint, key, origin));
        if (cp.size != size || cp.root != root) {
          return DataLoss("the signed checkpoint is for another tree than the proof");
        }
        SLUICE_RETURN_IF_ERROR(
            auditlog::VerifyInclusion(auditlog::LeafHash(event), seq, size, path, root));
        std::cout << "OK: event " << seq << " is in the log of " << size
                  << " events signed by the key\n";
        return Status::Ok();
      }();
      return s.ok() ? kExitOk : (std::cerr << "FAILED: " << s.message() << "\n", kExitFailure);
    };
  });

  auto sizes = std::make_shared<std::pair<std::uint64_t, std::uint64_t>>();
  CLI::App* consistency =
      group->add_subcommand("consistency", "Consistency proof between two tree sizes");
  consistency->add_option("old", sizes->first, "Older tree size")->required();
  consistency->add_option("new", sizes->second, "Newer tree size")->required();
  consistency->callback([&global, &run, sizes] {
    run = [&global, sizes] {
      return Done([&]() -> Status {
        SLUICE_ASSIGN_OR_RETURN(auto api, Connect(global));
        SLUICE_ASSIGN_OR_RETURN(
            Json proof, api->Call("GET", "/audit/consistency?old=" + std::to_string(sizes->first) +
                                             "&new=" + std::to_string(sizes->second)));
        PrintJson(proof);
        return Status::Ok();
      }());
    };
  });
}

struct Filters {
  std::string principal, action, env, decision, since, until;
  std::string Query() const {
    std::string q;
    auto add = [&](const char* k, const std::string& v) {
      if (!v.empty()) q += std::string("&") + k + "=" + client::EscapeSegment(v);
    };
    add("principal", principal);
    add("action", action);
    add("environment", env);
    add("decision", decision);
    return q;
  }
};

Result<std::string> TimeQuery(const Filters& f) {
  std::string q;
  if (!f.since.empty()) {
    SLUICE_ASSIGN_OR_RETURN(std::int64_t ms, ParseTime(f.since));
    q += "&since=" + std::to_string(ms);
  }
  if (!f.until.empty()) {
    SLUICE_ASSIGN_OR_RETURN(std::int64_t ms, ParseTime(f.until));
    q += "&until=" + std::to_string(ms);
  }
  return q;
}

void AddReading(CLI::App* group, const GlobalOptions& global, Action& run) {
  struct TailArgs {
    bool follow = false;
    int lines = 20;
  };
  auto t = std::make_shared<TailArgs>();
  CLI::App* tail = group->add_subcommand("tail", "The last events (-f: and new ones as they come)");
  tail->add_flag("-f,--follow", t->follow, "Keep printing new events");
  tail->add_option("-n,--lines", t->lines, "How many of the last events");
  tail->callback([&global, &run, t] {
    run = [&global, t] {
      return Done([&]() -> Status {
        SLUICE_ASSIGN_OR_RETURN(auto api, Connect(global));
        // The latest checkpoint is at most a second behind the log.
        SLUICE_ASSIGN_OR_RETURN(Json cp, api->Call("GET", "/audit/checkpoint"));
        const std::int64_t size = cp["size"].get<std::int64_t>();
        const std::int64_t after = std::max<std::int64_t>(-1, size - t->lines - 1);
        return Page(*api, "", after, t->follow, [&](const Json& e) {
          global.json ? (void)(std::cout << e.dump() << "\n") : PrintEventLine(e);
        });
      }());
    };
  });

  auto f = std::make_shared<Filters>();
  CLI::App* query = group->add_subcommand("query", "Events matching all the filters given");
  query->add_option("--principal", f->principal, "Principal name");
  query->add_option("--action", f->action, "Action, e.g. asset.read");
  query->add_option("--env", f->env, "Environment");
  query->add_option("--decision", f->decision, "allow or deny")
      ->check(CLI::IsMember({"allow", "deny"}));
  query->add_option("--since", f->since, "RFC 3339 UTC time, or a duration ago (30m)");
  query->add_option("--until", f->until, "RFC 3339 UTC time, or a duration ago");
  query->callback([&global, &run, f] {
    run = [&global, f] {
      return Done([&]() -> Status {
        SLUICE_ASSIGN_OR_RETURN(auto api, Connect(global));
        SLUICE_ASSIGN_OR_RETURN(std::string times, TimeQuery(*f));
        return Page(*api, f->Query() + times, -1, false, [&](const Json& e) {
          global.json ? (void)(std::cout << e.dump() << "\n") : PrintEventLine(e);
        });
      }());
    };
  });

  struct ExportArgs {
    std::string format = "jsonl", since;
  };
  auto x = std::make_shared<ExportArgs>();
  CLI::App* exp =
      group->add_subcommand("export", "Every event, one JSON object per line, for SIEMs");
  exp->add_option("--format", x->format, "jsonl (Sluice's canonical events) or ocsf (OCSF 1.1.0)")
      ->check(CLI::IsMember({"jsonl", "ocsf"}));
  exp->add_option("--since", x->since, "RFC 3339 UTC time, or a duration ago (30m)");
  exp->callback([&global, &run, x] {
    run = [&global, x] {
      return Done([&]() -> Status {
        SLUICE_ASSIGN_OR_RETURN(auto api, Connect(global));
        Filters since_only;
        since_only.since = x->since;
        SLUICE_ASSIGN_OR_RETURN(std::string times, TimeQuery(since_only));
        const std::string format = x->format == "ocsf" ? "&format=ocsf" : "";
        return Page(*api, format + times, -1, false,
                    [](const Json& e) { std::cout << e.dump() << "\n"; });
      }());
    };
  });
}

}  // namespace

void AddAuditCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group = app.add_subcommand("audit", "The tamper-evident audit log");
  group->require_subcommand(1);
  AddVerify(group, global, run);
  AddProofs(group, global, run);
  AddReading(group, global, run);
  CLI::App* key = group->add_subcommand(
      "public-key", "Print the server's Ed25519 public key (PEM) to pin for offline checks");
  key->callback([&global, &run] {
    run = [&global] {
      return WithClient(global, [&](client::ApiClient& api) -> Status {
        SLUICE_ASSIGN_OR_RETURN(std::string pem, api.CallRaw("GET", "/audit/public-key"));
        std::cout << pem;
        return Status::Ok();
      });
    };
  });
}

}  // namespace sluice::cli
