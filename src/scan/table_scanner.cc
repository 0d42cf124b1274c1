// The Scanner implementation: reads records a batch at a time (CsvBatchReader, or
// tabular::JsonlReader), scans each batch once with the PatternSet, then profiles every non-null
// value and validates only the values the first pass (Hyperscan matches, or a value's shape)
// flagged.
//
// Why batches: one hs_scan call per field (or per record) would spend more time entering
// Hyperscan than scanning. A CSV batch is about kBatchBytes of records in the reader's window,
// scanned as written, with each field's raw offsets; JSON Lines values are copied into a buffer
// joined by '\n'. Each match's end offset is mapped back to its value with a forward-moving
// cursor (matches arrive in offset order); profiling then reads the values while they are in
// cache.
//
// Why sampled validation: validators cost tens of nanoseconds a value, which over a large file
// would cost more than everything else. So each column runs its detectors (first-pass shapes
// and validators) on its first kExactValues values, then on about one value in 16 (a
// pseudo-random stride) up to kDenseSampleValues, and on about one in 64 after that;
// `candidates` and `validated` are then estimated from the sample, each stratum scaled by its
// own rate. A share is known to within about 1% after 10,000 values, so the sparser sample of
// a large column (still over 50,000 values in a 3.7-million-row file) changes no verdict.
// Profiling (type, nulls, min/max, distinct, top values) always sees every value, and the
// credential detectors validate every match (their Hyperscan literals are rare, and a single
// secret is a finding).
#include <algorithm>
#include <array>
#include <bit>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "scan/column_name.h"
#include "scan/column_profile.h"
#include "scan/csv_batch_reader.h"
#include "scan/detectors.h"
#include "scan/hash.h"
#include "scan/masking.h"
#include "scan/pattern_set.h"
#include "scan/scanner.h"
#include "scan/value_shape.h"
#include "scan/verdict.h"
#include "tabular/jsonl_reader.h"
#include "tabular/value_types.h"

namespace sluice::scan {
namespace {

using tabular::ColumnType;
using tabular::JsonKind;

constexpr size_t kBatchBytes = 64 * 1024;
constexpr uint64_t kExactValues = 10000;
constexpr uint64_t kDenseSampleValues = 100000;
// Longest min, max or top value shown in a report.
constexpr size_t kMaxReportedValueBytes = 256;

static_assert(kDetectorCount <= 32, "detector masks are 32-bit");

// Counts the bytes read through it, for ScanReport::bytes.
class CountingByteSource final : public tabular::ByteSource {
 public:
  explicit CountingByteSource(tabular::ByteSource& inner) : inner_(&inner) {}
  Result<size_t> Read(char* buf, size_t n) override {
    Result<size_t> got = inner_->Read(buf, n);
    if (got.ok()) bytes_ += *got;
    return got;
  }
  uint64_t bytes() const { return bytes_; }

 private:
  tabular::ByteSource* inner_;
  uint64_t bytes_ = 0;
};

// Candidates and validations of one detector in one column: exact counts over the values all
// detectors examine (a column's first kExactValues, and every value for the credential
// detectors), and counts over the samples of later values: stratum 0 (values up to
// kDenseSampleValues, ~1 in 16) and stratum 1 (after that, ~1 in 64).
struct DetectorCounts {
  uint64_t candidates = 0;
  uint64_t passed = 0;
  std::array<uint64_t, 2> sampled_candidates{};
  std::array<uint64_t, 2> sampled_passed{};
};

struct ColumnState {
  std::string name;
  ColumnProfile profile;
  std::array<NameContext, kDetectorCount> context{};
  // Detectors that can fire here (the verdict rule allows it), by their first pass.
  uint32_t pattern_mask = 0;      // Hyperscan patterns
  uint32_t shape_mask = 0;        // value shapes
  uint32_t always_mask = 0;       // none: every value is a candidate
  uint32_t positive_mask = 0;     // detectors whose context words the name matches
  uint32_t every_value_mask = 0;  // detectors never sampled (credentials: one is a finding)
  std::array<DetectorCounts, kDetectorCount> counts{};
  std::array<uint64_t, 2> sampled_values{};  // per stratum: values that were sampled
  uint32_t skip = 1;                         // values until the next sampled one
  // Picks the sample's strides. Not the values' hashes: in a column where a few values repeat
  // with a period, strides taken from them can lock onto one value and sample nothing else.
  uint64_t rng = 0x9E3779B97F4A7C15ULL;

