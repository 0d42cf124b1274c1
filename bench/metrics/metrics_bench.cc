// Metrics hot path and scrape cost, each figure next to its peer.
//
//   metrics_bench [google benchmark flags, e.g. --benchmark_repetitions=3]
//
//   metrics/atomic/threads:N            the peer: one relaxed fetch_add on a
//                                       shared std::atomic<uint64_t>, the
//                                       floor of any shared counter
//   metrics/counter_with/threads:N      With({method,route,status}).Inc() on
//                                       a counter of 50 children: the label
//                                       lookup (hash, shared lock) + the add
//   metrics/counter_cached/threads:N    Inc() on a child reference kept by
//                                       the caller
//   metrics/histogram_observe/threads:N Observe() on a cached child of the
//                                       default 17 latency buckets
//   metrics/histogram_with/threads:N    With({method,route}).Observe()
//   metrics/render/children:1000        Registry::Render of one counter with
//                                       1,000 children (bytes_per_second is
//                                       the text produced)
//   metrics/render_histograms/children:1000  the same for a histogram (17
//                                       buckets + sum + count per child)
//
// Times are per operation per thread; with 2 threads all of them update the
// same child, the worst case (cache-line ping-pong) on 2 shared cores.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "metrics/registry.h"

namespace {
using sluice::metrics::Counter;
using sluice::metrics::Histogram;
using sluice::metrics::Registry;

template <typename T>
T* OrDie(sluice::Result<T*> result) {
  if (!result.ok()) {
    std::fprintf(stderr, "metrics_bench: %s\n", result.status().ToString().c_str());
    std::exit(2);
  }
  return *result;
}

struct HotPath {
  Registry registry;
  Counter* requests = OrDie(
      registry.AddCounter("bench_requests_total", "Requests.", {"method", "route", "status"}));
  Histogram* latency =
      OrDie(registry.AddHistogram("bench_latency_seconds", "Latency.", {"method", "route"}));

  HotPath() {
    for (int route = 0; route < 10; ++route) {
      for (const char* status : {"200", "201", "404", "403", "500"}) {
        requests->With({"GET", "/api/v1/r" + std::to_string(route) + "/{ref}", status});
      }
    }
  }
};

HotPath& Hot() {
  static HotPath* hot = new HotPath();
  return *hot;
}

std::atomic<std::uint64_t> bare_counter{0};

void BM_Atomic(benchmark::State& state) {
  for (auto _ : state) bare_counter.fetch_add(1, std::memory_order_relaxed);
}

void BM_CounterWith(benchmark::State& state) {
  Counter* requests = Hot().requests;
  for (auto _ : state) requests->With({"GET", "/api/v1/r7/{ref}", "200"}).Inc();
}

void BM_CounterCached(benchmark::State& state) {
  Counter::Child& child = Hot().requests->With({"GET", "/api/v1/r3/{ref}", "404"});
  for (auto _ : state) child.Inc();
}

void BM_HistogramObserve(benchmark::State& state) {
  Histogram::Child& child = Hot().latency->With({"GET", "/api/v1/r1/{ref}"});
  double value = 0.0001;
  for (auto _ : state) {
    child.Observe(value);
    value = value < 5 ? value * 1.7 : 0.0001;  // walks across the buckets
  }
}

void BM_HistogramWith(benchmark::State& state) {
  Histogram* latency = Hot().latency;
  for (auto _ : state) latency->With({"GET", "/api/v1/r2/{ref}"}).Observe(0.003);
}

void BM_Render(benchmark::State& state) {
  Registry registry;
  Counter* c = OrDie(registry.AddCounter("bench_render_total", "Render.", {"route", "status"}));
  for (int i = 0; i < state.range(0); ++i) {
    c->With({"/api/v1/route" + std::to_string(i / 10) + "/{ref}", std::to_string(200 + i % 10)})
        .Inc(static_cast<std::uint64_t>(i));
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = registry.Render();
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

void BM_RenderHistograms(benchmark::State& state) {
  Registry registry;
  Histogram* h = OrDie(registry.AddHistogram("bench_render_seconds", "Render.", {"route"}));
  for (int i = 0; i < state.range(0); ++i) {
    h->With({"/api/v1/route" + std::to_string(i) + "/{ref}"}).Observe(0.001 * i);
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = registry.Render();
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

BENCHMARK(BM_Atomic)->Name("metrics/atomic")->Threads(1)->Threads(2);
BENCHMARK(BM_CounterWith)->Name("metrics/counter_with")->Threads(1)->Threads(2);
BENCHMARK(BM_CounterCached)->Name("metrics/counter_cached")->Threads(1)->Threads(2);
BENCHMARK(BM_HistogramObserve)->Name("metrics/histogram_observe")->Threads(1)->Threads(2);
BENCHMARK(BM_HistogramWith)->Name("metrics/histogram_with")->Threads(1)->Threads(2);
BENCHMARK(BM_Render)->Name("metrics/render")->ArgName("children")->Arg(1000);
BENCHMARK(BM_RenderHistograms)->Name("metrics/render_histograms")->ArgName("children")->Arg(1000);

}  // namespace

BENCHMARK_MAIN();
