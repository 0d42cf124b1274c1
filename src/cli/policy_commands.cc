// `sluice policy ...`: offline Cedar tools mirroring Cedar's own CLI
// (authorize, authorize-batch, check-parse, format, validate). They read
// files, never talk to a server.
//
// Exit codes: 0 ok / ALLOW; 3 DENY (Cedar's CLI exits 2 on deny, but 2 is
// Sluice's usage-error code, so Sluice uses its "denied" code); 1 bad input
// (unreadable file, parse error, bad uid, invalid request) or, for
// check-parse/validate/format --check, a negative answer; 2 usage errors.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "policy/authorizer.h"
#include "policy/entity_json.h"
#include "policy/parser.h"
#include "policy/policy_set.h"
#include "policy/printer.h"
#include "policy/schema.h"
#include "policy/schema_check.h"
#include "policy/validator.h"

namespace sluice::cli {
namespace {

namespace pol = sluice::policy;

Result<std::string> ReadText(const std::string& path, std::string_view what) {
  if (path == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    return s.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read " + std::string(what) + " file `" + path + "`");
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad())
    return InvalidArgument("error reading " + std::string(what) + " file `" + path + "`");
  return s.str();
}

// Options shared by authorize and authorize-batch.
struct AuthInputs {
  std::string policies;
  std::string entities;
  std::string schema;
  std::string links;  // --template-linked
  bool validate_request = false;
};

// What authorize needs, loaded once.
struct Loaded {
  pol::PolicySet policies;
  std::optional<pol::Schema> schema;
  pol::EntityStore entities;
  const pol::Schema* schema_ptr() const { return schema ? &*schema : nullptr; }
};

Result<pol::Schema> LoadSchema(const std::string& path) {
  SLUICE_ASSIGN_OR_RETURN(std::string text, ReadText(path, "schema"));
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return pol::Schema::ParseJson(text, path);
  return pol::Schema::ParseCedar(text, path);
}

Result<pol::EntityUid> UidFromLinkArg(const nlohmann::json& v) {
  if (v.is_string()) return pol::ParseEntityUid(v.get<std::string>());
  return pol::EntityUidFromJson(v);
}

// Cedar CLI's --template-linked file: [{"template_id": T, "link_id": L,
// "args": {"?principal": "User::\"a\"", "?resource": ...}}]; an arg may also
// be a {"type","id"} object.
Status LinkTemplates(const std::string& path, pol::PolicySet& set) {
  SLUICE_ASSIGN_OR_RETURN(std::string text, ReadText(path, "template links"));
  SLUICE_ASSIGN_OR_RETURN(nlohmann::json j, pol::ParseJsonText(text, path));
  if (!j.is_array()) return InvalidArgument(path + ": expected a JSON array of links");
  for (size_t i = 0; i < j.size(); ++i) {
    const auto& l = j[i];
    std::string where = path + "[" + std::to_string(i) + "]";
    if (!l.is_object() || !l.contains("template_id") || !l["template_id"].is_string() ||
        !l.contains("link_id") || !l["link_id"].is_string()) {
      return InvalidArgument(where + ": expected {\"template_id\", \"link_id\", \"args\"}");
    }
    std::optional<pol::EntityUid> principal, resource;
    if (l.contains("args")) {
      if (!l["args"].is_object()) return InvalidArgument(where + ".args: expected an object");
      for (const auto& [slot, v] : l["args"].items()) {
        auto uid = UidFromLinkArg(v);
        if (!uid.ok())
          return InvalidArgument(where + ".args." + slot + ": " + uid.status().message());
        if (slot == "?principal") {
          principal = *uid;
        } else if (slot == "?resource") {
          resource = *uid;
        } else {
          return InvalidArgument(where + ".args: unknown slot `" + slot + "`");
        }
      }
    }
    Status s = set.Link(l["template_id"].get<std::string>(), l["link_id"].get<std::string>(),
                        principal, resource);
    if (!s.ok()) return {s.code(), where + ": " + s.message()};
  }
  return Status::Ok();
}

Result<Loaded> Load(const AuthInputs& in) {
  Loaded out;
  SLUICE_ASSIGN_OR_RETURN(std::string policy_text, ReadText(in.policies, "policies"));
  SLUICE_ASSIGN_OR_RETURN(out.policies, pol::PolicySet::Parse(policy_text, in.policies));
  if (!in.links.empty()) SLUICE_RETURN_IF_ERROR(LinkTemplates(in.links, out.policies));
  if (!in.schema.empty()) {
    SLUICE_ASSIGN_OR_RETURN(pol::Schema s, LoadSchema(in.schema));
    out.schema = std::move(s);
  }
  SLUICE_ASSIGN_OR_RETURN(std::string entity_text, ReadText(in.entities, "entities"));
  auto store = pol::ParseEntitiesJson(entity_text, out.schema_ptr());
  if (!store.ok()) return InvalidArgument(in.entities + ": " + store.status().message());
  out.entities = std::move(store).value();
  if (out.schema) {
    Status s = pol::ValidateEntities(*out.schema, out.entities);
    if (!s.ok()) return InvalidArgument(in.entities + ": " + s.message());
  }
  return out;
}

nlohmann::json ResponseJson(const pol::Response& r) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : r.errors)
    errors.push_back({{"policy", e.policy_id}, {"message", e.message}});
  return {{"decision", r.decision == pol::Decision::kAllow ? "allow" : "deny"},
          {"reasons", r.reasons},
          {"errors", std::move(errors)}};
}