  // Estimated over all values: each stratum's sample scaled by (its values) / (its sampled
  // values). The first value of each stratum is sampled, so a stratum with values has a sample.
  std::pair<uint64_t, uint64_t> CandidatesAndValidated(size_t i) const {
    const DetectorCounts& n = counts[i];
    const uint64_t values = profile.values();
    const std::array<uint64_t, 2> in_stratum = {
        std::clamp(values, kExactValues, kDenseSampleValues) - kExactValues,
        std::max(values, kDenseSampleValues) - kDenseSampleValues};
    double candidates = static_cast<double>(n.candidates);
    double passed = static_cast<double>(n.passed);
    for (size_t s = 0; s < 2; ++s) {
      if (sampled_values[s] == 0) continue;
      const double scale =
          static_cast<double>(in_stratum[s]) / static_cast<double>(sampled_values[s]);
      candidates += static_cast<double>(n.sampled_candidates[s]) * scale;
      passed += static_cast<double>(n.sampled_passed[s]) * scale;
    }
    return {static_cast<uint64_t>(candidates + 0.5), static_cast<uint64_t>(passed + 0.5)};
  }
  uint64_t last_row = 0;  // JSON Lines: the row that last gave a value (a repeated key counts once)
};

// The first pass's two pattern sets: every detector's patterns, and those of the detectors
// that see every value (credentials), which is all a batch needs once every column is past its
// first kExactValues values (the other detectors then only look at sampled values, which are
// scanned one by one). The credentials' literals are rare and their set scans at several GB/s;
// the whole set runs at a fraction of that on a table with an email column ('@' on every row).
struct Patterns {
  std::unique_ptr<PatternSet> all;
  std::unique_ptr<PatternSet> every_value;
};

class ScanSession {
 public:
  ScanSession(const Patterns& patterns, PatternSet::Scratch scratch, bool json)
      : patterns_(patterns), scratch_(std::move(scratch)), json_(json), today_(TodayUtc()) {}

  size_t column_count() const { return columns_.size(); }

  void AddColumn(std::string name) {
    ColumnState& c = columns_.emplace_back();
    ColumnName analyzed = AnalyzeColumnName(name);
    c.name = std::move(name);
    for (const Detector& d : Detectors()) {
      const size_t i = static_cast<size_t>(d.id);
      const uint32_t bit = uint32_t{1} << i;
      NameContext context = MatchNameContext(analyzed, d.context);
      c.context[i] = context;
      if (context == NameContext::kPositive) c.positive_mask |= bit;
      if (d.fires_on_any) c.every_value_mask |= bit;
      // Skip validation where the verdict rule cannot fire anyway.
      bool can_fire = context == NameContext::kPositive ||
                      (!d.requires_context && (context == NameContext::kNone || d.fires_on_any));
      if (!can_fire) continue;
      if (!d.patterns.empty()) {
        c.pattern_mask |= bit;
        pattern_union_ |= bit;
        if (d.fires_on_any) every_value_pattern_union_ |= bit;
      } else if (d.looks_like != nullptr) {
        c.shape_mask |= bit;
      } else {
        c.always_mask |= bit;
      }
    }
  }

  // JSON Lines: starts a record; returns its 1-based number.
  uint64_t BeginRow() { return ++rows_; }

  // JSON Lines: a non-null value of `column` in the current record, copied into the batch.
  void AddCell(size_t column, std::string_view text, JsonKind kind) {
    ColumnState& c = columns_[column];
    if (c.last_row == rows_) return;  // a key repeated within one object counts once
    c.last_row = rows_;
    const size_t begin = buffer_.size();
    cells_.push_back(
        {static_cast<uint32_t>(column), kind, nullptr, text.size(), begin, begin + text.size()});
    buffer_.append(text);
    buffer_.push_back('\n');
  }

  Status MaybeFlush() { return buffer_.size() >= kBatchBytes ? Flush() : Status::Ok(); }

  // JSON Lines: profiles the values added since the last flush.
  Status Flush() {
    for (Cell& cell : cells_) cell.data = buffer_.data() + cell.raw_begin;
    SLUICE_RETURN_IF_ERROR(ProcessBatch(buffer_));
    buffer_.clear();
    return Status::Ok();
  }

