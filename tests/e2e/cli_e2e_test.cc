// End to end through the `sluice` CLI against a real `sluice serve`: the
// principal and token commands, exit codes (0 ok, 1 failure, 2 usage,
// 3 denied), the event log and the access log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "e2e/e2e_fixture.h"

namespace sluice::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Well-formed (sluice_<16 hex>_<64 hex>) but never issued.
const std::string kUnknownToken = "sluice_0123456789abcdef_" + std::string(64, 'a');

class CliE2E : public SharedServerTest {
 protected:
  // Names of the principals in `principal ls --json`, in listed order.
  static std::vector<std::string> PrincipalNames() {
    RunResult r = Cli({"principal", "ls", "--json"}, admin());
    EXPECT_EQ(r.code(), 0) << r.Describe();
    nlohmann::json doc = StdoutJson(r);
    std::vector<std::string> names;
    if (!doc.is_object() || !doc["principals"].is_array()) return names;
    for (const auto& p : doc["principals"]) names.push_back(p["name"].get<std::string>());
    return names;
  }

  static bool HasPrincipal(const std::string& name) {
    std::vector<std::string> names = PrincipalNames();
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  // Events whose principal.name is `name`, in log order.
  static std::vector<nlohmann::json> EventsBy(const std::string& name) {
    std::vector<nlohmann::json> out;
    for (auto& e : server().Events()) {
      if (e.is_object() && e["principal"].is_object() && e["principal"]["name"] == name) {
        out.push_back(e);
      }
    }
    return out;
  }
};

TEST_F(CliE2E, EnvLsJsonListsTheFiveStageLadderInOrder) {
  RunResult r = Cli({"env", "ls", "--json"}, admin());
  ASSERT_EQ(r.code(), 0) << r.Describe();
  nlohmann::json doc = StdoutJson(r);
  ASSERT_TRUE(doc.is_object()) << r.Describe();
  ASSERT_EQ(doc.size(), 1u) << "only \"environments\" expected: " << doc.dump();
  ASSERT_TRUE(doc["environments"].is_array()) << doc.dump();

  struct Rung {
    std::string name, track, data, mode;
  };
  const std::vector<Rung> expected = {
      {"infra-dev", "infra", "synthetic", "interactive"},
      {"infra-preprod", "infra", "synthetic", "automation"},
      {"discovery", "data", "production", "interactive"},
      {"integration", "data", "production", "automation"},
      {"production", "data", "production", "automation"},
  };
  const nlohmann::json& envs = doc["environments"];
  ASSERT_EQ(envs.size(), expected.size()) << doc.dump(2);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].name);
    EXPECT_EQ(envs[i]["name"], expected[i].name);
    EXPECT_EQ(envs[i]["track"], expected[i].track);
    EXPECT_EQ(envs[i]["data"], expected[i].data);
    EXPECT_EQ(envs[i]["mode"], expected[i].mode);
  }

  // The table form lists the same names, lowest rung first.
  RunResult table = Cli({"env", "ls"}, admin());
  ASSERT_EQ(table.code(), 0) << table.Describe();
  std::vector<std::string> lines = Lines(table.out);
  ASSERT_EQ(lines.size(), 6u) << table.Describe();
  EXPECT_EQ(lines[0].rfind("NAME", 0), 0u) << lines[0];
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(lines[i + 1].rfind(expected[i].name + " ", 0), 0u) << lines[i + 1];
  }
}

