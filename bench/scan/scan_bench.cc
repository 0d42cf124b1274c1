// Scanner throughput and memory on one large CSV file (issue 8), end to end as `sluice scan`
// would run it: Scanner::Make once, then Scanner::Scan over a tabular::FileByteSource on one
// thread, repeated; the peer (bench/scan/scan_peer.py) runs the same candidate patterns with
// Python's `re` over the same file in the same run (bench/scan/run.sh).
//
//   scan_bench --generate PATH --bytes N [--seed S]
//       writes the benchmark CSV: 20 columns (ids, names, emails, phones, card numbers, dates,
//       amounts, free text, IPs, SSNs, IBANs, ... with the decoys of tests/scan_eval), rows
//       until the file holds at least N bytes. Deterministic: a smaller N with the same seed
//       gives a prefix of the larger file.
//   scan_bench --scan PATH [--reps R]
//       scans PATH R times (default 3) and prints each repetition, the medians and the peak RSS.
//
// A plain main rather than Google Benchmark: the figure is one end-to-end pass over a file of a
// given size, with the process's peak RSS, which a benchmark harness's loop would blur.
//
// Throughput is MB/s with MB = 10^6 bytes, from wall time and from the process's CPU time (the
// machine is shared: CPU time is the steadier of the two). The last line is machine-readable
// for run.sh: "RESULT key=value ...".
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "scan/scanner.h"
#include "scan_eval/eval_set.h"
#include "tabular/byte_source.h"
#include "tabular/format.h"

namespace {

using sluice::scan_eval::ColumnSpec;
using sluice::scan_eval::Generator;
using sluice::scan_eval::Kind;

// The benchmark table: what a customer/payments export of a data platform looks like, with
// sensitive columns, decoys next to them, and plain data.
std::vector<ColumnSpec> BenchColumns() {
  return {
      {"id", Kind::kId, 0, false},
      {"first_name", Kind::kFirstName},
      {"last_name", Kind::kLastName},
      {"email", Kind::kEmail},
      {"phone", Kind::kPhoneNanp, 5},
      {"card_number", Kind::kCard, 3},
      {"date_of_birth", Kind::kDob},
      {"created_at", Kind::kEventTimestamp},
      {"amount", Kind::kAmount},
      {"currency", Kind::kCurrency},
      {"notes", Kind::kNotes},
      {"ip_address", Kind::kIp, 2},
      {"ssn", Kind::kSsn},
      {"iban", Kind::kIban, 2},
      {"city", Kind::kCity},
      {"country", Kind::kCountry},
      {"sku", Kind::kSku},
      {"quantity", Kind::kQuantity},
      {"status", Kind::kStatus},
      {"order_id", Kind::kOrderId},
  };
}

int Generate(const std::string& path, std::uint64_t bytes, std::uint64_t seed) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    std::perror(path.c_str());
    return 1;
  }
  std::vector<ColumnSpec> columns = BenchColumns();
  Generator gen(seed);
  std::string buf;
  Generator::AppendCsvHeader(columns, &buf);
  std::uint64_t written = 0, row = 0;
  while (written + buf.size() < bytes) {
    gen.AppendCsvRow(columns, row++, 0.05, &buf);
    if (buf.size() >= (1u << 20)) {  // write in ~1 MiB pieces
      if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size()) {
        std::perror(path.c_str());
        return 1;
      }
      written += buf.size();
      buf.clear();
    }
  }
  if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size() || std::fclose(f) != 0) {
    std::perror(path.c_str());
    return 1;
  }
  written += buf.size();
  std::printf("wrote %s: %llu bytes, %llu rows, %zu columns\n", path.c_str(),
              static_cast<unsigned long long>(written), static_cast<unsigned long long>(row),
              columns.size());
  return 0;
}

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double PeakRssMiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // KiB on Linux
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 == 1 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

int Scan(const std::string& path, int reps) {
  auto t0 = std::chrono::steady_clock::now();
  auto scanner = sluice::scan::Scanner::Make();
  if (!scanner.ok()) {
    std::fprintf(stderr, "Scanner::Make: %s\n", scanner.status().ToString().c_str());
    return 1;
  }
  double make_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  double rss_after_make = PeakRssMiB();
  std::printf("Scanner::Make: %.1f ms; peak RSS after it: %.1f MiB\n", make_ms, rss_after_make);

  std::vector<double> wall_mbps, cpu_mbps;
  sluice::scan::ScanReport last;
  for (int rep = 0; rep < reps; ++rep) {
    auto source = sluice::tabular::FileByteSource::Open(path);
    if (!source.ok()) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), source.status().ToString().c_str());
      return 1;
    }
    double cpu0 = CpuSeconds();
    auto w0 = std::chrono::steady_clock::now();
    auto report = scanner.value()->Scan(*source, sluice::tabular::Format::kCsv);
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
    double cpu = CpuSeconds() - cpu0;
    if (!report.ok()) {
      std::fprintf(stderr, "scan: %s\n", report.status().ToString().c_str());
      return 1;
    }
    double mb = static_cast<double>(report->bytes) / 1e6;
    wall_mbps.push_back(mb / wall);
    cpu_mbps.push_back(mb / cpu);
    std::printf("rep %d: %.1f MB in %.3f s wall (%.1f MB/s), %.3f s CPU (%.1f MB/s), %llu rows\n",
                rep + 1, mb, wall, mb / wall, cpu, mb / cpu,
                static_cast<unsigned long long>(report->rows));
    last = std::move(report).value();
  }

  // What the scanner found, so a run that detects nothing is visibly wrong.
  std::printf("columns:");
  for (const auto& c : last.columns) {
    std::printf(" %s=%s", c.name.c_str(), c.detector.empty() ? "-" : c.detector.c_str());
  }
  std::printf("\nclassification:");
  for (const auto& t : last.classification) std::printf(" %s", t.c_str());
  double rss = PeakRssMiB();
  std::printf("\nmedian of %d: %.1f MB/s wall, %.1f MB/s CPU; peak RSS %.1f MiB\n", reps,
              Median(wall_mbps), Median(cpu_mbps), rss);
  std::printf("RESULT bytes=%llu reps=%d wall_mbps=%.1f cpu_mbps=%.1f rss_mib=%.1f make_ms=%.1f\n",
              static_cast<unsigned long long>(last.bytes), reps, Median(wall_mbps),
              Median(cpu_mbps), rss, make_ms);
  return 0;
}

int Usage() {
  std::fprintf(stderr,
               "usage: scan_bench --generate PATH --bytes N [--seed S]\n"
               "       scan_bench --scan PATH [--reps R]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string generate, scan;
  std::uint64_t bytes = 0, seed = 42;
  int reps = 3;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (i + 1 >= argc) return Usage();
    const char* value = argv[++i];
    if (arg == "--generate") {
      generate = value;
    } else if (arg == "--scan") {
      scan = value;
    } else if (arg == "--bytes") {
      bytes = std::strtoull(value, nullptr, 10);
    } else if (arg == "--seed") {
      seed = std::strtoull(value, nullptr, 10);
    } else if (arg == "--reps") {
      reps = std::max(1, std::atoi(value));
    } else {
      return Usage();
    }
  }
  if (!generate.empty() && bytes > 0) return Generate(generate, bytes, seed);
  if (!scan.empty()) return Scan(scan, reps);
  return Usage();
}
