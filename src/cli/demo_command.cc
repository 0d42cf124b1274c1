// `sluice demo`: the seed's story end to end against a server (one it starts
// in a temporary directory unless --server is given), with generated data,
// printing each step. Every step goes through the API like any client's, so
// the demo is also a smoke test of the whole product (docs/demo.md).
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>

#include "attest/envelope.h"
#include "cli/commands.h"
#include "cli/demo_server.h"
#include "client/transfer.h"

namespace sluice::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// A 16-digit number in the 4000 test range with a valid Luhn check digit, so
// that the scanner finds the column as a card column, as it would real ones.
std::string TestCardNumber(std::uint64_t serial) {
  std::ostringstream digits;
  digits << "4000" << std::setw(11) << std::setfill('0') << serial;
  std::string number = digits.str();
  int sum = 0;
  for (size_t i = 0; i < number.size(); ++i) {
    // Counting from the check digit (to come) at the right, every second digit doubles.
    int d = number[number.size() - 1 - i] - '0';
    if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return number + static_cast<char>('0' + (10 - sum % 10) % 10);
}

// Synthetic customers: names, emails and card numbers that look real and
// are not (cards use the 4000 test range; emails example.com).
std::string CustomersCsv(int rows) {
  static const char* kFirst[] = {"Ada",     "Grace",  "Alan",    "Edsger",
                                 "Barbara", "Donald", "Frances", "Ken"};
  static const char* kLast[] = {"Lovelace", "Hopper", "Turing", "Dijkstra",
                                "Liskov",   "Knuth",  "Allen",  "Thompson"};
  std::mt19937 rng(20261126);
  std::ostringstream out;
  out << "customer_id,name,email,card_number,monthly_spend,churned\n";
  for (int i = 1; i <= rows; ++i) {
    const char* first = kFirst[rng() % 8];
    const char* last = kLast[rng() % 8];
    const double spend = 20 + static_cast<double>(rng() % 40000) / 100.0;
    out << i << "," << first << " " << last << ",";
    for (const char* c = first; *c; ++c) out << static_cast<char>(std::tolower(*c));
    out << "." << i << "@example.com," << TestCardNumber(rng() % 100000000000ULL) << "," << spend
        << "," << (spend < 80 ? 1 : 0) << "\n";
  }
  return out.str();
}

class Story {
 public:
  Story(std::string url, std::string admin, std::string work)
      : url_(std::move(url)), admin_(std::move(admin)), work_(std::move(work)) {}

  Status Play() {
    SLUICE_RETURN_IF_ERROR(Cast());
    SLUICE_RETURN_IF_ERROR(Discovery());
    SLUICE_RETURN_IF_ERROR(Promotions());
    SLUICE_RETURN_IF_ERROR(Contractor());
    SLUICE_RETURN_IF_ERROR(MaskedRead());
    SLUICE_RETURN_IF_ERROR(ReleaseTrain());
    return Audit();
  }

 private:
  struct Actor {
    std::string token, session;
  };

  void Step(const std::string& text) { std::cout << "\n[" << ++step_ << "] " << text << "\n"; }
  static void Say(const std::string& text) { std::cout << "    " << text << "\n"; }

  Result<std::unique_ptr<client::ApiClient>> As(const Actor& a) const {
    return client::ApiClient::Make(url_, a.token, a.session);
  }
  Result<Json> Call(const Actor& a, const std::string& method, const std::string& path,
                    const std::optional<Json>& body = std::nullopt) const {
    SLUICE_ASSIGN_OR_RETURN(auto api, As(a));
    return api->Call(method, path, body);
  }

  Result<Actor> Person(const std::string& name, const std::string& kind,
                       const std::vector<std::string>& roles, const Json& attributes,
                       const std::string& session_env) {
    const Actor admin{admin_, ""};
    SLUICE_RETURN_IF_ERROR(
        Call(admin, "POST", "/principals",
             Json{{"name", name}, {"kind", kind}, {"roles", roles}, {"attributes", attributes}})
            .status());
    SLUICE_ASSIGN_OR_RETURN(Json token,
                            Call(admin, "POST", "/principals/" + name + "/tokens", Json::object()));
    Actor actor{token["token"].get<std::string>(), ""};
    if (!session_env.empty()) {
      SLUICE_ASSIGN_OR_RETURN(
          Json s, Call(actor, "POST", "/sessions",
                       Json{{"environment", session_env}, {"purpose", "sluice demo: " + name}}));
      actor.session = s["token"].get<std::string>();
    }
    return actor;
  }

  Status Cast() {
    Step("The cast: people and automation, each with only the roles they need");
    SLUICE_ASSIGN_OR_RETURN(dana_, Person("dana", "user", {"data-engineer"},
                                          {{"clearances", {"PII", "PCI"}}}, "discovery"));
    SLUICE_ASSIGN_OR_RETURN(sam_, Person("sam", "user", {"data-scientist"},
                                         {{"clearances", {"PII", "PCI"}}}, "discovery"));
    SLUICE_ASSIGN_OR_RETURN(
        carl_, Person("carl", "user", {"data-scientist"},
                      {{"clearances", {"PII", "PCI"}}, {"contractor", true}, {"country", "XX"}},
                      "discovery"));
    SLUICE_ASSIGN_OR_RETURN(
        tess_, Person("tess", "user", {"data-scientist"}, Json::object(), "discovery"));
    SLUICE_ASSIGN_OR_RETURN(
        ivan_, Person("ivan", "user", {"infra-engineer"}, Json::object(), "infra-dev"));
    SLUICE_ASSIGN_OR_RETURN(erin_, Person("erin", "user", {"approver"}, Json::object(), ""));
    SLUICE_ASSIGN_OR_RETURN(fred_, Person("fred", "user", {"approver"}, Json::object(), ""));
    SLUICE_ASSIGN_OR_RETURN(ci_,
                            Person("ci", "service", {"ci"}, {{"clearances", {"PII", "PCI"}}}, ""));
    Say("dana (data engineer), sam (data scientist), tess (data scientist, no clearances),");
    Say("carl (contractor abroad), ivan (infra),");
    Say("erin and fred (approvers), ci (automation); people work inside just-in-time sessions");
    return Status::Ok();
  }

  Result<Json> Push(const Actor& a, const std::string& dir, const std::string& address,
                    client::PushOptions options) {
    SLUICE_ASSIGN_OR_RETURN(auto api, As(a));
    SLUICE_ASSIGN_OR_RETURN(client::PushOutcome out, client::Push(*api, dir, address, options));
    return out.version;
  }

  std::string Write(const std::string& name,
                    const std::vector<std::pair<std::string, std::string>>& files) {
    const fs::path dir = fs::path(work_) / name;
    fs::create_directories(dir);
    for (const auto& [file, content] : files) std::ofstream(dir / file) << content;
    return dir.string();
  }

  Status Discovery() {
    Step("Dana pushes the customer table (PII, PCI) to Discovery");
    SLUICE_RETURN_IF_ERROR(
        Call(dana_, "POST", "/projects", Json{{"path", "discovery/retail"}}).status());
    const std::string customers = CustomersCsv(500);
    client::PushOptions tagged;
    tagged.tags = {{"classification", "PII,PCI"}, {"owner", "dana"}};
    SLUICE_ASSIGN_OR_RETURN(Json v, Push(dana_, Write("customers", {{"customers.csv", customers}}),
                                         "discovery/retail/customers", tagged));
    Say("discovery/retail/customers@" + v["id"].get<std::string>().substr(0, 12) + "  " +
        std::to_string(customers.size()) + " bytes, classification PII,PCI");

    Step("Sam copies it (a tracked copy that expires), engineers features, trains a model");
    SLUICE_ASSIGN_OR_RETURN(Json copy, Call(sam_, "POST", "/copies",
                                            Json{{"source", "discovery/retail/customers"},
                                                 {"target", "discovery/retail/customers-work"},
                                                 {"ttl", "7d"}}));
    Say("copy discovery/retail/customers-work: " + std::to_string(copy.value("bytes_copied", 0)) +
        " bytes copied (same storage: chunks shared), expires in 7 days");
    // Features: spend band per customer, derived from the table.
    std::istringstream in(customers);
    std::string line;
    std::getline(in, line);
    std::ostringstream features;
    features << "customer_id,spend_band,churned\n";
    int rows = 0;
    while (std::getline(in, line)) {
      std::vector<std::string> cells;
      std::stringstream cells_in(line);
      for (std::string cell; std::getline(cells_in, cell, ',');) cells.push_back(cell);
      const double spend = std::stod(cells[4]);
      features << cells[0] << "," << static_cast<int>(std::floor(spend / 100)) << "," << cells[5]
               << "\n";
      ++rows;
    }
    const std::string suite =
        "apiVersion: sluice/v1\n"
        "expectations:\n"
        "  customers:\n"
        "    columns:\n"
        "      customer_id: {not_null: true, unique: true}\n"
        "      email: {not_null: true, regex: '^[a-z]+[.][0-9]+@example[.]com$'}\n"
        "      card_number: {regex: '^[0-9]{16}$'}\n"
        "  features:\n"
        "    row_count: {min: 100}\n"
        "    columns:\n"
        "      customer_id: {not_null: true, unique: true}\n"
        "      spend_band: {range: {min: 0, max: 10}}\n"
        "      churned: {allowed: ['0', '1']}\n"
        "metrics:\n"
        "  auc: {min: 0.7}\n";
    client::PushOptions derived;
    derived.kind = "feature-set";
    derived.tags = {{"classification", "PII,PCI"}};
    derived.inputs = {"discovery/retail/customers"};
    SLUICE_RETURN_IF_ERROR(
        Push(sam_, Write("features", {{"features.csv", features.str()}, {"promotion.yaml", suite}}),
             "discovery/retail/features", derived)
            .status());
    Say("discovery/retail/features: " + std::to_string(rows) +
        " rows, with promotion.yaml (expectations, metric rules)");
    client::PushOptions model;
    model.kind = "model";
    model.tags = {{"classification", "PII,PCI"}};
    model.inputs = {"discovery/retail/features"};
    model.metrics = {{"auc", 0.84}, {"precision", 0.77}};
    model.params = {{"trees", 200}, {"depth", 6}};
    SLUICE_RETURN_IF_ERROR(Push(sam_, Write("model", {{"model.bin", "gradient boosted trees"}}),
                                "discovery/retail/model", model)
                               .status());
    Say("discovery/retail/model: auc 0.84 (lineage: customers -> features -> model)");
    return Status::Ok();
  }

  static void PrintGates(const Json& p) {
    for (const auto& g : p.value("gates", Json::array())) {
      Say(std::string(g.value("skipped", false)  ? "skip"
                      : g.value("passed", false) ? "pass"
                                                 : "FAIL") +
          "  " + g.value("gate", "") +
          (g.value("subject", "").empty() ? "" : "  " + g["subject"].get<std::string>()));
    }
  }

  Status Promotions() {
    const std::vector<std::string> bundle = {"discovery/retail/customers",
                                             "discovery/retail/features", "discovery/retail/model"};
    Step("Sam requests promotion of the bundle to Integration; its gates run");
    SLUICE_ASSIGN_OR_RETURN(Json p, Call(sam_, "POST", "/promotions",
                                         Json{{"refs", bundle},
                                              {"to", "integration"},
                                              {"why", "churn model v1: auc 0.84 on holdout"}}));
    PrintGates(p);
    if (p["state"] != "awaiting-approval") {
      return FailedPrecondition("the promotion to integration is " + p["state"].get<std::string>() +
                                ": " + p.value("message", ""));
    }
    const std::string id = p["id"];
    Step("Sam may not approve his own work; erin approves; only CI runs it into Integration");
    Result<Json> self = Call(sam_, "POST", "/promotions/" + id + "/approve", Json::object());
    Say("sam approves: " +
        std::string(self.ok() ? "allowed (unexpected!)" : self.status().message()));
    SLUICE_RETURN_IF_ERROR(Call(erin_, "POST", "/promotions/" + id + "/approve",
                                Json{{"comment", "features and metrics reviewed"}})
                               .status());
    Result<Json> by_hand = Call(erin_, "POST", "/promotions/" + id + "/run", Json::object());
    Say("erin runs it: " +
        std::string(by_hand.ok() ? "allowed (unexpected!)" : by_hand.status().message()));
    SLUICE_ASSIGN_OR_RETURN(Json ran,
                            Call(ci_, "POST", "/promotions/" + id + "/run", Json::object()));
    Say("ci runs it: " + ran["state"].get<std::string>() + ", " +
        std::to_string(ran["promoted"].size()) + " versions now in integration");

    Step("CI requests Production with the champion alias; two approvers; CI promotes");
    SLUICE_ASSIGN_OR_RETURN(
        Json up, Call(ci_, "POST", "/promotions",
                      Json{{"refs",
                            {"integration/retail/customers", "integration/retail/features",
                             "integration/retail/model"}},
                           {"to", "production"},
                           {"why", "passed integration gates"},
                           {"aliases", {"champion"}}}));
    PrintGates(up);
    if (up["state"] != "awaiting-approval") {
      return FailedPrecondition("the promotion to production is " + up["state"].get<std::string>() +
                                ": " + up.value("message", ""));
    }
    prod_promotion_ = up["id"];
    for (const Actor* approver : {&erin_, &fred_}) {
      SLUICE_RETURN_IF_ERROR(
          Call(*approver, "POST", "/promotions/" + prod_promotion_ + "/approve", Json::object())
              .status());
    }
    SLUICE_RETURN_IF_ERROR(
        Call(ci_, "POST", "/promotions/" + prod_promotion_ + "/run", Json::object()).status());
    SLUICE_ASSIGN_OR_RETURN(
        Json champion,
        Call(ci_, "GET",
             "/resolve?ref=" + client::EscapeSegment("production/retail/model:champion")));
    Say("production/retail/model:champion -> " + champion["id"].get<std::string>().substr(0, 12) +
        " (promoted from integration " + champion["copy_of"].get<std::string>().substr(0, 12) +
        ")");
    Result<Json> hand = Call(ci_, "POST", "/aliases",
                             Json{{"ref", "production/retail/model"}, {"name", "champion"}});
    Say("ci moves champion by hand: " +
        std::string(hand.ok() ? "allowed (unexpected!)" : hand.status().message()));
    return Status::Ok();
  }

  Status Contractor() {
    Step("Carl, a contractor abroad, reads the customer table: denied (PCI), and recorded");
    SLUICE_ASSIGN_OR_RETURN(auto api, As(carl_));
    Result<Json> read =
        client::Pull(*api, "discovery/retail/customers", (fs::path(work_) / "carl").string());
    Say("carl pulls discovery/retail/customers: " +
        std::string(read.ok() ? "allowed (unexpected!)" : read.status().message()));
    if (read.ok()) return FailedPrecondition("a contractor read PCI data");
    return Status::Ok();
  }

  Status MaskedRead() {
    Step("Tess, a data scientist with no clearances, pulls the customer table: masked");
    SLUICE_ASSIGN_OR_RETURN(auto api, As(tess_));
    const std::string dir = (fs::path(work_) / "tess").string();
    SLUICE_ASSIGN_OR_RETURN(Json read, client::Pull(*api, "discovery/retail/customers", dir));
    if (read.value("read", "") != "masked") return FailedPrecondition("tess read PII in the clear");
    for (const auto& m : read["masked"]) {
      Say("masked " + m.value("column", "") + " (" + m.value("method", "") + ")");
    }
    std::ifstream in(fs::path(dir) / "customers.csv");
    std::string header, first;
    std::getline(in, header);
    std::getline(in, first);
    Say("first row as tess sees it: " + first);
    return Status::Ok();
  }

  Status ReleaseTrain() {
    Step("Ivan releases a new Spark image; it is tested in Infra Pre-Prod and rolls out");
    SLUICE_RETURN_IF_ERROR(
        Call(ivan_, "POST", "/projects", Json{{"path", "infra-dev/tools"}}).status());
    client::PushOptions component;
    component.kind = "component";
    SLUICE_RETURN_IF_ERROR(Push(ivan_, Write("spark", {{"image.txt", "spark 3.5.1\n"}}),
                                "infra-dev/tools/spark", component)
                               .status());
    SLUICE_RETURN_IF_ERROR(Call(ivan_, "POST", "/releases",
                                Json{{"name", "2026.11-spark"},
                                     {"components", {"infra-dev/tools/spark"}},
                                     {"why", "spark 3.5.1 with the shuffle fix"}})
                               .status());
    SLUICE_ASSIGN_OR_RETURN(Json p,
                            Call(ivan_, "POST", "/releases/2026.11-spark/promote", Json::object()));
    const std::string id = p["id"];
    SLUICE_RETURN_IF_ERROR(
        Call(erin_, "POST", "/promotions/" + id + "/approve", Json::object()).status());
    SLUICE_RETURN_IF_ERROR(
        Call(ci_, "POST", "/promotions/" + id + "/run", Json::object()).status());
    SLUICE_ASSIGN_OR_RETURN(Json roll,
                            Call(ci_, "POST", "/releases/2026.11-spark/roll", Json::object()));
    std::string envs;
    for (const auto& [env, ids] : roll["placed"].items()) envs += (envs.empty() ? "" : ", ") + env;
    Say("rolled to " + envs + " at once");
    SLUICE_ASSIGN_OR_RETURN(Json status, Call(erin_, "GET", "/release-train"));
    Say(std::string("drift: ") + (status["drift"].empty() ? "none" : status["drift"].dump()));
    return Status::Ok();
  }

  Status Audit() {
    Step("The audit log verifies, and the Production promotion's attestation checks out");
    const Actor admin{admin_, ""};
    SLUICE_ASSIGN_OR_RETURN(Json report, Call(admin, "POST", "/audit/verify", Json::object()));
    Say("audit log: " + std::to_string(report.value("events", 0)) + " events, " +
        std::to_string(report["problems"].size()) + " problems");
    if (!report["problems"].empty()) return DataLoss("the audit log did not verify");
    SLUICE_ASSIGN_OR_RETURN(auto api, As(admin));
    SLUICE_ASSIGN_OR_RETURN(std::string pem, api->CallRaw("GET", "/audit/public-key"));
    SLUICE_ASSIGN_OR_RETURN(std::string envelope,
                            api->CallRaw("GET", "/promotions/" + prod_promotion_ + "/attestation"));
    SLUICE_ASSIGN_OR_RETURN(auditlog::VerifyingKey key, auditlog::VerifyingKey::FromPem(pem));
    SLUICE_ASSIGN_OR_RETURN(attest::VerifiedAttestation a, attest::VerifyEnvelope(envelope, key));
    Say("attestation of " + prod_promotion_ + ": signed, " +
        std::to_string(a.statement.subjects.size()) + " subjects, " +
        std::to_string(a.statement.predicate.approvals.size()) + " approvals, " +
        std::to_string(a.statement.predicate.gates.size()) + " gate results");
    return Status::Ok();
  }

  const std::string url_, admin_, work_;
  int step_ = 0;
  Actor dana_, sam_, tess_, carl_, ivan_, erin_, fred_, ci_;
  std::string prod_promotion_;
};

}  // namespace