// The issue's "done when" flow.
TEST_F(CliE2E, DoneWhenFlowCreateTokenWhoamiAndDeniedList) {
  RunResult create =
      Cli({"principal", "create", "alice", "--kind", "user", "--role", "data-scientist"}, admin());
  ASSERT_EQ(create.code(), 0) << create.Describe();
  EXPECT_EQ(create.out, "created user alice\n");

  RunResult token = Cli({"token", "create", "alice", "--json"}, admin());
  ASSERT_EQ(token.code(), 0) << token.Describe();
  nlohmann::json issued = StdoutJson(token);
  ASSERT_TRUE(issued.is_object());
  ASSERT_TRUE(issued["id"].is_string()) << issued.dump();
  ASSERT_TRUE(issued["token"].is_string()) << issued.dump();
  EXPECT_EQ(issued["principal"], "alice");
  EXPECT_TRUE(issued["expires"].is_null()) << issued.dump();
  const std::string alice = issued["token"];
  const std::string id = issued["id"];
  EXPECT_TRUE(std::regex_match(alice, std::regex("sluice_[0-9a-f]{16}_[0-9a-f]{64}"))) << alice;
  EXPECT_EQ(alice.substr(7, 16), id) << "the token's id part names its record";

  RunResult who = Cli({"whoami", "--json"}, alice);
  ASSERT_EQ(who.code(), 0) << who.Describe();
  nlohmann::json me = StdoutJson(who);
  EXPECT_EQ(me["name"], "alice");
  EXPECT_EQ(me["kind"], "user");
  EXPECT_EQ(me["roles"], nlohmann::json::array({"data-scientist"}));
  EXPECT_EQ(me["attributes"], nlohmann::json::object());

  RunResult denied = Cli({"principal", "ls"}, alice);
  EXPECT_EQ(denied.code(), 3) << denied.Describe();
  EXPECT_EQ(denied.out, "") << denied.Describe();
  EXPECT_THAT(denied.err, HasSubstr("sluice: error:"));
  EXPECT_THAT(denied.err, HasSubstr("alice may not principal.list"));

  RunResult listed = Cli({"principal", "ls"}, admin());
  ASSERT_EQ(listed.code(), 0) << listed.Describe();
  bool found = false;
  for (const std::string& line : Lines(listed.out)) {
    if (line.rfind("alice ", 0) == 0) {
      found = true;
      EXPECT_THAT(line, HasSubstr("user"));
      EXPECT_THAT(line, HasSubstr("data-scientist"));
    }
  }
  EXPECT_TRUE(found) << listed.Describe();

  // The denial is in the event log.
  bool logged = false;
  for (auto& e : EventsBy("alice")) {
    if (e["action"] == "principal.list" && e["decision"] == "deny") logged = true;
  }
  EXPECT_TRUE(logged) << "no principal.list deny event for alice";
}

TEST_F(CliE2E, AttributesRoundTripAsStringBooleanAndSortedSet) {
  RunResult create =
      Cli({"principal", "create", "attr-user", "--kind", "user", "--attr", "country=FR", "--attr",
           "contractor=true", "--attr", "clearances=[PII,PHI]", "--attr", "remote=false"},
          admin());
  ASSERT_EQ(create.code(), 0) << create.Describe();

  const nlohmann::json expected = {{"country", "FR"},
                                   {"contractor", true},
                                   {"remote", false},
                                   {"clearances", nlohmann::json::array({"PHI", "PII"})}};
  RunResult show = Cli({"principal", "show", "attr-user", "--json"}, admin());
  ASSERT_EQ(show.code(), 0) << show.Describe();
  nlohmann::json doc = StdoutJson(show);
  EXPECT_EQ(doc["attributes"], expected) << doc.dump();
  EXPECT_TRUE(doc["attributes"]["contractor"].is_boolean());
  EXPECT_TRUE(doc["attributes"]["country"].is_string());
  EXPECT_EQ(doc["roles"], nlohmann::json::array());

  // The principal's own view agrees.
  std::string token = NewToken("attr-user");
  RunResult who = Cli({"whoami", "--json"}, token);
  ASSERT_EQ(who.code(), 0) << who.Describe();
  EXPECT_EQ(StdoutJson(who)["attributes"], expected);

  // And the text form.
  RunResult text = Cli({"principal", "show", "attr-user"}, admin());
  ASSERT_EQ(text.code(), 0) << text.Describe();
  EXPECT_THAT(text.out, HasSubstr("attributes: clearances=[PHI,PII] contractor=true country=FR "
                                  "remote=false\n"));
}

