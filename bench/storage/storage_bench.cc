// Chunking throughput against its peer, bare SHA-256, on one 256 MiB
// in-memory buffer of pseudo-random bytes (random data is the worst case:
// every byte is rolled, and no chunk repeats).
//
//   storage_bench [google benchmark flags, e.g. --benchmark_repetitions=3]
//
//   storage/sha256          ChunkId::Of over fixed 1 MiB slices: the hashing
//                           every upload needs anyway, the physical limit
//   storage/cut             Chunker::Cut alone (default options)
//   storage/cut+sha256      Cut and ChunkId::Of per chunk: the cost of content-
//                           defined chunking is the gap to storage/sha256
//   storage/reader          ChunkReader over a file of the same bytes, which
//                           the page cache holds (adds read(2) copies)
//
// Throughput is bytes_per_second, from CPU time (the machine is shared).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "storage/chunk_id.h"
#include "storage/chunk_reader.h"
#include "storage/chunker.h"

namespace {
using sluice::storage::Chunk;
using sluice::storage::Chunker;
using sluice::storage::ChunkId;
using sluice::storage::ChunkReader;

constexpr std::size_t kBufferSize = std::size_t{256} << 20;

const std::vector<std::uint8_t>& Buffer() {
  static const std::vector<std::uint8_t> buffer = [] {
    std::vector<std::uint8_t> bytes(kBufferSize);
    std::mt19937_64 engine(42);
    for (std::size_t i = 0; i < bytes.size(); i += 8) {
      const std::uint64_t word = engine();
      for (std::size_t k = 0; k < 8; ++k) bytes[i + k] = static_cast<std::uint8_t>(word >> 8 * k);
    }
    return bytes;
  }();
  return buffer;
}

std::string_view AsText(std::span<const std::uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

Chunker DefaultChunker() {
  return *Chunker::Make({});
}

void BM_Sha256(benchmark::State& state) {
  const std::span<const std::uint8_t> data(Buffer());
  constexpr std::size_t kSlice = 1 << 20;
  for (auto _ : state) {
    for (std::size_t offset = 0; offset < data.size(); offset += kSlice) {
      benchmark::DoNotOptimize(ChunkId::Of(AsText(data.subspan(offset, kSlice))));
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}

void BM_Cut(benchmark::State& state) {
  const std::span<const std::uint8_t> data(Buffer());
  const Chunker chunker = DefaultChunker();
  std::size_t chunks = 0;
  for (auto _ : state) {
    chunks = 0;
    for (std::size_t offset = 0; offset < data.size(); ++chunks) {
      offset += chunker.Cut(data.subspan(offset));
    }
    benchmark::DoNotOptimize(chunks);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
  state.counters["chunks"] = static_cast<double>(chunks);
}

void BM_CutAndSha256(benchmark::State& state) {
  const std::span<const std::uint8_t> data(Buffer());
  const Chunker chunker = DefaultChunker();
  for (auto _ : state) {
    for (std::size_t offset = 0; offset < data.size();) {
      const std::size_t length = chunker.Cut(data.subspan(offset));
      benchmark::DoNotOptimize(ChunkId::Of(AsText(data.subspan(offset, length))));
      offset += length;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}

void BM_Reader(benchmark::State& state, const std::string* path) {
  const Chunker chunker = DefaultChunker();
  for (auto _ : state) {
    auto reader = ChunkReader::Open(*path, chunker);
    if (!reader.ok()) {
      state.SkipWithError(reader.status().message().c_str());
      return;
    }
    Chunk chunk;
    for (;;) {
      auto more = reader->Next(&chunk);
      if (!more.ok()) {
        state.SkipWithError(more.status().message().c_str());
        return;
      }
      if (!*more) break;
      benchmark::DoNotOptimize(chunk.id);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kBufferSize));
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  Buffer();  // generated before any timing

  const char* tmp = std::getenv("TMPDIR");
  const std::string path = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
                           "/storage_bench." + std::to_string(::getpid());
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(Buffer().data()),
              static_cast<std::streamsize>(kBufferSize));
  }

  benchmark::RegisterBenchmark("storage/sha256", BM_Sha256)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("storage/cut", BM_Cut)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("storage/cut+sha256", BM_CutAndSha256)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("storage/reader", BM_Reader, &path)->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::remove(path.c_str());
  return 0;
}
