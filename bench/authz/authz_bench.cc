// What authorization adds to a request at the door, with the default policy
// pack (policies/*.cedar) on the five-stage platform and 10,000 assets and
// principals in the store.
//
//   authz_bench [google benchmark flags]
//
//   authz/decide/CASE    CedarAuthorizer::Authorize alone: entity building
//                        (principal, resource, action groups, environments)
//                        and Cedar's decision. CASE: a Discovery read in a
//                        session, a cross-environment read of Final Prod, a
//                        contractor denied PCI, an admin action, a default
//                        deny.
//   authz/door/read      What authorization adds to a read (`sluice show`):
//                        the version record the use case resolves anyway
//                        (10,000 assets in SQLite) gives the classification
//                        (a JSON parse), then the decision. The issue's
//                        figure; the resolve itself is outside the timing.
//   authz/lookup_only    The SQLite resolve alone: the request's own work,
//                        the peer that puts door/read in proportion.
//
// Each reports p50_us and p99_us over its iterations (one sample per call,
// steady_clock), besides Google Benchmark's mean.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "authz/cedar_authorizer.h"
#include "authz/policy_pack.h"
#include "catalog/catalog.h"
#include "catalog/ref.h"
#include "platform/templates.h"
#include "store/sqlite_catalog_store.h"