// A set written with an empty element ("[PII,]", "[,PII]", "[PII,,PHI]")
// is bad input: it must be refused, not stored with an "" clearance.
TEST_F(CliE2E, AttributeSetWithAnEmptyElementIsRefused) {
  for (const char* bad : {"clearances=[PII,]", "clearances=[,PII]", "clearances=[PII,,PHI]"}) {
    SCOPED_TRACE(bad);
    RunResult r =
        Cli({"principal", "create", "empty-elem-user", "--kind", "user", "--attr", bad}, admin());
    EXPECT_EQ(r.code(), 2) << r.Describe();
    EXPECT_THAT(r.err, HasSubstr("--attr"));
    EXPECT_FALSE(HasPrincipal("empty-elem-user"));
    if (HasPrincipal("empty-elem-user")) Cli({"principal", "rm", "empty-elem-user"}, admin());
  }
}

TEST_F(CliE2E, DuplicatePrincipalFailsAndChangesNothing) {
  CreatePrincipal("dup-user", "user", {"data-scientist"});
  RunResult before = Cli({"principal", "ls", "--json"}, admin());
  ASSERT_EQ(before.code(), 0) << before.Describe();

  RunResult again =
      Cli({"principal", "create", "dup-user", "--kind", "service", "--role", "admin"}, admin());
  EXPECT_EQ(again.code(), 1) << again.Describe();
  EXPECT_THAT(again.err, HasSubstr("\"dup-user\" already exists"));

  RunResult after = Cli({"principal", "ls", "--json"}, admin());
  ASSERT_EQ(after.code(), 0) << after.Describe();
  EXPECT_EQ(StdoutJson(after), StdoutJson(before));
  RunResult show = Cli({"principal", "show", "dup-user", "--json"}, admin());
  EXPECT_EQ(StdoutJson(show)["kind"], "user") << "the failed create changed the principal";
  EXPECT_EQ(StdoutJson(show)["roles"], nlohmann::json::array({"data-scientist"}));
}

TEST_F(CliE2E, UnknownPrincipalShowAndRmFail) {
  RunResult show = Cli({"principal", "show", "nobody"}, admin());
  EXPECT_EQ(show.code(), 1) << show.Describe();
  EXPECT_THAT(show.err, HasSubstr("principal \"nobody\" not found"));
  EXPECT_EQ(show.out, "");

  RunResult rm = Cli({"principal", "rm", "nobody"}, admin());
  EXPECT_EQ(rm.code(), 1) << rm.Describe();
  EXPECT_THAT(rm.err, HasSubstr("principal \"nobody\" not found"));

  // The raw status behind exit 1 is 404.
  Result<http::Response> raw = server().Send("GET", "/api/v1/principals/nobody", admin());
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  EXPECT_EQ(raw->status, 404);
}

TEST_F(CliE2E, BadKindIsAUsageErrorAndCreatesNothing) {
  RunResult r = Cli({"principal", "create", "robot-user", "--kind", "robot"}, admin());
  EXPECT_EQ(r.code(), 2) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("robot"));
  EXPECT_FALSE(HasPrincipal("robot-user"));

  RunResult missing = Cli({"principal", "create", "kindless-user"}, admin());
  EXPECT_EQ(missing.code(), 2) << missing.Describe();
  EXPECT_THAT(missing.err, HasSubstr("--kind"));
  EXPECT_FALSE(HasPrincipal("kindless-user"));
}

TEST_F(CliE2E, BadNameIsRefusedAndNotCreated) {
  for (const char* bad : {"Alice!", "Bad-Name", "9lives", "a b"}) {
    const std::string name = bad;
    SCOPED_TRACE(name);
    RunResult r = Cli({"principal", "create", name, "--kind", "user"}, admin());
    EXPECT_EQ(r.code(), 1) << r.Describe();
    EXPECT_THAT(r.err, HasSubstr("principal name"));
    EXPECT_THAT(r.err, HasSubstr("is not valid"));
    EXPECT_FALSE(HasPrincipal(name));
  }
}

TEST_F(CliE2E, TokenForUnknownPrincipalFails) {
  RunResult r = Cli({"token", "create", "nobody"}, admin());
  EXPECT_EQ(r.code(), 1) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("principal \"nobody\" not found"));
  EXPECT_EQ(r.out, "") << "no token may be printed";
}

