// What masking costs on top of reading: a 32 MiB CSV (8 columns: id, name, email, card, birth
// date, city, amount, note) read page by page as the server serves a masked pull, next to the
// peer that parses the same bytes with tabular::CsvReader and keeps nothing.
//
//   mask_bench [google benchmark flags, e.g. --benchmark_repetitions=5]
//
//   mask/parse_only          the peer: CsvReader over the file
//   mask/none                masked pages with no column masked (parse + write CSV again)
//   mask/redact3             name, card and birth date redacted
//   mask/tokenize_email      email as HMAC-SHA-256 tokens (one HMAC per value)
//   mask/mixed3              email tokenised, card partial, birth date year (the default rules)
//
// bytes_per_second is over the source file; compare each with mask/parse_only from the same run.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "masking/table_masker.h"
#include "tabular/csv_reader.h"

namespace {

using sluice::masking::ColumnMasks;
using sluice::platform::MaskMethod;

const std::string& File() {
  static const std::string file = [] {
    std::mt19937_64 rng(8);
    std::string out = "id,name,email,card,birth_date,city,amount,note\n";
    static const char* kNames[] = {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Ken Thompson"};
    static const char* kCities[] = {"Paris", "Lyon", "Berlin", "Oslo", "Lisbon"};
    for (int i = 0; out.size() < (32u << 20); ++i) {
      out += std::to_string(i) + "," + kNames[rng() % 4] + ",user" + std::to_string(rng() % 50000) +
             "@example.com,4111" + std::to_string(100000000000ULL + rng() % 899999999999ULL) +
             ",19" + std::to_string(50 + rng() % 50) + "-0" + std::to_string(1 + rng() % 9) +
             "-1" + std::to_string(rng() % 10) + "," + kCities[rng() % 5] + "," +
             std::to_string(rng() % 100000) + ".25,\"note, with a comma\"\n";
    }
    return out;
  }();
  return file;
}

void Die(const sluice::Status& s) {
  std::fprintf(stderr, "mask_bench: %s\n", s.ToString().c_str());
  std::exit(2);
}

void ParseOnly(benchmark::State& state) {
  for (auto _ : state) {
    sluice::tabular::StringByteSource source(File());
    auto reader = sluice::tabular::CsvReader::Open(source);
    if (!reader.ok()) Die(reader.status());
    sluice::tabular::CsvRecord record;
    uint64_t fields = 0;
    while (true) {
      auto more = reader->Next(&record);
      if (!more.ok()) Die(more.status());
      if (!*more) break;
      fields += record.fields.size();
    }
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * File().size()));
}

void Masked(benchmark::State& state, const ColumnMasks& masks) {
  const sluice::masking::ValueMasker masker(std::string(32, 'k'));
  for (auto _ : state) {
    sluice::masking::PagePosition at;
    uint64_t out = 0;
    while (true) {
      sluice::Result<sluice::masking::MaskedPage> page = sluice::InvalidArgument("unread");
      if (at.offset == 0) {
        sluice::tabular::StringByteSource source(File());
        page = sluice::masking::MaskCsvPage(source, at, masks, masker);
      } else {
        sluice::tabular::StringByteSource header(File().substr(0, at.header_end));
        sluice::tabular::StringByteSource rest(File().substr(at.offset));
        sluice::tabular::ConcatByteSource source(header, rest);
        page = sluice::masking::MaskCsvPage(source, at, masks, masker);
      }
      if (!page.ok()) Die(page.status());
      out += page->text.size();
      if (!page->next) break;
      at = *page->next;
    }
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * File().size()));
}

}  // namespace

BENCHMARK(ParseOnly)->Name("mask/parse_only")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Masked, none, ColumnMasks{})->Name("mask/none")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Masked, redact3,
                  ColumnMasks{{"name", MaskMethod::kRedact},
                              {"card", MaskMethod::kRedact},
                              {"birth_date", MaskMethod::kRedact}})
    ->Name("mask/redact3")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Masked, tokenize_email, ColumnMasks{{"email", MaskMethod::kTokenize}})
    ->Name("mask/tokenize_email")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Masked, mixed3,
                  ColumnMasks{{"email", MaskMethod::kTokenize},
                              {"card", MaskMethod::kPartial},
                              {"birth_date", MaskMethod::kYear}})
    ->Name("mask/mixed3")
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