// --- authorize -------------------------------------------------------------

struct AuthorizeArgs {
  AuthInputs in;
  std::string principal, action, resource, context, request_json;
};

Result<pol::Request> BuildRequest(const AuthorizeArgs& a, const pol::Schema* schema) {
  if (!a.request_json.empty()) {
    SLUICE_ASSIGN_OR_RETURN(std::string text, ReadText(a.request_json, "request"));
    SLUICE_ASSIGN_OR_RETURN(nlohmann::json j, pol::ParseJsonText(text, a.request_json));
    auto r = pol::RequestFromJson(j, schema);
    if (!r.ok()) return InvalidArgument(a.request_json + ": " + r.status().message());
    return r;
  }
  pol::Request req;
  struct Field {
    const std::string& text;
    const char* flag;
    pol::EntityUid* out;
  };
  for (const Field& f :
       {Field{a.principal, "--principal", &req.principal}, Field{a.action, "--action", &req.action},
        Field{a.resource, "--resource", &req.resource}}) {
    auto uid = pol::ParseEntityUid(f.text);
    if (!uid.ok()) {
      return InvalidArgument(
          std::string(f.flag) + " `" + f.text +
          "`: not an entity uid like User::\"alice\": " + uid.status().message());
    }
    *f.out = *uid;
  }
  if (!a.context.empty()) {
    SLUICE_ASSIGN_OR_RETURN(std::string text, ReadText(a.context, "context"));
    SLUICE_ASSIGN_OR_RETURN(nlohmann::json j, pol::ParseJsonText(text, a.context));
    auto ctx = pol::ContextFromJson(j, schema, req.action);
    if (!ctx.ok()) return InvalidArgument(a.context + ": " + ctx.status().message());
    req.context = std::move(ctx).value();
  }
  return req;
}

int Authorize(const AuthorizeArgs& a, bool json) {
  auto loaded = Load(a.in);
  if (!loaded.ok()) return ReportError(loaded.status());
  auto req = BuildRequest(a, loaded->schema_ptr());
  if (!req.ok()) return ReportError(req.status());
  if (a.in.validate_request) {
    if (!loaded->schema) return ReportError(InvalidArgument("--validate-request needs --schema"));
    Status s = pol::ValidateRequest(*loaded->schema, *req);
    if (!s.ok()) return ReportError(InvalidArgument("request: " + s.message()));
  }
  pol::Response r = pol::IsAuthorized(*req, loaded->entities, loaded->policies);
  if (json) {
    PrintJson(ResponseJson(r));
  } else {
    std::cout << (r.decision == pol::Decision::kAllow ? "ALLOW" : "DENY") << "\n";
    if (!r.reasons.empty()) std::cerr << "reasons: " << JoinOrDash(r.reasons) << "\n";
    for (const auto& e : r.errors) {
      std::cerr << "error in " << e.policy_id << ": " << e.message << "\n";
    }
  }
  return r.decision == pol::Decision::kAllow ? kExitOk : kExitDenied;
}

// --- authorize-batch -------------------------------------------------------

struct BatchArgs {
  AuthInputs in;
  std::string requests;
};