TEST_F(CliE2E, BadTokenExpiryIsAUsageError) {
  CreatePrincipal("expiry-user", "user");
  RunResult r = Cli({"token", "create", "expiry-user", "--expires", "soon"}, admin());
  EXPECT_EQ(r.code(), 2) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("--expires"));

  RunResult ok = Cli({"token", "create", "expiry-user", "--expires", "12h", "--json"}, admin());
  ASSERT_EQ(ok.code(), 0) << ok.Describe();
  EXPECT_TRUE(StdoutJson(ok)["expires"].is_string()) << ok.out;
}

TEST_F(CliE2E, WrongTokenIsDenied) {
  for (const std::string& token :
       {kUnknownToken, std::string("not-a-token"),
        admin().substr(0, admin().size() - 1) + (admin().back() == 'a' ? "b" : "a")}) {
    SCOPED_TRACE(token);
    RunResult r = Cli({"whoami"}, token);
    EXPECT_EQ(r.code(), 3) << r.Describe();
    EXPECT_THAT(r.err, HasSubstr("sluice: error:"));
    EXPECT_THAT(r.err, Not(HasSubstr(token))) << "the error echoes the token";
  }
}

TEST_F(CliE2E, RevokedTokenIsDenied) {
  CreatePrincipal("revoke-user", "user");
  RunResult issued = Cli({"token", "create", "revoke-user", "--json"}, admin());
  ASSERT_EQ(issued.code(), 0) << issued.Describe();
  const std::string token = StdoutJson(issued)["token"];
  const std::string id = StdoutJson(issued)["id"];
  std::string second = NewToken("revoke-user");

  ASSERT_EQ(Cli({"whoami"}, token).code(), 0);
  RunResult revoke = Cli({"token", "revoke", id}, admin());
  ASSERT_EQ(revoke.code(), 0) << revoke.Describe();
  EXPECT_EQ(revoke.out, "revoked " + id + "\n");

  RunResult after = Cli({"whoami"}, token);
  EXPECT_EQ(after.code(), 3) << after.Describe();
  // Only that token: the principal's other token still works.
  RunResult other = Cli({"whoami", "--json"}, second);
  EXPECT_EQ(other.code(), 0) << other.Describe();
  EXPECT_EQ(StdoutJson(other)["name"], "revoke-user");
}

TEST_F(CliE2E, RevokeUnknownTokenFails) {
  RunResult r = Cli({"token", "revoke", "0000000000000000"}, admin());
  EXPECT_EQ(r.code(), 1) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("not found"));
}

TEST_F(CliE2E, NoTokenIsDenied) {
  RunResult r = Cli({"whoami"}, "");
  EXPECT_EQ(r.code(), 3) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("no API token"));

  RunResult ls = Cli({"principal", "ls"}, "");
  EXPECT_EQ(ls.code(), 3) << ls.Describe();
}

TEST_F(CliE2E, UnreachableServerFails) {
  RunResult r = Cli({"--server", "http://127.0.0.1:1", "whoami"}, admin());
  EXPECT_EQ(r.code(), 1) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("cannot connect"));
  EXPECT_THAT(r.err, HasSubstr("127.0.0.1:1"));

  RunResult bad_url = Cli({"--server", "https://127.0.0.1:1", "whoami"}, admin());
  EXPECT_EQ(bad_url.code(), 1) << bad_url.Describe();
  EXPECT_THAT(bad_url.err, HasSubstr("http://"));
}

TEST_F(CliE2E, DeletingTheLastAdminIsRefused) {
  RunResult r = Cli({"principal", "rm", "admin"}, admin());
  EXPECT_EQ(r.code(), 1) << r.Describe();
  EXPECT_THAT(r.err, HasSubstr("last admin"));

  RunResult who = Cli({"whoami", "--json"}, admin());
  ASSERT_EQ(who.code(), 0) << who.Describe();
  EXPECT_EQ(StdoutJson(who)["name"], "admin");
  EXPECT_EQ(StdoutJson(who)["roles"], nlohmann::json::array({"admin"}));
}

