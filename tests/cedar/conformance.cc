// Cedar conformance: runs the cedar-integration-tests data (the hand-written
// tests and the generated corpus) through the Sluice engine and compares the
// decision, the reason set and the error set of every request.
//
// Usage: cedar_conformance --data DIR --corpus DIR --skip-list FILE [--verbose]
//   DIR (data)    the cedar-integration-tests folder (tests/, sample-data/)
//   DIR (corpus)  the folder where corpus-tests.tar.gz was unpacked (it holds
//                 corpus-tests/); paths in the tests are looked up there
//                 first, then in the data folder
// Exit status 0 when every test passes or is listed in the skip list.
//
// Cedar's harness parses entities and contexts with the schema and validates
// every request that has `validateRequest`; data that does not conform makes
// the test fail there. So here every entity file must pass ValidateEntities
// and every such request ValidateRequest (counted as "schema check" failures).
//
// `shouldValidate` is checked with the policy validator (Validate, strict
// mode): a test fails when the validator accepts the policies and the test
// says it should not, or the other way round.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "policy/authorizer.h"
#include "policy/entity_json.h"
#include "policy/policy_set.h"
#include "policy/schema.h"
#include "policy/schema_check.h"
#include "policy/validator.h"

namespace fs = std::filesystem;
using namespace sluice::policy;  // NOLINT: test driver

namespace {

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

struct Counts {
  int tests = 0, tests_passed = 0, tests_failed = 0, tests_skipped = 0;
  int requests = 0, decision_bad = 0, reason_bad = 0, errors_bad = 0, setup_bad = 0;
  int schema_bad = 0, requests_validated = 0;
  int validate_agree = 0, validate_disagree = 0;
};

struct Ctx {
  fs::path data, corpus;
  std::map<std::string, std::string> skip;  // test -> reason
  bool verbose = false;
};

fs::path Resolve(const Ctx& c, const std::string& rel) {
  fs::path a = c.corpus / rel;
  if (fs::exists(a)) return a;
  return c.data / rel;
}

// Returns the list of failure messages (empty = pass).
std::vector<std::string> RunTest(const Ctx& c, const fs::path& file, Counts* n) {
  std::vector<std::string> fails;
  std::string text;
  if (!ReadFile(file, &text)) return {"cannot read test file"};
  auto tj = ParseJsonText(text, file.string());
  if (!tj.ok()) return {tj.status().message()};
  const auto& t = *tj;
  std::string ptext, etext, stext;
  if (!ReadFile(Resolve(c, t.value("policies", "")), &ptext)) return {"cannot read policies"};
  if (!ReadFile(Resolve(c, t.value("entities", "")), &etext)) return {"cannot read entities"};
  if (!ReadFile(Resolve(c, t.value("schema", "")), &stext)) return {"cannot read schema"};
  auto schema = Schema::ParseCedar(stext, t.value("schema", ""));
  if (!schema.ok()) return {"schema: " + schema.status().message()};
  auto ps = PolicySet::Parse(ptext, t.value("policies", ""));
  if (!ps.ok()) return {"policies: " + ps.status().message()};
  {
    ValidationResult vr = Validate(*ps, *schema);
    bool want = t.value("shouldValidate", true);
    if (vr.ok() == want) {
      ++n->validate_agree;
    } else {
      ++n->validate_disagree;
      std::string msg = want ? "validation: rejected, expected to validate:"
                             : "validation: accepted, expected a validation error";
      for (size_t k = 0; k < vr.errors.size() && k < 3; ++k) {
        msg += " {" + vr.errors[k].ToString() + "}";
      }
      fails.push_back(msg);
    }
  }
  auto store = ParseEntitiesJson(etext, &*schema);
  if (!store.ok()) return {"entities: " + store.status().message()};
  if (auto st = ValidateEntities(*schema, *store); !st.ok()) {
    ++n->schema_bad;
    fails.push_back("schema check of entities: " + st.message());
  }
  int i = 0;
  for (const auto& rj : t["requests"]) {
    ++n->requests;
    std::string label = "request " + std::to_string(i++) + " (" + rj.value("description", "") + ")";
    auto req = RequestFromJson(rj, &*schema);
    if (!req.ok()) {
      ++n->setup_bad;
      fails.push_back(label + ": " + req.status().message());
      continue;
    }
    if (rj.value("validateRequest", true)) {
      ++n->requests_validated;
      if (auto st = ValidateRequest(*schema, *req); !st.ok()) {
        ++n->schema_bad;
        fails.push_back(label + ": schema check of request: " + st.message());
      }
    }
    Response r = IsAuthorized(*req, *store, *ps);
    std::string want_dec = rj.value("decision", "");
    std::string got_dec = r.decision == Decision::kAllow ? "allow" : "deny";
    std::transform(want_dec.begin(), want_dec.end(), want_dec.begin(), ::tolower);
    std::set<std::string> want_reason(rj["reason"].begin(), rj["reason"].end());
    std::set<std::string> got_reason(r.reasons.begin(), r.reasons.end());
    std::set<std::string> want_err(rj["errors"].begin(), rj["errors"].end());
    std::set<std::string> got_err;
    for (const auto& e : r.errors) got_err.insert(e.policy_id);
    auto join = [](const std::set<std::string>& s) {
      std::string o = "[";
      for (const auto& x : s) o += (o.size() > 1 ? "," : "") + x;
      return o + "]";
    };
    if (want_dec != got_dec) {
      ++n->decision_bad;
      fails.push_back(label + ": decision " + got_dec + ", expected " + want_dec);
    }
    if (want_reason != got_reason) {
      ++n->reason_bad;
      fails.push_back(label + ": reasons " + join(got_reason) + ", expected " + join(want_reason));
    }
    if (want_err != got_err) {
      ++n->errors_bad;
      std::string msgs;
      for (const auto& e : r.errors) msgs += " {" + e.policy_id + ": " + e.message + "}";
      fails.push_back(label + ": errors " + join(got_err) + ", expected " + join(want_err) + msgs);
    }
  }
  return fails;
}

void RunSuite(const Ctx& c, const std::string& name, const std::vector<fs::path>& files,
              std::set<std::string>* used_skips, bool* bad) {
  Counts n;
  for (const auto& f : files) {
    ++n.tests;
    std::string key = fs::relative(f, f.parent_path().parent_path()).generic_string();
    auto fails = RunTest(c, f, &n);
    auto sk = c.skip.find(key);
    if (sk != c.skip.end()) used_skips->insert(key);
    if (fails.empty()) {
      ++n.tests_passed;
      if (sk != c.skip.end())
        std::cout << "NOTE: " << key << " passes; remove it from the skip list\n";
      continue;
    }
    if (sk != c.skip.end()) {
      ++n.tests_skipped;
      if (c.verbose) std::cout << "SKIP " << key << ": " << sk->second << "\n";
      continue;
    }
    ++n.tests_failed;
    *bad = true;
    std::cout << "FAIL " << key << "\n";
    size_t shown = 0;
    for (const auto& m : fails) {
      if (++shown > 5 && !c.verbose) break;
      std::cout << "    " << m << "\n";
    }
  }
  std::cout << "[" << name << "] " << n.tests_passed << " passed, " << n.tests_failed << " failed, "
            << n.tests_skipped << " skipped (of " << n.tests << " tests; " << n.requests
            << " requests: " << n.decision_bad << " decision, " << n.reason_bad << " reason, "
            << n.errors_bad << " error-set mismatches, " << n.setup_bad
            << " request parse failures; " << n.requests_validated
            << " requests validated against the schema, " << n.schema_bad
            << " schema-check failures; shouldValidate: " << n.validate_agree << " agree, "
            << n.validate_disagree << " disagree)\n";
}

}  // namespace

