// Lineage over 100,000 descendants (issue 4 goal: <= 50 ms).
//
// The graph: one root dataset, 1,000 derived versions of it, and 99 derived
// versions of each of those (100,000 descendants, two levels), written
// straight into the catalog tables in one transaction (the setup is not what
// is measured). Measured: the catalog's lineage walk (LineageIndex, loaded
// from the store as the server does at start), which returns every node
// with its depth and every edge; the load itself; and, as the peer in the
// same run, the bare recursive SQL walk over the same tables that only
// counts the nodes (what a query-per-call design would cost at best).
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "common/crypto.h"
#include "catalog/lineage_index.h"
#include "store/sqlite_catalog_store.h"

namespace {

using sluice::store::SqliteCatalogStore;

constexpr int kChildren = 1000;
constexpr int kGrandchildren = 99;

std::string IdOf(int n) { return sluice::Sha256Hex("version-" + std::to_string(n)); }

struct Fixture {
  std::string dir;
  std::unique_ptr<SqliteCatalogStore> store;
  sqlite3* raw = nullptr;

  Fixture() {
    char templ[] = "/var/tmp/sluice-lineage-XXXXXX";
    dir = ::mkdtemp(templ);
    const std::string db = dir + "/sluice.db";
    store = std::move(SqliteCatalogStore::Open(db)).value();
    store->CreateProject({"discovery", "p", "bench", 0, 0}).IgnoreError();
    sqlite3_open(db.c_str(), &raw);
    sqlite3_exec(raw, "BEGIN; INSERT INTO assets VALUES ('discovery','p','a','dataset',0);",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* v = nullptr;
    sqlite3_stmt* e = nullptr;
    sqlite3_prepare_v2(raw,
                       "INSERT INTO versions (id, environment, project, asset, domain, manifest, "
                       "metadata, author, created_ms, bytes) VALUES (?1, 'discovery', 'p', 'a', "
                       "'discovery', '{}', '{}', 'bench', 0, 0)",
                       -1, &v, nullptr);
    sqlite3_prepare_v2(raw, "INSERT INTO version_inputs (version, input) VALUES (?1, ?2)", -1, &e,
                       nullptr);
    auto add = [&](int n, int parent) {
      const std::string id = IdOf(n);
      sqlite3_bind_text(v, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(v);
      sqlite3_reset(v);
      if (parent < 0) return;
      const std::string in = IdOf(parent);
      sqlite3_bind_text(e, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(e, 2, in.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(e);
      sqlite3_reset(e);
    };
    add(0, -1);
    int next = 1;
    for (int c = 0; c < kChildren; ++c) {
      const int child = next++;
      add(child, 0);
      for (int g = 0; g < kGrandchildren; ++g) add(next++, child);
    }
    sqlite3_finalize(v);
    sqlite3_finalize(e);
    sqlite3_exec(raw, "COMMIT; ANALYZE;", nullptr, nullptr, nullptr);
  }
  ~Fixture() {
    sqlite3_close(raw);
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

Fixture& Shared() {
  static Fixture f;
  return f;
}

void Load(sluice::catalog::LineageIndex& index) {
  Fixture& f = Shared();
  f.store
      ->ForEachVersionLineage(
          [&](const sluice::store::LineageNode& n, const std::vector<std::string>& inputs) {
            index.Add(n, inputs);
            return sluice::Status::Ok();
          })
      .IgnoreError();
}

void BM_LineageIndexLoad100k(benchmark::State& state) {
  for (auto _ : state) {
    sluice::catalog::LineageIndex index;
    Load(index);
    benchmark::DoNotOptimize(index.size());
  }
}
BENCHMARK(BM_LineageIndexLoad100k)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LineageDown100k(benchmark::State& state) {
  sluice::catalog::LineageIndex index;
  Load(index);
  const std::string root = IdOf(0);
  size_t nodes = 0;
  for (auto _ : state) {
    std::vector<sluice::store::LineageNode> n;
    std::vector<sluice::store::LineageEdge> e;
    if (!index.Walk(root, false, 1 << 20, &n, &e)) state.SkipWithError("root not indexed");
    nodes = n.size();
    benchmark::DoNotOptimize(e);
  }
  state.counters["nodes"] = static_cast<double>(nodes);
}
BENCHMARK(BM_LineageDown100k)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PeerBareRecursiveCount(benchmark::State& state) {
  Fixture& f = Shared();
  const std::string root = IdOf(0);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(f.raw,
                     "WITH RECURSIVE w(id) AS (SELECT ?1 UNION ALL SELECT vi.version FROM "
                     "version_inputs vi JOIN w ON vi.input = w.id) SELECT count(*) FROM w",
                     -1, &q, nullptr);
  int64_t count = 0;
  for (auto _ : state) {
    sqlite3_bind_text(q, 1, root.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(q);
    count = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
  }
  sqlite3_finalize(q);
  state.counters["nodes"] = static_cast<double>(count);
}
BENCHMARK(BM_PeerBareRecursiveCount)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