TEST_F(CliE2E, DeletingAPrincipalRemovesItsTokens) {
  std::string token = UserWithToken("doomed-user", {"data-scientist"});
  ASSERT_EQ(Cli({"whoami"}, token).code(), 0);

  RunResult rm = Cli({"principal", "rm", "doomed-user"}, admin());
  ASSERT_EQ(rm.code(), 0) << rm.Describe();
  EXPECT_EQ(rm.out, "deleted doomed-user\n");
  EXPECT_FALSE(HasPrincipal("doomed-user"));
  EXPECT_EQ(Cli({"whoami"}, token).code(), 3);

  // A new principal of the same name does not inherit the old token.
  CreatePrincipal("doomed-user", "user", {"admin"});
  RunResult reborn = Cli({"whoami"}, token);
  EXPECT_EQ(reborn.code(), 3) << "an old token came back to life:\n" << reborn.Describe();
  ASSERT_EQ(Cli({"principal", "rm", "doomed-user"}, admin()).code(), 0);
}

TEST_F(CliE2E, EventsRecordOneLinePerDecision) {
  std::string token = UserWithToken("carol-events", {"data-scientist"});
  ASSERT_FALSE(token.empty());
  ASSERT_TRUE(EventsBy("carol-events").empty());

  EXPECT_EQ(Cli({"whoami"}, token).code(), 0);
  EXPECT_EQ(Cli({"env", "ls"}, token).code(), 0);
  EXPECT_EQ(Cli({"principal", "ls"}, token).code(), 3);
  EXPECT_EQ(Cli({"principal", "show", "admin"}, token).code(), 3);

  std::vector<nlohmann::json> events = EventsBy("carol-events");
  ASSERT_EQ(events.size(), 4u) << "one event per decision expected";
  struct Expected {
    std::string action, decision, outcome;
  };
  const std::vector<Expected> expected = {{"whoami", "allow", "ok"},
                                          {"environment.list", "allow", "ok"},
                                          {"principal.list", "deny", "permission-denied"},
                                          {"principal.read", "deny", "permission-denied"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].action);
    EXPECT_EQ(events[i]["action"], expected[i].action) << events[i].dump();
    EXPECT_EQ(events[i]["decision"], expected[i].decision) << events[i].dump();
    EXPECT_EQ(events[i]["outcome"], expected[i].outcome) << events[i].dump();
    EXPECT_EQ(events[i]["principal"]["kind"], "user");
    EXPECT_FALSE(events[i].value("request_id", std::string()).empty());
  }
  EXPECT_EQ(events[3]["resource"], nlohmann::json({{"type", "Principal"}, {"id", "admin"}}));

  // The admin's changes are recorded too.
  bool created = false;
  bool token_issued = false;
  for (auto& e : EventsBy("admin")) {
    if (e["resource"]["id"] != "carol-events" || e["decision"] != "allow") continue;
    if (e["action"] == "principal.create" && e["outcome"] == "ok") created = true;
    if (e["action"] == "token.create" && e["outcome"] == "ok") token_issued = true;
  }
  EXPECT_TRUE(created);
  EXPECT_TRUE(token_issued);

  // Every line of the log is a complete event.
  for (auto& e : server().Events()) {
    ASSERT_TRUE(e.is_object()) << "not a JSON object: " << e.dump();
    for (const char* key :
         {"time", "request_id", "principal", "action", "resource", "decision", "outcome"}) {
      EXPECT_TRUE(e.contains(key)) << key << " missing in " << e.dump();
    }
  }
}

TEST_F(CliE2E, BadTokenLeavesAnAuthenticateDenyEvent) {
  auto count = [] {
    int n = 0;
    for (auto& e : server().Events()) {
      if (e.is_object() && e["action"] == "authenticate" && e["decision"] == "deny") ++n;
    }
    return n;
  };
  int before = count();
  ASSERT_EQ(Cli({"whoami"}, kUnknownToken).code(), 3);
  EXPECT_EQ(count(), before + 1);
  // The event never holds the presented token.
  EXPECT_THAT(ReadFile(server().data_dir() + "/audit/events.log"), Not(HasSubstr(kUnknownToken)));
}