namespace {
using namespace sluice;

constexpr int kAssets = 10000;

[[noreturn]] void Die(const std::string& what, const Status& s) {
  std::fprintf(stderr, "authz_bench: %s: %s\n", what.c_str(), s.ToString().c_str());
  std::exit(2);
}

struct World {
  platform::Platform platform;
  policy::Schema schema;
  std::unique_ptr<authz::CedarAuthorizer> authorizer;
  std::string dir;
  std::unique_ptr<store::SqliteCatalogStore> store;
  std::unique_ptr<catalog::Catalog> catalog;
  std::vector<store::Principal> principals;  // 10,000 people and services
};

World& TheWorld() {
  static World* world = [] {
    auto* w = new World;
    auto p = platform::Template("five-stage");
    if (!p.ok()) Die("platform", p.status());
    w->platform = std::move(*p);
    auto schema = authz::SluiceSchema();
    if (!schema.ok()) Die("schema", schema.status());
    w->schema = std::move(*schema);
    auto set = authz::CompilePolicies(authz::DefaultPolicyFiles(), w->schema);
    if (!set.ok()) Die("policies", set.status());
    w->authorizer = std::make_unique<authz::CedarAuthorizer>(w->platform, w->schema);
    w->authorizer->Install(1, std::move(*set));

    w->dir = std::filesystem::temp_directory_path() / "sluice-authz-bench";
    std::filesystem::remove_all(w->dir);
    std::filesystem::create_directories(w->dir);
    auto store = store::SqliteCatalogStore::Open(w->dir + "/sluice.db");
    if (!store.ok()) Die("store", store.status());
    w->store = std::move(*store);
    for (const char* env : {"discovery", "production"}) {
      if (Status s = w->store->CreateProject({env, "p", "bench", 1, 0}); !s.ok()) Die("project", s);
    }
    for (int i = 0; i < kAssets; ++i) {
      store::VersionRecord v;
      char id[65];
      std::snprintf(id, sizeof id, "%064x", i + 1);
      v.id = id;
      v.environment = i % 2 == 0 ? "discovery" : "production";
      v.project = "p";
      v.asset = "a" + std::to_string(i);
      v.kind = "dataset";
      v.domain = v.environment;
      v.manifest = "{}";
      v.metadata = i % 3 == 0 ? R"({"classification":["PCI"]})" : R"({"classification":["PII"]})";
      v.author = "bench";
      v.created_ms = 1;
      if (Status s = w->store->CreateVersion(v); !s.ok()) Die("version", s);
    }
    auto catalog = catalog::Catalog::Open(*w->store, w->platform, w->dir + "/storage");
    if (!catalog.ok()) Die("catalog", catalog.status());
    w->catalog = std::move(*catalog);
    for (int i = 0; i < kAssets; ++i) {
      store::Principal who;
      who.name = "user" + std::to_string(i);
      who.kind = i % 10 == 0 ? store::PrincipalKind::kService : store::PrincipalKind::kUser;
      who.roles = {i % 10 == 0 ? "ci" : "data-scientist"};
      who.attributes["clearances"] = std::vector<std::string>{"PII", "PCI"};
      who.attributes["contractor"] = i % 7 == 0;
      w->principals.push_back(std::move(who));
    }
    return w;
  }();
  return *world;
}

// One sample per call; p50 and p99 in microseconds as counters.
template <typename Call>
void RunTimed(benchmark::State& state, Call&& call) {
  std::vector<double> us;
  us.reserve(1 << 20);
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(call());
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(us.begin(), us.end());
  if (us.empty()) return;
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
}

authz::SessionFacts DiscoverySession() {
  return {"s1", "churn features", "discovery", false, 4'000'000'000'000};
}

void BM_Decide(benchmark::State& state, int which) {
  World& w = TheWorld();
  const authz::SessionFacts session = DiscoverySession();
  store::Principal ds = w.principals[1];
  store::Principal contractor = w.principals[7];
  store::Principal admin = w.principals[3];
  admin.roles = {"admin"};
  std::size_t i = 0;
  RunTimed(state, [&] {
    ++i;
    switch (which) {
      case 0: {  // a Discovery read in a session
        authz::Request r{w.principals[(i % 9) + 1],
                         "asset.read",
                         {"Asset", "discovery/p/a2"},
                         {},
                         "10.0.0.1",
                         1000,
                         &session};
        r.facts.environment = "discovery";
        r.facts.classification = {"PII"};
        return w.authorizer->Authorize(r).allowed;
      }
      case 1: {  // Final Prod read from a Discovery session
        authz::Request r{ds,   "asset.read", {"Asset", "production/p/a1"}, {}, "10.0.0.1",
                         1000, &session};
        r.facts.environment = "production";
        r.facts.classification = {"PII"};
        return w.authorizer->Authorize(r).allowed;
      }
      case 2: {  // a contractor denied PCI
        authz::Request r{contractor, "asset.read", {"Asset", "discovery/p/a0"}, {}, "10.0.0.1",
                         1000,       &session};
        r.facts.environment = "discovery";
        r.facts.classification = {"PCI"};
        return w.authorizer->Authorize(r).allowed;
      }
      case 3: {  // an admin action
        authz::Request r{admin,  "principal.create", {"Principal", "x"}, {}, "10.0.0.1", 1000,
                         nullptr};
        return w.authorizer->Authorize(r).allowed;
      }
      default: {  // a default deny: a data scientist's gc
        authz::Request r{ds,   "storage.gc", {"Storage", "five-stage"}, {}, "10.0.0.1",
                         1000, nullptr};
        return w.authorizer->Authorize(r).allowed;
      }
    }
  });
}

void BM_DoorRead(benchmark::State& state, bool decide) {
  World& w = TheWorld();
  const authz::SessionFacts session = DiscoverySession();
  // The versions the requests name, resolved up front for door/read (the
  // use case resolves them anyway), by lookup_only inside the timing.
  constexpr int kRequests = 1024;
  std::vector<catalog::Ref> refs(kRequests);
  std::vector<store::VersionRecord> versions(kRequests);
  for (int k = 0; k < kRequests; ++k) {
    const int n = (k * 7919) % kAssets;
    refs[k].address = {n % 2 == 0 ? "discovery" : "production", "p", "a" + std::to_string(n)};
    Result<store::VersionRecord> v = w.catalog->Resolve(refs[k]);
    if (!v.ok()) Die("resolve", v.status());
    versions[k] = std::move(*v);
  }
  std::size_t i = 0;
  RunTimed(state, [&] {
    const std::size_t k = i++ % kRequests;
    if (!decide) return w.catalog->Resolve(refs[k]).ok();
    const store::VersionRecord& v = versions[k];
    authz::Request r{w.principals[(k * 7919) % kAssets],
                     "asset.read",
                     {"Asset", refs[k].address.ToString()},
                     {},
                     "10.0.0.1",
                     1000,
                     &session};
    r.facts.environment = v.environment;
    r.facts.classification = catalog::VersionClassification(v);
    return w.authorizer->Authorize(r).allowed;
  });
}

BENCHMARK_CAPTURE(BM_Decide, discovery_read, 0)->Name("authz/decide/discovery_read");
BENCHMARK_CAPTURE(BM_Decide, final_prod_read, 1)->Name("authz/decide/final_prod_read");
BENCHMARK_CAPTURE(BM_Decide, contractor_pci, 2)->Name("authz/decide/contractor_pci_denied");
BENCHMARK_CAPTURE(BM_Decide, admin, 3)->Name("authz/decide/admin_action");
BENCHMARK_CAPTURE(BM_Decide, default_deny, 4)->Name("authz/decide/default_deny");
BENCHMARK_CAPTURE(BM_DoorRead, door, true)->Name("authz/door/read");
BENCHMARK_CAPTURE(BM_DoorRead, lookup, false)->Name("authz/lookup_only");

}  // namespace

BENCHMARK_MAIN();
