// Policies as data: versioned in the control store, validated against the
// schema before they are stored, put in force atomically, every change an
// audit event carrying its diff.
#include <algorithm>
#include <map>
#include <sstream>

#include "authz/policy_pack.h"
#include "service/actions.h"
#include "service/door.h"

namespace sluice::service {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A line diff of two texts ("-" removed, "+" added, " " kept), from the
// longest common subsequence. Policy files are small; past kMaxLines a file
// is reported as replaced rather than diffed line by line.
void AppendFileDiff(const std::string& name, const std::string& before, const std::string& after,
                    std::string& out) {
  constexpr std::size_t kMaxLines = 3000;
  if (before == after) return;
  const std::vector<std::string> a = Lines(before), b = Lines(after);
  out += "--- " + name + "\n+++ " + name + "\n";
  if (a.size() > kMaxLines || b.size() > kMaxLines) {
    out += "@@ file replaced (" + std::to_string(a.size()) + " -> " + std::to_string(b.size()) +
           " lines) @@\n";
    return;
  }
  std::vector<std::vector<std::uint16_t>> lcs(a.size() + 1,
                                              std::vector<std::uint16_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? static_cast<std::uint16_t>(lcs[i + 1][j + 1] + 1)
                               : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out += " " + a[i] + "\n";
      ++i, ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out += "+" + b[j++] + "\n";
    } else {
      out += "-" + a[i++] + "\n";
    }
  }
}

std::string Diff(const std::vector<store::PolicyFile>& before,
                 const std::vector<store::PolicyFile>& after) {
  std::map<std::string, std::pair<std::string, std::string>> files;
  for (const auto& f : before) files[f.name].first = f.text;
  for (const auto& f : after) files[f.name].second = f.text;
  std::string out;
  for (const auto& [name, texts] : files) AppendFileDiff(name, texts.first, texts.second, out);
  return out;
}

}  // namespace

Status Service::LoadPolicies(const std::vector<store::PolicyFile>& defaults) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  if (controls_.authorizer == nullptr || controls_.schema == nullptr) {
    return FailedPrecondition("no authorizer to load policies into");
  }
  SLUICE_ASSIGN_OR_RETURN(std::optional<store::PolicyVersion> latest,
                          control->LatestPolicyVersion());
  if (!latest) {
    store::PolicyVersion v;
    v.files = defaults;
    v.author = "sluice";
    v.created_ms = NowMillis();
    v.comment = "the default policy pack";
    SLUICE_ASSIGN_OR_RETURN(v.version, control->AddPolicyVersion(v));
    latest = std::move(v);
  }
  Result<policy::PolicySet> set = authz::CompilePolicies(latest->files, *controls_.schema);
  if (!set.ok()) {
    // Stored versions were valid when pushed; a schema change since may
    // break one. Refuse to start rather than run with no or wrong policies.
    return FailedPrecondition("policy version " + std::to_string(latest->version) +
                              " no longer validates: " + set.status().message());
  }
  controls_.authorizer->Install(latest->version, std::move(*set));
  return Status::Ok();
}

Result<store::PolicyVersion> Service::StoreAndInstall(const Caller& caller, std::string_view action,
                                                      std::vector<store::PolicyFile> files,
                                                      std::string comment) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  if (controls_.authorizer == nullptr || controls_.schema == nullptr) {
    return FailedPrecondition("this server has no policy engine to push to");
  }
  return Door(caller, action, {"PolicyStore", platform_.name},
              [&](nlohmann::json& details) -> Result<store::PolicyVersion> {
                // Validate first: a push that fails changes nothing.
                SLUICE_ASSIGN_OR_RETURN(policy::PolicySet set,
                                        authz::CompilePolicies(files, *controls_.schema));
                SLUICE_ASSIGN_OR_RETURN(std::optional<store::PolicyVersion> previous,
                                        control->LatestPolicyVersion());
                store::PolicyVersion v;
                v.files = std::move(files);
                v.author = caller.principal.name;
                v.created_ms = NowMillis();
                v.comment = std::move(comment);
                SLUICE_ASSIGN_OR_RETURN(v.version, control->AddPolicyVersion(v));
                controls_.authorizer->Install(v.version, std::move(set));
                details["version"] = v.version;
                details["previous"] = previous ? previous->version : 0;
                details["comment"] = v.comment;
                details["diff"] =
                    Diff(previous ? previous->files : std::vector<store::PolicyFile>{}, v.files);
                return v;
              });
}

Result<store::PolicyVersion> Service::PushPolicies(const Caller& caller,
                                                   std::vector<store::PolicyFile> files,
                                                   std::string_view comment) {
  return StoreAndInstall(caller, actions::kPushPolicies, std::move(files), std::string(comment));
}

Result<store::PolicyVersion> Service::RollbackPolicies(const Caller& caller, std::int64_t version) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  SLUICE_ASSIGN_OR_RETURN(store::PolicyVersion old, control->GetPolicyVersion(version));
  return StoreAndInstall(caller, actions::kRollbackPolicies, std::move(old.files),
                         "rollback to version " + std::to_string(version));
}

Result<store::PolicyVersion> Service::GetPolicies(const Caller& caller, std::int64_t version) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  return Door(caller, actions::kReadPolicies, {"PolicyStore", platform_.name},
              [&](nlohmann::json& details) -> Result<store::PolicyVersion> {
                const std::int64_t wanted =
                    version > 0 ? version
                                : (controls_.authorizer ? controls_.authorizer->version() : 0);
                details["version"] = wanted;
                return control->GetPolicyVersion(wanted);
              });
}

Result<std::vector<store::PolicyVersion>> Service::PolicyHistory(const Caller& caller) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  return Door(caller, actions::kReadPolicies, {"PolicyStore", platform_.name},
              [&](nlohmann::json&) { return control->ListPolicyVersions(); });
}

Result<PolicyDiff> Service::DiffPolicies(const Caller& caller, std::int64_t from, std::int64_t to) {
  SLUICE_ASSIGN_OR_RETURN(store::ControlStore * control, RequireControls());
  return Door(caller, actions::kReadPolicies, {"PolicyStore", platform_.name},
              [&](nlohmann::json& details) -> Result<PolicyDiff> {
                SLUICE_ASSIGN_OR_RETURN(store::PolicyVersion a, control->GetPolicyVersion(from));
                SLUICE_ASSIGN_OR_RETURN(store::PolicyVersion b, control->GetPolicyVersion(to));
                details["from"] = from;
                details["to"] = to;
                return PolicyDiff{from, to, Diff(a.files, b.files)};
              });
}

}  // namespace sluice::service