void AddDemoCommand(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* demo = app.add_subcommand(
      "demo",
      "Play the platform's story end to end with generated data (a server of its own "
      "unless --server is given)");
  auto use_server = std::make_shared<bool>(false);
  demo->add_flag("--use-server", *use_server,
                 "Play against --server with --token (an admin's) instead of a new server");
  demo->callback([&global, &run, use_server] {
    run = [&global, use_server]() -> int {
      std::unique_ptr<DemoServer> own;
      std::string url = global.server;
      std::string token = global.token;
      if (!*use_server) {
        std::cout << "starting a server in a temporary directory...\n";
        Result<std::unique_ptr<DemoServer>> started = DemoServer::Start();
        if (!started.ok()) return ReportError(started.status());
        own = std::move(started).value();
        url = own->url();
        token = own->admin_token();
        std::cout << "server " << url << " (data in " << own->dir() << ", removed at the end)\n";
      } else if (token.empty()) {
        return ReportError(InvalidArgument("--use-server needs an admin's --token"));
      }
      std::string work = (fs::temp_directory_path() / "sluice-demo-work-XXXXXX").string();
      if (::mkdtemp(work.data()) == nullptr) {
        return ReportError(Unavailable("cannot make a temporary directory"));
      }
      Status played = Story(url, token, work).Play();
      std::error_code ec;
      fs::remove_all(work, ec);
      if (!played.ok()) return ReportError(played);
      std::cout << "\nThe story played end to end.\n";
      return kExitOk;
    };
  });
}

}  // namespace sluice::cli
