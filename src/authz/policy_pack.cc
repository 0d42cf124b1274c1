#include "authz/policy_pack.h"

#include <map>
#include <set>

#include "policy/validator.h"

namespace sluice::authz {
namespace {

constexpr std::string_view kCedarSuffix = ".cedar";

bool ValidFileName(std::string_view name) {
  if (name.size() <= kCedarSuffix.size() || name.size() > 128) return false;
  if (name.substr(name.size() - kCedarSuffix.size()) != kCedarSuffix) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

const std::string* IdAnnotation(const policy::Policy& p) {
  for (const auto& [key, value] : p.annotations) {
    if (key == "id") return &value;
  }
  return nullptr;
}

}  // namespace

std::vector<store::PolicyFile> DefaultPolicyFiles() {
  return internal::EmbeddedPolicyFiles();
}

std::string_view SluiceSchemaText() {
  return internal::EmbeddedSchema();
}

Result<policy::Schema> SluiceSchema() {
  return policy::Schema::ParseCedar(internal::EmbeddedSchema(), "sluice.cedarschema");
}

Result<policy::PolicySet> CompilePolicies(const std::vector<store::PolicyFile>& files,
                                          const policy::Schema& schema) {
  if (files.empty()) return InvalidArgument("a policy set needs at least one file");
  std::vector<std::string> problems;
  std::set<std::string> names;
  std::map<std::string, std::string> file_of_id;
  policy::PolicySet combined;
  for (const store::PolicyFile& file : files) {
    if (!ValidFileName(file.name)) {
      problems.push_back(file.name +
                         ": a policy file name is letters, digits, '-', '_', '.' and "
                         "ends in .cedar");
      continue;
    }
    if (!names.insert(file.name).second) {
      problems.push_back(file.name + ": the same file name appears twice");
      continue;
    }
    Result<policy::PolicySet> parsed = policy::PolicySet::Parse(file.text, file.name);
    if (!parsed.ok()) {
      problems.push_back(file.name + ": " + parsed.status().message());
      continue;
    }
    policy::PolicySet named;
    for (const auto& p : parsed->policies()) {
      const std::string* id = IdAnnotation(*p);
      if (id == nullptr || id->empty()) {
        problems.push_back(file.name + ":" + std::to_string(p->loc.line) +
                           ": every policy needs an @id(\"...\") annotation");
        continue;
      }
      auto [it, fresh] = file_of_id.emplace(*id, file.name);
      if (!fresh) {
        problems.push_back(file.name + ": policy id \"" + *id + "\" is already used in " +
                           it->second);
        continue;
      }
      std::unique_ptr<policy::Policy> copy = p->Clone();
      copy->id = *id;
      Status added = named.Add(std::move(copy));
      if (!added.ok()) problems.push_back(file.name + ": " + added.message());
    }
    if (!parsed->templates().empty()) {
      problems.push_back(file.name +
                         ": templates (?principal, ?resource) are not supported in "
                         "policy packs");
    }
    policy::ValidationResult validation = policy::Validate(named, schema);
    for (const auto& e : validation.errors) problems.push_back(file.name + ": " + e.ToString());
    for (const auto& p : named.policies()) {
      Status added = combined.Add(p->Clone());
      if (!added.ok()) problems.push_back(file.name + ": " + added.message());
    }
  }
  if (!problems.empty()) {
    std::string message = "the policy set is not valid:";
    for (const auto& p : problems) message += "\n  " + p;
    return InvalidArgument(message);
  }
  return combined;
}

}  // namespace sluice::authz
