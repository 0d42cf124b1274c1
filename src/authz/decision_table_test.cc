// The decision table: every row of testdata/decisions.table is one request
// against the shipped default policy pack on the five-stage platform, with
// the decision it must get. The table is meant to be read by people who
// review the policies: see its header for the columns.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "authz/cedar_authorizer.h"
#include "authz/policy_pack.h"
#include "platform/templates.h"

namespace sluice::authz {
namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;

struct Row {
  int line = 0;
  std::string text;
  store::Principal principal;
  std::string action;
  Facts facts;
  std::string resource_type;
  std::optional<SessionFacts> session;
  bool expect_allow = false;
};

std::vector<std::string> List(const std::string& cell) {
  std::vector<std::string> out;
  if (cell == "-") return out;
  std::stringstream in(cell);
  for (std::string item; std::getline(in, item, ',');) out.push_back(item);
  std::sort(out.begin(), out.end());
  return out;
}

// The resource type an action applies to (policies/sluice.cedarschema).
std::string ResourceTypeOf(const std::string& action) {
  if (action.rfind("asset.", 0) == 0 || action == "promotion.approve" ||
      action == "declassification.request") {
    return "Asset";
  }
  if (action == "declassification.approve" || action == "declassification.read") {
    return "Declassification";
  }
  if (action == "promotion.request" || action == "promotion.run" || action == "release.create") {
    return "Environment";
  }
  if (action == "promotion.cancel" || action == "promotion.read") return "Promotion";
  if (action == "project.create" || action == "project.quota.set") return "Project";
  if (action == "project.list" || action == "project.quota.read" || action == "session.open") {
    return "Environment";
  }
  if (action == "audit.read") return "AuditLog";
  if (action.rfind("policy.", 0) == 0) return "PolicyStore";
  if (action.rfind("alert.", 0) == 0) return "AlertLog";
  if (action == "metrics.read") return "Metrics";
  if (action.rfind("storage.", 0) == 0) return "Storage";
  if (action.rfind("session.", 0) == 0) return "Session";
  if (action == "breakglass.request" || action == "breakglass.open") return "Environment";
  if (action == "breakglass.approve") return "BreakGlass";
  if (action.rfind("principal.", 0) == 0 || action == "whoami" || action == "token.create") {
    return "Principal";
  }
  return "Platform";
}

Result<Row> ParseRow(int line, const std::string& text) {
  std::stringstream in(text);
  std::vector<std::string> cells;
  for (std::string cell; in >> cell;) cells.push_back(cell);
  if (cells.size() != 9)
    return InvalidArgument("expected 9 columns, found " + std::to_string(cells.size()));
  Row row;
  row.line = line;
  row.text = text;
  const std::string& kind = cells[0];
  if (kind != "user" && kind != "service") return InvalidArgument("kind must be user or service");
  row.principal.name = kind == "user" ? "pat" : "ci-runner";
  row.principal.kind =
      kind == "user" ? store::PrincipalKind::kUser : store::PrincipalKind::kService;
  row.principal.roles = List(cells[1]);
  row.principal.attributes["clearances"] = List(cells[2]);
  if (cells[3] != "yes" && cells[3] != "no" && cells[3] != "yes+exception") {
    return InvalidArgument("contractor must be yes, no or yes+exception");
  }
  row.principal.attributes["contractor"] = cells[3] != "no";
  if (cells[3] == "yes+exception") {
    row.principal.attributes["exceptions"] = std::vector<std::string>{"contractor-phi-pci"};
  }
  row.action = cells[4];
  row.resource_type = ResourceTypeOf(row.action);
  // ENV, or SOURCE>TARGET for a copy.
  const std::string& env = cells[5];
  if (auto arrow = env.find('>'); arrow != std::string::npos) {
    row.facts.source_environment = env.substr(0, arrow);
    row.facts.environment = env.substr(arrow + 1);
  } else if (env != "-") {
    row.facts.environment = env;
  }
  row.facts.classification = List(cells[6]);
  // Session: "-", ENV, ENV+expired, ENV+breakglass, or "own"/"other" for
  // session.close and breakglass.approve (whose resource is a session or a
  // request of the caller's own, or someone else's).
  const std::string& session = cells[7];
  if (session == "own" || session == "other") {  // session.close, approvals, cancels
    row.facts.owner = session == "own" ? row.principal.name : "someone-else";
  } else if (session != "-") {
    SessionFacts s;
    s.id = "s-1";
    s.purpose = "decision table";
    const auto plus = session.find('+');
    s.environment = session.substr(0, plus);
    const std::string flag = plus == std::string::npos ? "" : session.substr(plus + 1);
    if (!flag.empty() && flag != "expired" && flag != "breakglass") {
      return InvalidArgument("session flag must be expired or breakglass");
    }
    s.break_glass = flag == "breakglass";
    s.expires_ms = flag == "expired" ? kNow - 1 : kNow + 3'600'000;
    row.session = s;
  }
  if (row.action == "promotion.approve" || row.action == "declassification.approve") {
    row.facts.approver_is_author = cells[6] == "author";
    row.facts.approver_is_requester = cells[6] == "requester";
    row.facts.classification.clear();
  }
  if (cells[8] != "allow" && cells[8] != "deny") return InvalidArgument("expect allow or deny");
  row.expect_allow = cells[8] == "allow";
  return row;
}

TEST(DecisionTable, EveryRowGetsItsDecisionFromTheShippedPacks) {
  auto platform = platform::Template("five-stage");
  ASSERT_TRUE(platform.ok()) << platform.status().ToString();
  auto schema = SluiceSchema();
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  auto policies = CompilePolicies(DefaultPolicyFiles(), *schema);
  ASSERT_TRUE(policies.ok()) << policies.status().ToString();
  CedarAuthorizer authorizer(*platform, *schema);
  authorizer.Install(1, std::move(*policies));

  std::ifstream in(SLUICE_DECISION_TABLE);
  ASSERT_TRUE(in) << "cannot read " << SLUICE_DECISION_TABLE;
  int line_no = 0, rows = 0, allows = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t") == std::string::npos) {
      continue;
    }
    Result<Row> row = ParseRow(line_no, line);
    ASSERT_TRUE(row.ok()) << "decisions.table:" << line_no << ": " << row.status().message();
    Request request{row->principal, row->action, {row->resource_type, "discovery/p/a"},  row->facts,
                    "10.0.0.1",     kNow,        row->session ? &*row->session : nullptr};
    if (row->resource_type == "Asset" && !row->facts.environment.empty()) {
      request.resource.id = row->facts.environment + "/p/a";
    } else if (row->resource_type == "Environment" && !row->facts.environment.empty()) {
      request.resource.id = row->facts.environment;
    } else if (row->resource_type == "Project") {
      request.resource.id = row->facts.environment + "/p";
    }
    const Decision d = authorizer.Authorize(request);
    EXPECT_EQ(d.allowed, row->expect_allow)
        << "decisions.table:" << line_no << ": " << line << "\n  got "
        << (d.allowed ? "allow" : "deny") << " by ["
        << testing::PrintToString(d.determining_policies) << "] errors "
        << testing::PrintToString(d.errors);
    ++rows;
    allows += d.allowed;
  }
  EXPECT_GT(rows, 100) << "the table should cover well over 100 cases";
  EXPECT_GT(allows, 20);
  EXPECT_GT(rows - allows, 20);
}

}  // namespace
}  // namespace sluice::authz