  // CSV: profiles a batch of records in place (empty fields are nulls), a column at a time.
  Status AddCsvBatch(const CsvBatch& batch) {
    const std::vector<CsvField>& fields = batch.fields;
    if (fields.empty()) return Status::Ok();
    rows_ += batch.records();
    SLUICE_RETURN_IF_ERROR(FindMatches(batch.text, fields));
    const size_t n = fields.size();
    const size_t columns = columns_.size();
    if (index_.size() < batch.records()) {
      index_.resize(batch.records());
      hashes_.resize(batch.records());
    }
    for (size_t column = 0; column < columns; ++column) {
      ColumnState& c = columns_[column];
      // This column's non-null values and their hashes, so that the HyperLogLog register of a
      // value a few ahead can be prefetched (a column's 16 KiB of registers is rarely all in L1).
      size_t values = 0;
      for (size_t k = column; k < n; k += columns) {
        const CsvField& f = fields[k];
        index_[values] = static_cast<uint32_t>(k);
        hashes_[values] = Hash64(std::string_view(f.data, f.size));
        values += f.size != 0;
      }
      constexpr size_t kAhead = 8;
      for (size_t j = 0; j < values; ++j) {
        if (j + kAhead < values) c.profile.Prefetch(hashes_[j + kAhead]);
        const CsvField& f = fields[index_[j]];
        Profile(c, std::string_view(f.data, f.size), JsonKind::kString,
                has_flags_ ? flags_[index_[j]] : 0, hashes_[j]);
      }
      c.profile.Settle();  // the batch's bytes go away next
    }
    return Status::Ok();
  }

  ScanReport Finish(const ScanOptions& options, uint64_t bad_rows, uint64_t bytes) &&;

 private:
  struct Cell {
    uint32_t column;
    JsonKind kind;
    const char* data;
    size_t size;
    // Where the value was in the scanned text: from its first byte to its terminator, so that
    // a match's last byte at raw_end (a delimiter, a quote) still counts for it.
    size_t raw_begin;
    size_t raw_end;
  };

  // Scans `text` once with Hyperscan and sets flags_[k] to the detectors whose patterns
  // matched in item k (a Cell or a CsvField, in text order); has_flags_ says whether it ran.
  // The whole pattern set runs while some column that has non-credential patterns is within
  // its first kExactValues values; after that only the credentials' set, and Profile scans
  // each sampled value with the whole set (scan_values_one_by_one_).
  template <typename Item>
  Status FindMatches(std::string_view text, const std::vector<Item>& items) {
    bool whole_set = false;
    for (const ColumnState& c : columns_) {
      if ((c.pattern_mask & ~c.every_value_mask) != 0 && c.profile.values() < kExactValues) {
        whole_set = true;
        break;
      }
    }
    scan_values_one_by_one_ = !whole_set;
    // Skipped when no column has a detector with patterns left (all vetoed by their names).
    has_flags_ = whole_set ? pattern_union_ != 0 : every_value_pattern_union_ != 0;
    if (!has_flags_) return Status::Ok();
    flags_.assign(items.size(), 0);
    MatchTarget<Item> target{this, &items, 0};
    const PatternSet& set = whole_set ? *patterns_.all : *patterns_.every_value;
    return set.Scan(text, scratch_, &OnMatch<Item>, &target);
  }

  // Whether some detector in `detectors` may match inside `value`: a Hyperscan call costs
  // hundreds of nanoseconds, a search for the detector's literal ("@") a few.
  static bool MayMatch(std::string_view value, uint32_t detectors) {
    while (detectors != 0) {
      const unsigned i = static_cast<unsigned>(std::countr_zero(detectors));
      detectors &= detectors - 1;
      const std::string_view literal = Detectors()[i].literal;
      if (literal.empty() || value.find(literal) != std::string_view::npos) return true;
    }
    return false;
  }

  // The detectors whose patterns match inside `value`, with the whole set.
  uint32_t ValueMatches(std::string_view value) {
    uint32_t flags = 0;
    auto on_match = [](void* context, unsigned detector, uint64_t) {
      *static_cast<uint32_t*>(context) |= uint32_t{1} << detector;
      return true;
    };
    // A failed scan leaves the value unflagged, as a value without matches.
    (void)patterns_.all->Scan(value, scratch_, on_match, &flags);
    return flags;
  }