TEST_F(CliE2E, TokensNeverAppearInLogs) {
  std::string token = UserWithToken("frank-logs", {"data-scientist"});
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(Cli({"whoami"}, token).code(), 0);
  ASSERT_EQ(Cli({"principal", "ls"}, token).code(), 3);
  ASSERT_EQ(Cli({"whoami"}, kUnknownToken).code(), 3);

  const std::string out = server().Stdout();
  const std::string err = server().Stderr();
  const std::string events = ReadFile(server().data_dir() + "/audit/events.log");
  ASSERT_FALSE(out.empty()) << "no access log on stdout";
  for (const std::string& secret : {admin(), token, kUnknownToken}) {
    // The secret part alone (after "sluice_<id>_") must not leak either.
    std::string tail = secret.substr(secret.rfind('_') + 1);
    EXPECT_THAT(out, Not(HasSubstr(tail))) << "a token is in the access log";
    EXPECT_THAT(err, Not(HasSubstr(tail))) << "a token is in the server's stderr";
    EXPECT_THAT(events, Not(HasSubstr(tail))) << "a token is in the event log";
  }
}

TEST_F(CliE2E, AccessLogIsOneJsonObjectPerRequest) {
  std::string token = UserWithToken("grace-access", {"data-scientist"});
  Result<http::Response> r = server().Send("GET", "/api/v1/principals/admin", admin(), "",
                                           {{"X-Request-Id", "e2e-access-admin"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->headers.Get("x-request-id"), "e2e-access-admin");
  r = server().Send("GET", "/api/v1/principals", token, "",
                    {{"X-Request-Id", "e2e-access-denied"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 403);
  r = server().Send("GET", "/api/v1/health", "", "", {{"X-Request-Id", "e2e-access-health"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);

  const std::regex time_format(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  std::map<std::string, nlohmann::json> by_id;
  std::vector<std::string> lines = Lines(server().Stdout());
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    nlohmann::json doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(doc.is_object()) << "access log line is not a JSON object: " << line;
    ASSERT_TRUE(doc["time"].is_string()) << line;
    EXPECT_TRUE(std::regex_match(doc["time"].get<std::string>(), time_format)) << line;
    EXPECT_TRUE(doc["request_id"].is_string()) << line;
    EXPECT_TRUE(doc["principal"].is_string()) << line;
    EXPECT_TRUE(doc["method"].is_string()) << line;
    EXPECT_TRUE(doc["route"].is_string()) << line;
    EXPECT_TRUE(doc["status"].is_number_integer()) << line;
    EXPECT_TRUE(doc["duration_ms"].is_number()) << line;
    EXPECT_GE(doc["duration_ms"].get<double>(), 0.0) << line;
    if (doc["request_id"].is_string()) by_id[doc["request_id"]] = doc;
  }

  ASSERT_EQ(by_id.count("e2e-access-admin"), 1u);
  const nlohmann::json& admin_line = by_id["e2e-access-admin"];
  EXPECT_EQ(admin_line["principal"], "admin");
  EXPECT_EQ(admin_line["method"], "GET");
  EXPECT_EQ(admin_line["route"], "/api/v1/principals/{name}");
  EXPECT_EQ(admin_line["status"], 200);

  ASSERT_EQ(by_id.count("e2e-access-denied"), 1u);
  EXPECT_EQ(by_id["e2e-access-denied"]["principal"], "grace-access");
  EXPECT_EQ(by_id["e2e-access-denied"]["route"], "/api/v1/principals");
  EXPECT_EQ(by_id["e2e-access-denied"]["status"], 403);

  ASSERT_EQ(by_id.count("e2e-access-health"), 1u);
  EXPECT_EQ(by_id["e2e-access-health"]["principal"], "");
  EXPECT_EQ(by_id["e2e-access-health"]["status"], 200);
}

}  // namespace
}  // namespace sluice::e2e
