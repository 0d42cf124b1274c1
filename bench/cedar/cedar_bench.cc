// Cedar decision latency: Sluice's engine over the workloads of
// workloads.h. Each decision is timed on its own (steady_clock around one
// IsAuthorized call) into a per-run sample; p50 and p99 of that sample are
// reported as counters (nanoseconds) next to Google Benchmark's mean.
//
//   cedar_bench [--write_workloads=DIR] [--requests=N] [google benchmark flags]
//
// --write_workloads writes every workload in Cedar's formats (see
// workloads.h), with Sluice's decisions in expected.jsonl, and exits; the peer
// (peer.js) reads them. run.sh does both in one run.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "policy/authorizer.h"
#include "policy/entity_json.h"
#include "policy/policy_set.h"
#include "workloads.h"

namespace {
using namespace sluice::policy;
using sluice::bench::Workload;

struct Loaded {
  PolicySet policies;
  EntityStore entities;
  std::vector<Request> requests;
};

[[noreturn]] void Die(const std::string& what, const sluice::Status& s) {
  std::fprintf(stderr, "cedar_bench: %s: %s\n", what.c_str(), s.message().c_str());
  std::exit(2);
}

std::unique_ptr<Loaded> Load(const Workload& w) {
  auto l = std::make_unique<Loaded>();
  auto ps = PolicySet::Parse(w.policies, w.name + "/policies.cedar");
  if (!ps.ok()) Die(w.name, ps.status());
  l->policies = std::move(*ps);
  auto es = ParseEntitiesJson(w.entities);
  if (!es.ok()) Die(w.name, es.status());
  l->entities = std::move(*es);
  for (const auto& line : w.requests) {
    auto j = ParseJsonText(line, "request");
    if (!j.ok()) Die(w.name, j.status());
    auto r = RequestFromJson(*j);
    if (!r.ok()) Die(w.name, r.status());
    l->requests.push_back(std::move(*r));
  }
  return l;
}

uint64_t Percentile(std::vector<uint32_t>& v, double q) {
  if (v.empty()) return 0;
  size_t k = std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

void BM_Decide(benchmark::State& state, const Loaded* l) {
  using Clock = std::chrono::steady_clock;
  std::vector<uint32_t> lat;
  lat.reserve(1 << 20);
  size_t i = 0, allows = 0;
  const size_t n = l->requests.size();
  for (auto _ : state) {
    const Request& req = l->requests[i];
    auto t0 = Clock::now();
    Response r = IsAuthorized(req, l->entities, l->policies);
    auto t1 = Clock::now();
    benchmark::DoNotOptimize(r);
    allows += r.decision == Decision::kAllow;
    if (lat.size() < lat.capacity()) {
      lat.push_back(static_cast<uint32_t>(
          std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()));
    }
    if (++i == n) i = 0;
  }
  state.counters["p50_ns"] = static_cast<double>(Percentile(lat, 0.50));
  state.counters["p99_ns"] = static_cast<double>(Percentile(lat, 0.99));
  state.counters["allow_frac"] =
      static_cast<double>(allows) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

int WriteWorkloads(const std::vector<Workload>& ws, const std::vector<std::unique_ptr<Loaded>>& ls,
                   const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  for (size_t k = 0; k < ws.size(); ++k) {
    fs::path d = dir / ws[k].name;
    fs::create_directories(d);
    std::ofstream(d / "policies.cedar") << ws[k].policies;
    std::ofstream(d / "entities.json") << ws[k].entities << "\n";
    std::ofstream req(d / "requests.jsonl"), exp(d / "expected.jsonl");
    for (size_t i = 0; i < ws[k].requests.size(); ++i) {
      req << ws[k].requests[i] << "\n";
      Response r = IsAuthorized(ls[k]->requests[i], ls[k]->entities, ls[k]->policies);
      exp << (r.decision == Decision::kAllow ? "allow" : "deny") << "\n";
    }
    if (!req || !exp) {
      std::fprintf(stderr, "cedar_bench: cannot write %s\n", d.c_str());
      return 2;
    }
  }
  std::printf("wrote %zu workloads to %s\n", ws.size(), dir.c_str());
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  std::string out_dir;
  int nreq = 1000;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--write_workloads=", 18) == 0) {
      out_dir = argv[i] + 18;
    } else if (std::strncmp(argv[i], "--requests=", 11) == 0) {
      nreq = std::max(1, std::atoi(argv[i] + 11));
    } else {
      rest.push_back(argv[i]);
    }
  }
  std::vector<Workload> ws = sluice::bench::MakeWorkloads(nreq);
  std::vector<std::unique_ptr<Loaded>> ls;
  for (const auto& w : ws) ls.push_back(Load(w));
  if (!out_dir.empty()) return WriteWorkloads(ws, ls, out_dir);

  for (size_t k = 0; k < ws.size(); ++k) {
    benchmark::RegisterBenchmark(("cedar/" + ws[k].name).c_str(), BM_Decide, ls[k].get())
        ->Unit(benchmark::kMicrosecond);
  }
  int rargc = static_cast<int>(rest.size());
  benchmark::Initialize(&rargc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rargc, rest.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