  // JSON Lines: scans the batch once with Hyperscan, then profiles and validates every cell.
  Status ProcessBatch(std::string_view text) {
    if (cells_.empty()) return Status::Ok();
    SLUICE_RETURN_IF_ERROR(FindMatches(text, cells_));
    // Hash every value first, so that each column's HyperLogLog register can be prefetched a
    // few values ahead of its update (the registers rarely sit in L1).
    hashes_.resize(cells_.size());
    for (size_t k = 0; k < cells_.size(); ++k) {
      hashes_[k] = Hash64(std::string_view(cells_[k].data, cells_[k].size));
    }
    constexpr size_t kAhead = 16;
    for (size_t k = 0; k < cells_.size(); ++k) {
      if (k + kAhead < cells_.size()) {
        columns_[cells_[k + kAhead].column].profile.Prefetch(hashes_[k + kAhead]);
      }
      const Cell& cell = cells_[k];
      Profile(columns_[cell.column], std::string_view(cell.data, cell.size), cell.kind,
              has_flags_ ? flags_[k] : 0, hashes_[k]);
    }
    for (ColumnState& c : columns_) c.profile.Settle();  // the batch's bytes go away next
    cells_.clear();
    return Status::Ok();
  }

  template <typename Item>
  struct MatchTarget {
    ScanSession* session;
    const std::vector<Item>* items;
    size_t cursor;
  };

  // Items are in text order, each with the raw offsets of its value (raw_begin, raw_end).
  template <typename Item>
  static bool OnMatch(void* context, unsigned detector, uint64_t end) {
    auto* t = static_cast<MatchTarget<Item>*>(context);
    // The match's last byte; the '\n' after a value belongs to that value.
    const size_t p = static_cast<size_t>(end - 1);
    const std::vector<Item>& items = *t->items;
    size_t lo = t->cursor;
    if (items[lo].raw_begin > p) lo = 0;
    // Matches come in end-offset order, usually a few items apart: gallop forward from the
    // last one (items[lo] starts at or before p; find an item past p), then bisect.
    size_t step = 1;
    size_t hi = lo + 1;
    while (hi < items.size() && items[hi].raw_begin <= p) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    hi = std::min(hi, items.size());
    auto it = std::upper_bound(items.begin() + static_cast<std::ptrdiff_t>(lo) + 1,
                               items.begin() + static_cast<std::ptrdiff_t>(hi), p,
                               [](size_t offset, const Item& c) { return offset < c.raw_begin; });
    const size_t k = static_cast<size_t>(it - items.begin()) - 1;
    t->cursor = k;
    // Bytes between values (a line break) belong to none; a CSV null field's flags are unused.
    if (items[k].raw_begin <= p && p <= items[k].raw_end) {
      t->session->flags_[k] |= uint32_t{1} << detector;
    }
    return true;
  }

  void Profile(ColumnState& c, std::string_view text, JsonKind kind, uint32_t flags,
               uint64_t hash) {
    if (json_) {
      ColumnType type = ColumnType::kString;
      if (!c.profile.is_string()) {
        type = tabular::JsonValueType(kind, text).value_or(ColumnType::kString);
      }
      c.profile.Add(text, type, hash);
    } else {
      c.profile.AddCsv(text, hash);
    }

    bool sampled = false;
    const uint64_t value_number = c.profile.values();  // 1-based
    const size_t stratum = value_number > kDenseSampleValues ? 1 : 0;
    if (value_number > kExactValues) {
      if (value_number == kDenseSampleValues + 1) c.skip = 1;  // a stratum's first is sampled
      if (--c.skip == 0) {
        sampled = true;
        ++c.sampled_values[stratum];
        c.rng = c.rng * 6364136223846793005ULL + 1442695040888963407ULL;  // Knuth's MMIX LCG
        c.skip = stratum == 0 ? 8 + static_cast<uint32_t>(c.rng >> 60)    // 8..23, mean 15.5
                              : 32 + static_cast<uint32_t>(c.rng >> 58);  // 32..95, mean 63.5
      } else {
        flags &= c.every_value_mask;
        if ((flags & c.pattern_mask) == 0) return;
        sampled = false;
      }
    }
    if (sampled && scan_values_one_by_one_) {
      const uint32_t wanted = c.pattern_mask & ~c.every_value_mask;
      if (wanted != 0 && MayMatch(text, wanted)) flags |= ValueMatches(text) & wanted;
    }
    const bool all = !sampled && value_number <= kExactValues;
    uint32_t mask = flags & c.pattern_mask;
    if (all || sampled) {
      mask |= c.always_mask;
      if (c.shape_mask != 0 && text.size() <= kMaxShapeBytes) {
        mask |= ShapeCandidates(text) & c.shape_mask;
      }
    }
    while (mask != 0) {
      const unsigned i = static_cast<unsigned>(std::countr_zero(mask));
      mask &= mask - 1;
      const ValidationContext vc{(c.positive_mask >> i & 1) != 0, today_};
      const bool valid = Detectors()[i].validate(text, vc);
      DetectorCounts& n = c.counts[i];
      if (sampled && (c.every_value_mask >> i & 1) == 0) {
        ++n.sampled_candidates[stratum];
        n.sampled_passed[stratum] += valid;
      } else {
        ++n.candidates;
        n.passed += valid;
      }
    }
  }

