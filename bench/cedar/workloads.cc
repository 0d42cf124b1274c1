#include "workloads.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace sluice::bench {

namespace {
using nlohmann::json;

// Deterministic randomness (fixed seeds; the same bytes on every machine).
class Rng {
 public:
  explicit Rng(uint64_t seed) : g_(seed) {}
  uint64_t Below(uint64_t n) { return g_() % n; }
  bool Chance(double p) { return static_cast<double>(g_() >> 11) * 0x1.0p-53 < p; }

 private:
  std::mt19937_64 g_;
};

json Uid(const std::string& type, const std::string& id) { return {{"type", type}, {"id", id}}; }
json Ref(const std::string& type, const std::string& id) { return {{"__entity", Uid(type, id)}}; }
std::string Id(const char* prefix, uint64_t i) { return prefix + std::to_string(i); }

json Entity(json uid, json attrs, json parents) {
  return {{"uid", std::move(uid)}, {"attrs", std::move(attrs)}, {"parents", std::move(parents)}};
}

json Request(json p, json a, json r, json ctx) {
  return {{"principal", std::move(p)},
          {"action", std::move(a)},
          {"resource", std::move(r)},
          {"context", std::move(ctx)}};
}

std::vector<std::string> Dump(const std::vector<json>& v) {
  std::vector<std::string> out;
  out.reserve(v.size());
  for (const auto& j : v) out.push_back(j.dump());
  return out;
}

const char* kDocActions[] = {"read", "write", "share", "delete"};
const char* kClasses[] = {"public", "internal", "secret"};

json Context(Rng& r) {
  std::string ip = r.Chance(0.9) ? "10.1." + std::to_string(r.Below(256)) + "." +
                                       std::to_string(r.Below(256))
                                 : "192.168.0." + std::to_string(r.Below(256));
  return {{"authenticated", r.Chance(0.9)},
          {"mfa", r.Chance(0.5)},
          {"srcIp", {{"__extn", {{"fn", "ip"}, {"arg", ip}}}}}};
}

// Users in groups (a tree of groups), documents in folders (a tree of
// folders), four actions. Shared by (a) and (b).
struct Org {
  uint64_t users, groups, docs, folders, groups_per_user;
};

json OrgEntities(const Org& o, Rng& r) {
  json ents = json::array();
  for (const char* a : kDocActions) ents.push_back(Entity(Uid("Action", a), json::object(), json::array()));
  for (uint64_t g = 0; g < o.groups; ++g) {
    json parents = json::array();
    if (g > 0) parents.push_back(Uid("Group", Id("g", (g - 1) / 4)));
    ents.push_back(Entity(Uid("Group", Id("g", g)), json::object(), parents));
  }
  for (uint64_t f = 0; f < o.folders; ++f) {
    json parents = json::array();
    if (f > 0) parents.push_back(Uid("Folder", Id("f", (f - 1) / 4)));
    ents.push_back(Entity(Uid("Folder", Id("f", f)), json::object(), parents));
  }
  for (uint64_t u = 0; u < o.users; ++u) {
    json parents = json::array();
    uint64_t n = 1 + r.Below(o.groups_per_user);
    for (uint64_t k = 0; k < n; ++k) parents.push_back(Uid("Group", Id("g", r.Below(o.groups))));
    json attrs = {{"department", Id("dept", r.Below(8))},
                  {"level", static_cast<int64_t>(r.Below(5))}};
    ents.push_back(Entity(Uid("User", Id("u", u)), attrs, parents));
  }
  for (uint64_t d = 0; d < o.docs; ++d) {
    json tags = json::array();
    if (r.Chance(0.3)) tags.push_back("shared");
    if (r.Chance(0.3)) tags.push_back("draft");
    json attrs = {{"owner", Ref("User", Id("u", r.Below(o.users)))},
                  {"department", Id("dept", r.Below(8))},
                  {"classification", kClasses[r.Below(3)]},
                  {"tags", tags}};
    json parents = json::array({Uid("Folder", Id("f", r.Below(o.folders)))});
    ents.push_back(Entity(Uid("Document", Id("d", d)), attrs, parents));
  }
  return ents;
}

std::vector<json> OrgRequests(const Org& o, Rng& r, int n) {
  std::vector<json> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(Request(Uid("User", Id("u", r.Below(o.users))),
                          Uid("Action", kDocActions[r.Below(4)]),
                          Uid("Document", Id("d", r.Below(o.docs))), Context(r)));
  }
  return out;
}

