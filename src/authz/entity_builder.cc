#include "authz/entity_builder.h"

#include <algorithm>
#include <utility>

namespace sluice::authz {
namespace {

using policy::EntityUid;
using policy::Value;

Value StringSet(const std::vector<std::string>& items) {
  std::vector<Value> values;
  values.reserve(items.size());
  for (const auto& s : items) values.push_back(Value::String(s));
  return Value::Set(std::move(values));
}

EntityUid EnvironmentUid(const std::string& name) {
  return {"Environment", name};
}

const store::AttributeValue* Attribute(const store::Principal& p, const char* name) {
  auto it = p.attributes.find(name);
  return it == p.attributes.end() ? nullptr : &it->second;
}

Value SetAttribute(const store::Principal& p, const char* name) {
  const store::AttributeValue* v = Attribute(p, name);
  if (v == nullptr) return StringSet({});
  if (const auto* set = std::get_if<std::vector<std::string>>(v)) return StringSet(*set);
  if (const auto* one = std::get_if<std::string>(v)) return StringSet({*one});
  return StringSet({});
}

bool BoolAttribute(const store::Principal& p, const char* name) {
  const store::AttributeValue* v = Attribute(p, name);
  if (v == nullptr) return false;
  if (const auto* b = std::get_if<bool>(v)) return *b;
  if (const auto* s = std::get_if<std::string>(v)) return *s == "true";
  return false;
}

std::string StringAttribute(const store::Principal& p, const char* name) {
  const store::AttributeValue* v = Attribute(p, name);
  if (v == nullptr) return "";
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  return "";
}

policy::Entity PrincipalEntity(const store::Principal& p) {
  policy::Entity e;
  const bool user = p.kind == store::PrincipalKind::kUser;
  e.uid = {user ? "User" : "Service", p.name};
  std::vector<std::pair<std::string, Value>> attrs = {
      {"name", Value::String(p.name)},
      {"roles", StringSet(p.roles)},
      {"clearances", SetAttribute(p, "clearances")},
      {"exceptions", SetAttribute(p, "exceptions")},
  };
  if (user) {
    attrs.emplace_back("contractor", Value::Bool(BoolAttribute(p, "contractor")));
    attrs.emplace_back("country", Value::String(StringAttribute(p, "country")));
  }
  e.attrs = Value::Record(std::move(attrs));
  for (const auto& role : p.roles) e.parents.push_back({"Role", role});
  return e;
}

// The project part of "env/project/asset" or "env/project".
std::string ProjectId(const std::string& id) {
  const auto first = id.find('/');
  if (first == std::string::npos) return id;
  const auto second = id.find('/', first + 1);
  return second == std::string::npos ? id : id.substr(0, second);
}

}  // namespace

EntityBuilder EntityBuilder::Make(const platform::Platform& platform,
                                  const std::vector<policy::Entity>& actions) {
  EntityBuilder b;
  std::unordered_map<std::string, const policy::Entity*> by_id;
  for (const auto& a : actions) by_id[a.uid.id] = &a;
  for (const auto& a : actions) {
    policy::Entity closed;
    closed.uid = a.uid;
    std::vector<policy::EntityUid> todo = a.parents;
    while (!todo.empty()) {
      policy::EntityUid next = std::move(todo.back());
      todo.pop_back();
      if (std::find(closed.parents.begin(), closed.parents.end(), next) != closed.parents.end()) {
        continue;
      }
      if (auto it = by_id.find(next.id); it != by_id.end()) {
        todo.insert(todo.end(), it->second->parents.begin(), it->second->parents.end());
      }
      closed.parents.push_back(std::move(next));
    }
    b.actions_.emplace(a.uid.id, std::move(closed));
  }
  // Final Production: the top of the data track, the environment no data
  // promotion leaves from.
  for (const auto& env : platform.environments) {
    const bool final_prod = platform.IsFinal(env.name);
    policy::Entity e;
    e.uid = EnvironmentUid(env.name);
    e.attrs = Value::Record({
        {"name", Value::String(env.name)},
        {"track", Value::String(std::string(platform::ToString(env.track)))},
        {"data", Value::String(std::string(platform::ToString(env.data)))},
        {"mode", Value::String(std::string(platform::ToString(env.mode)))},
        {"final", Value::Bool(final_prod)},
    });
    b.environments_.push_back(std::move(e));
  }
  return b;
}

void EntityBuilder::Build(const Request& r, policy::Request& cedar,
                          std::vector<policy::Entity>& entities) const {
  entities = environments_;
  policy::Entity principal = PrincipalEntity(r.principal);
  cedar.principal = principal.uid;
  entities.push_back(std::move(principal));
  cedar.action = {"Action", r.action};
  if (auto it = actions_.find(r.action); it != actions_.end()) entities.push_back(it->second);
  cedar.resource = {r.resource.type, r.resource.id};

  const Facts& f = r.facts;
  if (r.resource.type == "Asset" || r.resource.type == "Project") {
    policy::Entity resource;
    resource.uid = cedar.resource;
    std::vector<std::pair<std::string, Value>> attrs = {
        {"environment", Value::Entity(EnvironmentUid(f.environment))}};
    if (r.resource.type == "Asset") {
      attrs.emplace_back("classification", StringSet(f.classification));
      resource.parents.push_back({"Project", ProjectId(r.resource.id)});
    }
    resource.attrs = Value::Record(std::move(attrs));
    resource.parents.push_back(EnvironmentUid(f.environment));
    entities.push_back(std::move(resource));
  } else if (r.resource.type == "Session" || r.resource.type == "BreakGlass" ||
             r.resource.type == "Promotion" || r.resource.type == "Declassification") {
    policy::Entity resource;
    resource.uid = cedar.resource;
    resource.attrs = Value::Record(
        {{r.resource.type == "Session" ? "owner" : "requester", Value::String(f.owner)}});
    entities.push_back(std::move(resource));
  }

  std::vector<std::pair<std::string, Value>> context = {
      {"mode", Value::String(r.principal.kind == store::PrincipalKind::kUser ? "interactive"
                                                                             : "automation")},
      {"client_address", Value::String(r.client_address)},
      {"time", Value::Long(r.time_ms)},
  };
  if (!f.environment.empty()) {
    context.emplace_back("environment", Value::Entity(EnvironmentUid(f.environment)));
  }
  if (!f.source_environment.empty()) {
    context.emplace_back("source_environment", Value::Entity(EnvironmentUid(f.source_environment)));
  }
  if (r.session != nullptr) {
    context.emplace_back("session",
                         Value::Record({
                             {"id", Value::String(r.session->id)},
                             {"purpose", Value::String(r.session->purpose)},
                             {"environment", Value::Entity(EnvironmentUid(r.session->environment))},
                             {"break_glass", Value::Bool(r.session->break_glass)},
                             {"expires", Value::Long(r.session->expires_ms)},
                         }));
  }
  if (f.approver_is_author) {
    context.emplace_back("approver_is_author", Value::Bool(*f.approver_is_author));
  }
  if (f.approver_is_requester) {
    context.emplace_back("approver_is_requester", Value::Bool(*f.approver_is_requester));
  }
  if (f.scan_pending) context.emplace_back("scan_pending", Value::Bool(*f.scan_pending));
  cedar.context = Value::Record(std::move(context));
}

}  // namespace sluice::authz