  const Patterns& patterns_;
  PatternSet::Scratch scratch_;
  bool json_;
  CivilDate today_;
  std::vector<ColumnState> columns_;
  uint64_t rows_ = 0;
  std::string buffer_;
  std::vector<Cell> cells_;
  std::vector<uint32_t> flags_;  // per item of the batch: detectors whose patterns matched
  bool has_flags_ = false;
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> index_;             // CSV: a column's non-null fields in the batch
  uint32_t pattern_union_ = 0;              // of the columns' pattern masks
  uint32_t every_value_pattern_union_ = 0;  // the credentials' bits among them
  bool scan_values_one_by_one_ = false;     // this batch was scanned with the credentials' set
};

ScanReport ScanSession::Finish(const ScanOptions& options, uint64_t bad_rows, uint64_t bytes) && {
  ScanReport report;
  report.rows = rows_;
  report.bad_rows = bad_rows;
  report.bytes = bytes;
  std::vector<std::string> classification;
  for (ColumnState& c : columns_) {
    ColumnReport r;
    r.name = std::move(c.name);
    r.type = c.profile.type().value_or(ColumnType::kString);
    r.values = c.profile.values();
    r.nulls = rows_ - r.values;
    r.null_fraction = rows_ == 0 ? 0 : static_cast<double>(r.nulls) / static_cast<double>(rows_);
    r.distinct_estimate = c.profile.DistinctEstimate();

    const Detector* best = nullptr;
    for (const Detector& d : Detectors()) {
      const size_t i = static_cast<size_t>(d.id);
      double confidence =
          Confidence(d, {r.values, c.CandidatesAndValidated(i).second, c.context[i]});
      if (confidence >= kFireThreshold && confidence > r.confidence) {
        best = &d;
        r.confidence = confidence;
      }
    }
    auto show = [&](std::string_view value) {
      std::string shown = TruncateForReport(value, kMaxReportedValueBytes);
      return best != nullptr ? MaskValue(shown, best->mask) : shown;
    };
    if (best != nullptr) {
      const size_t i = static_cast<size_t>(best->id);
      r.detector = std::string(best->name);
      auto [candidates, validated] = c.CandidatesAndValidated(i);
      r.candidates = candidates;
      r.validated = std::min(validated, candidates);
      for (std::string_view tag : best->tags) {
        r.tags.emplace_back(tag);
        classification.emplace_back(tag);
      }
      r.tags.push_back("detector:" + r.detector);
      std::sort(r.tags.begin(), r.tags.end());
    }
    if (auto min = c.profile.Min()) r.min = show(*min);
    if (auto max = c.profile.Max()) r.max = show(*max);
    for (auto& [value, count] : c.profile.Top(options.top_values)) {
      r.top_values.emplace_back(show(value), count);
    }
    report.columns.push_back(std::move(r));
  }
  std::sort(classification.begin(), classification.end());
  classification.erase(std::unique(classification.begin(), classification.end()),
                       classification.end());
  report.classification = std::move(classification);
  return report;
}

// Lets the column index be searched with the string_views the JSON Lines reader yields.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return static_cast<size_t>(Hash64(s)); }
};

class TableScanner final : public Scanner {
 public:
  explicit TableScanner(Patterns patterns) : patterns_(std::move(patterns)) {}