// (a) 10 policies, 100 entities (4 actions, 8 groups, 8 folders, 56 users,
// 24 documents).
Workload Small(int nreq) {
  Rng r(1);
  Org o{56, 8, 24, 8, 2};
  Workload w;
  w.name = "small";
  w.policies = R"(// (a) 10 policies over 100 entities
permit (principal in Group::"g0", action, resource);
permit (principal, action == Action::"read", resource in Folder::"f0")
when { resource.classification == "public" };
permit (principal, action in [Action::"read", Action::"write", Action::"share"], resource is Document)
when { resource.owner == principal };
permit (principal is User, action == Action::"read", resource is Document)
when { principal.department == resource.department && principal.level >= 2 };
permit (principal in Group::"g3", action in [Action::"read", Action::"write"], resource in Folder::"f2")
when { context.authenticated };
permit (principal, action == Action::"write", resource)
when { resource has tags && resource.tags.contains("shared") && principal.level >= 3 };
forbid (principal, action, resource)
when { resource.classification == "secret" }
unless { principal.level >= 4 && context.mfa };
forbid (principal, action == Action::"delete", resource)
unless { principal in Group::"g0" };
forbid (principal, action, resource)
unless { context.srcIp.isInRange(ip("10.0.0.0/8")) };
permit (principal == User::"u0", action, resource);
)";
  w.entities = OrgEntities(o, r).dump();
  w.requests = Dump(OrgRequests(o, r, nreq));
  return w;
}

// (b) 1,000 policies, 10,000 entities (4 actions, 500 groups, 496 folders,
// 7,000 users, 2,000 documents). Policies are keyed on principals (groups,
// users), resources (folders, documents) and actions, as real policy sets
// are: most of them cannot apply to a given request.
Workload Large(int nreq) {
  Rng r(2);
  Org o{7000, 500, 2000, 496, 3};
  Workload w;
  w.name = "large";
  std::string& p = w.policies;
  p = "// (b) 1,000 policies over 10,000 entities\n";
  auto g = [&] { return "Group::\"" + Id("g", r.Below(o.groups)) + "\""; };
  auto f = [&] { return "Folder::\"" + Id("f", r.Below(o.folders)) + "\""; };
  for (int i = 0; i < 400; ++i) {
    p += "permit (principal in " + g() +
         ", action in [Action::\"read\", Action::\"write\"], resource in " + f() +
         ")\nwhen { context.authenticated };\n";
  }
  for (int i = 0; i < 300; ++i) {
    p += "permit (principal == User::\"" + Id("u", r.Below(o.users)) +
         "\", action == Action::\"read\", resource in " + f() + ");\n";
  }
  for (int i = 0; i < 150; ++i) {
    p += "permit (principal, action in [Action::\"read\", Action::\"share\"], resource == "
         "Document::\"" +
         Id("d", r.Below(o.docs)) + "\")\nwhen { principal.level >= " +
         std::to_string(r.Below(4)) + " };\n";
  }
  for (int i = 0; i < 100; ++i) {
    p += "forbid (principal in " + g() + ", action == Action::\"delete\", resource in " + f() +
         ");\n";
  }
  for (int i = 0; i < 20; ++i) {
    p += "permit (principal is User, action == Action::\"share\", resource is Document)\nwhen { "
         "resource.owner == principal && resource.department == \"" +
         Id("dept", r.Below(8)) + "\" };\n";
  }
  for (int i = 0; i < 28; ++i) {
    p += "permit (principal, action, resource in " + f() +
         ")\nwhen { resource.classification == \"public\" };\n";
  }
  p += "forbid (principal, action, resource)\nwhen { resource.classification == \"secret\" }\n"
       "unless { principal.level >= 4 && context.mfa };\n";
  p += "permit (principal in Group::\"g0\", action, resource);\n";
  w.entities = OrgEntities(o, r).dump();
  w.requests = Dump(OrgRequests(o, r, nreq));
  return w;
}