// One JSON request per line; one JSON answer per line, in order. Blank lines
// are skipped (no output). A line that cannot be answered gives
// {"error": "line N: ..."} and the batch goes on; the exit code is then 1.
int AuthorizeBatch(const BatchArgs& a) {
  auto loaded = Load(a.in);
  if (!loaded.ok()) return ReportError(loaded.status());
  if (a.in.validate_request && !loaded->schema) {
    return ReportError(InvalidArgument("--validate-request needs --schema"));
  }
  std::ifstream file;
  std::istream* in = &std::cin;
  if (a.requests != "-") {
    file.open(a.requests, std::ios::binary);
    if (!file) return ReportError(NotFound("cannot read requests file `" + a.requests + "`"));
    in = &file;
  }
  std::string line, out;
  size_t lineno = 0, failed = 0;
  auto fail = [&](const std::string& msg) {
    ++failed;
    out += nlohmann::json{{"error", "line " + std::to_string(lineno) + ": " + msg}}.dump();
    out += '\n';
  };
  while (std::getline(*in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = pol::ParseJsonText(line, "request");
    if (!j.ok()) {
      fail(j.status().message());
    } else if (auto req = pol::RequestFromJson(*j, loaded->schema_ptr()); !req.ok()) {
      fail(req.status().message());
    } else if (Status s = a.in.validate_request ? pol::ValidateRequest(*loaded->schema, *req)
                                                : Status::Ok();
               !s.ok()) {
      fail(s.message());
    } else {
      out += ResponseJson(pol::IsAuthorized(*req, loaded->entities, loaded->policies)).dump();
      out += '\n';
    }
    if (out.size() > (1 << 16)) {
      std::cout << out;
      out.clear();
    }
  }
  std::cout << out << std::flush;
  if (failed > 0) {
    std::cerr << "sluice: " << failed << " of the requests could not be answered\n";
    return kExitFailure;
  }
  return kExitOk;
}

// --- check-parse, format, validate -------------------------------------------

int CheckParse(const std::string& path, bool json) {
  auto text = ReadText(path, "policies");
  if (!text.ok()) return ReportError(text.status());
  auto set = pol::PolicySet::Parse(*text, path);
  if (json) {
    nlohmann::json errors = nlohmann::json::array();
    if (!set.ok()) errors.push_back(set.status().message());
    PrintJson({{"file", path}, {"ok", set.ok()}, {"errors", errors}});
  } else if (set.ok()) {
    std::cout << path << ": ok (" << set->policies().size() << " policies, "
              << set->templates().size() << " templates)\n";
  } else {
    std::cerr << set.status().message() << "\n";
  }
  return set.ok() ? kExitOk : kExitFailure;
}

struct FormatArgs {
  std::string file = "-";
  bool check = false;
  bool write = false;
};

int Format(const FormatArgs& a) {
  auto text = ReadText(a.file, "policies");
  if (!text.ok()) return ReportError(text.status());
  auto formatted = pol::FormatPolicies(*text, a.file == "-" ? "stdin" : a.file);
  if (!formatted.ok()) {
    std::cerr << formatted.status().message() << "\n";
    return kExitFailure;
  }
  if (a.check) {
    if (*formatted == *text) return kExitOk;
    std::cerr << a.file << ": not formatted\n";
    return kExitFailure;
  }
  if (a.write && a.file != "-") {
    if (*formatted == *text) return kExitOk;
    std::ofstream out(a.file, std::ios::binary | std::ios::trunc);
    out << *formatted;
    if (!out) return ReportError(InvalidArgument("cannot write `" + a.file + "`"));
    return kExitOk;
  }
  std::cout << *formatted;
  return kExitOk;
}

int Validate(const std::string& policies_path, const std::string& schema_path, bool json) {
  auto text = ReadText(policies_path, "policies");
  if (!text.ok()) return ReportError(text.status());
  auto set = pol::PolicySet::Parse(*text, policies_path);
  if (!set.ok()) return ReportError(set.status());
  auto schema = LoadSchema(schema_path);
  if (!schema.ok()) return ReportError(schema.status());
  pol::ValidationResult result = pol::Validate(*set, *schema);
  if (json) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : result.errors) {
      errors.push_back({{"policy", e.policy_id},
                        {"message", e.message},
                        {"line", e.line},
                        {"column", e.column}});
    }
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& w : result.warnings) {
      warnings.push_back({{"policy", w.policy_id}, {"message", w.message}});
    }
    PrintJson({{"ok", result.ok()}, {"errors", errors}, {"warnings", warnings}});
  } else if (result.ok()) {
    for (const auto& w : result.warnings) {
      std::cerr << policies_path << ": warning: " << w.ToString() << "\n";
    }
    std::cout << policies_path << ": valid against " << schema_path << "\n";
  } else {
    for (const auto& e : result.errors) std::cerr << policies_path << ": " << e.ToString() << "\n";
  }
  return result.ok() ? kExitOk : kExitFailure;
}