int main(int argc, char** argv) {
  Ctx c;
  fs::path skip_file;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc)
      c.data = argv[++i];
    else if (a == "--corpus" && i + 1 < argc)
      c.corpus = argv[++i];
    else if (a == "--skip-list" && i + 1 < argc)
      skip_file = argv[++i];
    else if (a == "--verbose")
      c.verbose = true;
    else {
      std::cerr
          << "usage: cedar_conformance --data DIR --corpus DIR --skip-list FILE [--verbose]\n";
      return 2;
    }
  }
  if (!skip_file.empty()) {
    std::ifstream in(skip_file);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto colon = line.find(": ");
      if (colon == std::string::npos) {
        std::cerr << "bad skip-list line (want `test: reason`): " << line << "\n";
        return 2;
      }
      c.skip[line.substr(0, colon)] = line.substr(colon + 2);
    }
  }
  std::cout << "skip list: " << c.skip.size() << " entries";
  std::map<std::string, int> reasons;
  for (const auto& [k, v] : c.skip) ++reasons[v];
  std::cout << (reasons.empty() ? "\n" : ", by reason:\n");
  for (const auto& [r, k] : reasons) std::cout << "  " << k << " x " << r << "\n";

  std::vector<fs::path> hand, corpus;
  for (const auto& e : fs::recursive_directory_iterator(c.data / "tests")) {
    if (e.is_regular_file() && e.path().extension() == ".json") hand.push_back(e.path());
  }
  if (fs::exists(c.corpus / "corpus-tests")) {
    for (const auto& e : fs::directory_iterator(c.corpus / "corpus-tests")) {
      const auto& p = e.path();
      std::string fn = p.filename().string();
      if (p.extension() == ".json" && fn.find(".entities.") == std::string::npos) {
        corpus.push_back(p);
      }
    }
  }
  std::sort(hand.begin(), hand.end());
  std::sort(corpus.begin(), corpus.end());
  if (corpus.empty()) {
    std::cout << "FAIL: no corpus tests found under " << c.corpus << "\n";
    return 1;
  }
  bool bad = false;
  std::set<std::string> used;
  RunSuite(c, "hand-written", hand, &used, &bad);
  RunSuite(c, "corpus", corpus, &used, &bad);
  for (const auto& [k, v] : c.skip) {
    if (!used.count(k)) std::cout << "NOTE: skip-list entry " << k << " matches no test\n";
  }
  std::cout << (bad ? "RESULT: FAIL\n" : "RESULT: PASS\n");
  return bad ? 1 : 0;
}