// (c) Google-Drive-like. Each user U has a `View::"user-U"` entity; a
// document or folder a user may view is a descendant of that entity, either
// directly, through a group's view entity (whose parents are the view entities
// of the group's members) or through a parent folder. So "may view" is one
// `in` on the hierarchy. Owners are attributes.
Workload Gdrive(uint64_t n, int nreq) {
  Rng r(100 + n);
  const double p = 0.05;  // connection probability, as in the paper
  Workload w;
  w.name = "gdrive-" + std::to_string(n);
  w.policies = R"(// (c) Google-Drive-like application
permit (principal, action == Action::"read", resource)
when { resource in principal.viewable };
permit (principal, action == Action::"read", resource is Document)
when { resource.isPublic };
permit (principal, action in [Action::"read", Action::"write", Action::"share", Action::"changeOwner"], resource is Document)
when { principal.ownedDocuments.contains(resource) };
permit (principal, action in [Action::"read", Action::"write", Action::"share"], resource)
when { resource in principal.ownedFolders };
permit (principal, action == Action::"createDocument", resource is Folder)
when { principal.ownedFolders.contains(resource) };
)";
  const char* actions[] = {"read", "write", "share", "changeOwner", "createDocument"};
  json ents = json::array();
  for (const char* a : actions) ents.push_back(Entity(Uid("Action", a), json::object(), json::array()));
  std::vector<std::vector<uint64_t>> members(n);
  for (uint64_t u = 0; u < n; ++u) {
    json groups = json::array(), docs = json::array(), folders = json::array();
    for (uint64_t k = 0; k < n; ++k) {
      if (r.Chance(p)) {
        groups.push_back(Uid("Group", Id("group", k)));
        members[k].push_back(u);
      }
    }
    for (uint64_t k = 0; k < n; ++k)
      if (r.Chance(p)) docs.push_back(Ref("Document", Id("doc", k)));
    for (uint64_t k = 0; k < n; ++k)
      if (r.Chance(p)) folders.push_back(Ref("Folder", Id("folder", k)));
    json attrs = {{"viewable", Ref("View", Id("user-", u))},
                  {"ownedDocuments", docs},
                  {"ownedFolders", folders}};
    ents.push_back(Entity(Uid("User", Id("user", u)), attrs, groups));
    ents.push_back(Entity(Uid("View", Id("user-", u)), json::object(), json::array()));
  }
  for (uint64_t g = 0; g < n; ++g) {
    json parents = json::array();
    for (uint64_t u : members[g]) parents.push_back(Uid("View", Id("user-", u)));
    ents.push_back(Entity(Uid("Group", Id("group", g)), json::object(), json::array()));
    ents.push_back(Entity(Uid("View", Id("group-", g)), json::object(), parents));
  }
  auto viewers = [&](json& parents) {
    for (uint64_t u = 0; u < n; ++u)
      if (r.Chance(p)) parents.push_back(Uid("View", Id("user-", u)));
    for (uint64_t g = 0; g < n; ++g)
      if (r.Chance(p)) parents.push_back(Uid("View", Id("group-", g)));
  };
  for (uint64_t d = 0; d < n; ++d) {
    json parents = json::array();
    for (uint64_t f = 0; f < n; ++f)
      if (r.Chance(p)) parents.push_back(Uid("Folder", Id("folder", f)));
    viewers(parents);
    ents.push_back(Entity(Uid("Document", Id("doc", d)), {{"isPublic", r.Chance(0.5)}}, parents));
  }
  for (uint64_t f = 0; f < n; ++f) {
    json parents = json::array();
    for (uint64_t k = 0; k < f; ++k)  // only earlier folders: a DAG
      if (r.Chance(p)) parents.push_back(Uid("Folder", Id("folder", k)));
    viewers(parents);
    ents.push_back(Entity(Uid("Folder", Id("folder", f)), json::object(), parents));
  }
  w.entities = ents.dump();
  std::vector<json> reqs;
  for (int i = 0; i < nreq; ++i) {
    const char* a = actions[r.Below(5)];
    bool folder = std::string(a) == "createDocument" || r.Chance(0.3);
    reqs.push_back(Request(Uid("User", Id("user", r.Below(n))), Uid("Action", a),
                           folder ? Uid("Folder", Id("folder", r.Below(n)))
                                  : Uid("Document", Id("doc", r.Below(n))),
                           json::object()));
  }
  w.requests = Dump(reqs);
  return w;
}