void AddAuthInputs(CLI::App* cmd, AuthInputs& in) {
  cmd->add_option("--policies", in.policies, "Cedar policies file")->required();
  cmd->add_option("--entities", in.entities, "Entities (Cedar JSON)")->required();
  cmd->add_option("--schema", in.schema,
                  "Schema (.cedarschema, or JSON when it starts with `{`); directs the parsing "
                  "of entities and contexts, and entities are checked against it");
  cmd->add_option("--template-linked", in.links,
                  "Template links (JSON: [{\"template_id\", \"link_id\", \"args\"}])");
  cmd->add_flag("--validate-request", in.validate_request,
                "Check each request against the schema (Cedar's validateRequest)");
}

}  // namespace

void AddPolicyCommands(CLI::App& app, const GlobalOptions& global, Action& run) {
  CLI::App* group =
      app.add_subcommand("policy", "Cedar policies, offline: authorize, check, validate, format");
  group->require_subcommand(1);

  auto auth = std::make_shared<AuthorizeArgs>();
  CLI::App* authorize = group->add_subcommand(
      "authorize", "Decide one request: prints ALLOW (exit 0) or DENY (exit 3)");
  AddAuthInputs(authorize, auth->in);
  auto* rj = authorize->add_option("--request-json", auth->request_json,
                                   "Request JSON file {principal, action, resource, context}");
  auto* p = authorize->add_option("--principal", auth->principal, "e.g. 'User::\"alice\"'");
  auto* ac = authorize->add_option("--action", auth->action, "e.g. 'Action::\"read\"'");
  auto* r = authorize->add_option("--resource", auth->resource, "e.g. 'Doc::\"d1\"'");
  auto* c = authorize->add_option("--context", auth->context, "Context JSON file (a record)");
  for (auto* o : {p, ac, r, c}) o->excludes(rj);
  authorize->callback([auth, p, ac, r, rj, &global, &run] {
    if (rj->count() == 0 && (p->count() == 0 || ac->count() == 0 || r->count() == 0)) {
      throw CLI::RequiredError("--principal, --action and --resource (or --request-json)");
    }
    run = [auth, &global] { return Authorize(*auth, global.json); };
  });

  auto batch = std::make_shared<BatchArgs>();
  CLI::App* batch_cmd = group->add_subcommand(
      "authorize-batch",
      "Decide many requests (JSON lines) in one process; one JSON answer per line");
  AddAuthInputs(batch_cmd, batch->in);
  batch_cmd->add_option("--requests", batch->requests, "Requests, one JSON per line (- = stdin)")
      ->required();
  batch_cmd->callback([batch, &run] { run = [batch] { return AuthorizeBatch(*batch); }; });

  auto parse_file = std::make_shared<std::string>();
  CLI::App* check =
      group->add_subcommand("check-parse", "Check that policies parse (exit 1 if not)");
  check->add_option("--policies", *parse_file, "Cedar policies file")->required();
  check->callback([parse_file, &global, &run] {
    run = [parse_file, &global] { return CheckParse(*parse_file, global.json); };
  });

  auto fmt = std::make_shared<FormatArgs>();
  CLI::App* format = group->add_subcommand("format", "Print policies in Cedar's canonical layout");
  format->add_option("FILE", fmt->file, "Cedar policies file (default: stdin)");
  auto* chk = format->add_flag("--check", fmt->check, "Exit 1 if FILE is not formatted");
  format->add_flag("--write", fmt->write, "Rewrite FILE in place")->excludes(chk);
  format->callback([fmt, &run] { run = [fmt] { return Format(*fmt); }; });

  auto val_policies = std::make_shared<std::string>();
  auto val_schema = std::make_shared<std::string>();
  CLI::App* validate = group->add_subcommand(
      "validate", "Type-check policies against a schema (exit 1 if they do not validate)");
  validate->add_option("--policies", *val_policies, "Cedar policies file")->required();
  validate->add_option("--schema", *val_schema, "Schema (.cedarschema or JSON)")->required();
  validate->callback([val_policies, val_schema, &global, &run] {
    run = [val_policies, val_schema, &global] {
      return Validate(*val_policies, *val_schema, global.json);
    };
  });
}

}  // namespace sluice::cli