  Result<ScanReport> Scan(tabular::ByteSource& source, tabular::Format format,
                          const ScanOptions& options) const override {
    CountingByteSource counting(source);
    SLUICE_ASSIGN_OR_RETURN(PatternSet::Scratch scratch, patterns_.all->MakeScratch());
    SLUICE_RETURN_IF_ERROR(patterns_.every_value->GrowScratch(scratch));
    switch (format) {
      case tabular::Format::kCsv:
      case tabular::Format::kTsv:
        return ScanCsv(counting, format, options, std::move(scratch));
      case tabular::Format::kJsonl:
        return ScanJsonl(counting, options, std::move(scratch));
    }
    return InvalidArgument("unknown tabular format");
  }

 private:
  Result<ScanReport> ScanCsv(CountingByteSource& source, tabular::Format format,
                             const ScanOptions& options, PatternSet::Scratch scratch) const {
    tabular::CsvOptions csv;
    csv.delimiter = format == tabular::Format::kTsv ? '\t' : options.delimiter;
    csv.max_record_bytes = options.max_record_bytes;
    csv.skip_bad_rows = options.skip_bad_rows;
    SLUICE_ASSIGN_OR_RETURN(CsvBatchReader reader, CsvBatchReader::Open(source, csv));
    if (reader.column_names().size() > options.max_columns) {
      return ResourceExhausted("the header has " + std::to_string(reader.column_names().size()) +
                               " columns, more than the limit of " +
                               std::to_string(options.max_columns));
    }
    ScanSession session(patterns_, std::move(scratch), /*json=*/false);
    for (const std::string& name : reader.column_names()) session.AddColumn(name);
    CsvBatch batch;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, reader.NextBatch(&batch, kBatchBytes));
      if (!more) break;
      SLUICE_RETURN_IF_ERROR(session.AddCsvBatch(batch));
    }
    return std::move(session).Finish(options, reader.bad_rows(), source.bytes());
  }

  Result<ScanReport> ScanJsonl(CountingByteSource& source, const ScanOptions& options,
                               PatternSet::Scratch scratch) const {
    tabular::JsonlOptions jsonl;
    jsonl.max_line_bytes = options.max_record_bytes;
    jsonl.skip_bad_rows = options.skip_bad_rows;
    tabular::JsonlReader reader(source, jsonl);
    ScanSession session(patterns_, std::move(scratch), /*json=*/true);
    std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> index;
    tabular::JsonlRecord record;
    while (true) {
      SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
      if (!more) break;
      session.BeginRow();
      for (const tabular::FlatField& field : record.fields) {
        auto it = index.find(field.name);
        if (it == index.end()) {
          if (session.column_count() >= options.max_columns) {
            return ResourceExhausted("line " + std::to_string(record.line) + ": more than " +
                                     std::to_string(options.max_columns) + " columns");
          }
          session.AddColumn(std::string(field.name));
          it = index.emplace(std::string(field.name), session.column_count() - 1).first;
        }
        if (field.kind != JsonKind::kNull) session.AddCell(it->second, field.text, field.kind);
      }
      SLUICE_RETURN_IF_ERROR(session.MaybeFlush());
    }
    SLUICE_RETURN_IF_ERROR(session.Flush());
    return std::move(session).Finish(options, reader.bad_rows(), source.bytes());
  }

  Patterns patterns_;
};

}  // namespace

Result<std::unique_ptr<Scanner>> Scanner::Make() {
  Patterns patterns;
  SLUICE_ASSIGN_OR_RETURN(patterns.all, PatternSet::Compile(Detectors()));
  uint32_t every_value = 0;
  for (const Detector& d : Detectors()) {
    if (d.fires_on_any) every_value |= uint32_t{1} << static_cast<unsigned>(d.id);
  }
  SLUICE_ASSIGN_OR_RETURN(patterns.every_value, PatternSet::Compile(Detectors(), every_value));
  return std::unique_ptr<Scanner>(new TableScanner(std::move(patterns)));
}

}  // namespace sluice::scan