// (c) GitHub-like. Each repository has five role entities (readers ...
// admins) and an owner organization with three role entities; users and
// teams are members of roles, teams nest. Actions form a hierarchy
// read in triage in write in maintain in admin, so a policy for a role covers
// the weaker actions too.
Workload Github(uint64_t n, int nreq) {
  Rng r(200 + n);
  const double p = 0.05;
  Workload w;
  w.name = "github-" + std::to_string(n);
  w.policies = R"(// (c) GitHub-like application
permit (principal, action == Action::"read", resource)
when { principal in resource.readers };
permit (principal, action in Action::"triage", resource)
when { principal in resource.triagers };
permit (principal, action in Action::"write", resource)
when { principal in resource.writers };
permit (principal, action in Action::"maintain", resource)
when { principal in resource.maintainers };
permit (principal, action in Action::"admin", resource)
when { principal in resource.admins };
permit (principal, action == Action::"read", resource)
when { principal in resource.owner.readers };
permit (principal, action in Action::"write", resource)
when { principal in resource.owner.writers };
permit (principal, action in Action::"admin", resource)
when { principal in resource.owner.admins };
)";
  const char* actions[] = {"read", "triage", "write", "maintain", "admin"};
  const char* repo_roles[] = {"readers", "triagers", "writers", "maintainers", "admins"};
  const char* org_roles[] = {"readers", "writers", "admins"};
  json ents = json::array();
  for (int i = 0; i < 5; ++i) {
    json parents = json::array();
    if (i < 4) parents.push_back(Uid("Action", actions[i + 1]));
    ents.push_back(Entity(Uid("Action", actions[i]), json::object(), parents));
  }
  auto repo_role = [&](uint64_t repo) {
    return Uid("RepoRole", Id("repo", repo) + "-" + repo_roles[r.Below(5)]);
  };
  auto org_role = [&](uint64_t org) {
    return Uid("OrgRole", Id("org", org) + "-" + org_roles[r.Below(3)]);
  };
  for (uint64_t o = 0; o < n; ++o) {
    json parents = json::array();
    for (uint64_t k = 0; k < n; ++k)
      if (r.Chance(p)) parents.push_back(org_role(k));
    json attrs = json::object();
    for (const char* role : org_roles) {
      std::string rid = Id("org", o) + "-" + role;
      attrs[role] = Ref("OrgRole", rid);
      ents.push_back(Entity(Uid("OrgRole", rid), json::object(), json::array()));
    }
    ents.push_back(Entity(Uid("Organization", Id("org", o)), attrs, parents));
  }
  for (uint64_t i = 0; i < n; ++i) {
    json attrs = {{"owner", Ref("Organization", Id("org", r.Below(n)))}};
    for (const char* role : repo_roles) {
      std::string rid = Id("repo", i) + "-" + role;
      attrs[role] = Ref("RepoRole", rid);
      ents.push_back(Entity(Uid("RepoRole", rid), json::object(), json::array()));
    }
    ents.push_back(Entity(Uid("Repository", Id("repo", i)), attrs, json::array()));
  }
  for (uint64_t t = 0; t < n; ++t) {
    json parents = json::array();
    for (uint64_t k = 0; k < t; ++k)
      if (r.Chance(p)) parents.push_back(Uid("Team", Id("team", k)));
    for (uint64_t k = 0; k < n; ++k)
      if (r.Chance(p)) parents.push_back(repo_role(k));
    ents.push_back(Entity(Uid("Team", Id("team", t)), json::object(), parents));
  }
  for (uint64_t u = 0; u < n; ++u) {
    json parents = json::array();
    for (uint64_t k = 0; k < n; ++k)
      if (r.Chance(p)) parents.push_back(repo_role(k));
    for (uint64_t k = 0; k < n; ++k)
      if (r.Chance(p)) parents.push_back(Uid("Team", Id("team", k)));
    for (uint64_t k = 0; k < n; ++k) {
      if (r.Chance(p)) parents.push_back(Uid("Organization", Id("org", k)));
      if (r.Chance(p)) parents.push_back(org_role(k));
    }
    ents.push_back(Entity(Uid("User", Id("user", u)), json::object(), parents));
  }
  w.entities = ents.dump();
  std::vector<json> reqs;
  for (int i = 0; i < nreq; ++i) {
    reqs.push_back(Request(Uid("User", Id("user", r.Below(n))), Uid("Action", actions[r.Below(5)]),
                           Uid("Repository", Id("repo", r.Below(n))), json::object()));
  }
  w.requests = Dump(reqs);
  return w;
}
}  // namespace

std::vector<Workload> MakeWorkloads(int requests) {
  std::vector<Workload> out;
  out.push_back(Small(requests));
  out.push_back(Large(requests));
  for (uint64_t n : {5, 20, 50}) out.push_back(Gdrive(n, requests));
  for (uint64_t n : {5, 20, 50}) out.push_back(Github(n, requests));
  return out;
}

}  // namespace sluice::bench
