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
// and validators) on its first kExactValues values, and after that on about one value in 16 (a
// pseudo-random stride); `candidates` and `validated` are then estimated from the sample.
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
// detectors), and counts over the sample of later values.
struct DetectorCounts {
  uint64_t candidates = 0;
  uint64_t passed = 0;
  uint64_t sampled_candidates = 0;
  uint64_t sampled_passed = 0;
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
  uint64_t sampled_values = 0;  // values after the first kExactValues that were sampled
  uint32_t skip = 1;            // values until the next sampled one

  // Estimated over all values: the sample scaled by (values after the exact ones) / (sampled).
  std::pair<uint64_t, uint64_t> CandidatesAndValidated(size_t i) const {
    const DetectorCounts& n = counts[i];
    const uint64_t values = profile.values();
    if (values <= kExactValues || sampled_values == 0) return {n.candidates, n.passed};
    const double scale =
        static_cast<double>(values - kExactValues) / static_cast<double>(sampled_values);
    auto scaled = [scale](uint64_t x) {
      return static_cast<uint64_t>(static_cast<double>(x) * scale + 0.5);
    };
    return {n.candidates + scaled(n.sampled_candidates), n.passed + scaled(n.sampled_passed)};
  }
  uint64_t last_row = 0;  // JSON Lines: the row that last gave a value (a repeated key counts once)
};

class ScanSession {
 public:
  ScanSession(const PatternSet& patterns, PatternSet::Scratch scratch, bool json)
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

  // CSV: profiles a batch of records in place (empty fields are nulls).
  Status AddCsvBatch(const CsvBatch& batch) {
    const uint32_t columns = static_cast<uint32_t>(columns_.size());
    rows_ += batch.records();
    uint32_t column = 0;
    for (const CsvField& f : batch.fields) {
      if (f.size != 0) {
        cells_.push_back({column, JsonKind::kString, f.data, f.size, f.raw_begin, f.raw_end});
      }
      if (++column == columns) column = 0;
    }
    return ProcessBatch(batch.text);
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

  // Scans `text` once with Hyperscan, then profiles and validates every cell.
  Status ProcessBatch(std::string_view text) {
    if (cells_.empty()) return Status::Ok();
    flags_.assign(cells_.size(), 0);
    cursor_ = 0;
    // Skipped when no column has a detector with patterns left (all vetoed by their names).
    if (pattern_union_ != 0) {
      SLUICE_RETURN_IF_ERROR(patterns_.Scan(text, scratch_, &OnMatch, this));
    }
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
      Profile(cells_[k], flags_[k], hashes_[k]);
    }
    for (ColumnState& c : columns_) c.profile.Settle();  // the batch's bytes go away next
    cells_.clear();
    return Status::Ok();
  }

  static bool OnMatch(void* context, unsigned detector, uint64_t end) {
    auto* s = static_cast<ScanSession*>(context);
    // The match's last byte; the '\n' after a value belongs to that value.
    const size_t p = static_cast<size_t>(end - 1);
    const std::vector<Cell>& cells = s->cells_;
    size_t k = s->cursor_;
    if (cells[k].raw_begin > p) k = 0;
    // Matches come in end-offset order, usually close together: step, then bisect.
    for (int steps = 0; k + 1 < cells.size() && cells[k + 1].raw_begin <= p; ++steps, ++k) {
      if (steps == 8) {
        auto it =
            std::upper_bound(cells.begin() + static_cast<std::ptrdiff_t>(k), cells.end(), p,
                             [](size_t offset, const Cell& c) { return offset < c.raw_begin; });
        k = static_cast<size_t>(it - cells.begin()) - 1;
        break;
      }
    }
    s->cursor_ = k;
    // Bytes between values (a null field, a line break) belong to none.
    if (cells[k].raw_begin <= p && p <= cells[k].raw_end) s->flags_[k] |= uint32_t{1} << detector;
    return true;
  }

  void Profile(const Cell& cell, uint32_t flags, uint64_t hash) {
    ColumnState& c = columns_[cell.column];
    std::string_view text(cell.data, cell.size);
    if (json_) {
      ColumnType type = ColumnType::kString;
      if (!c.profile.is_string()) {
        type = tabular::JsonValueType(cell.kind, text).value_or(ColumnType::kString);
      }
      c.profile.Add(text, type, hash);
    } else {
      c.profile.AddCsv(text, hash);
    }

    bool sampled = false;
    if (c.profile.values() > kExactValues) {
      if (--c.skip == 0) {
        sampled = true;
        ++c.sampled_values;
        c.skip = 8 + static_cast<uint32_t>(hash >> 60);  // 8..23, 15.5 on average
      } else {
        flags &= c.every_value_mask;
        if ((flags & c.pattern_mask) == 0) return;
        sampled = false;
      }
    }
    const bool all = !sampled && c.profile.values() <= kExactValues;
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
        ++n.sampled_candidates;
        n.sampled_passed += valid;
      } else {
        ++n.candidates;
        n.passed += valid;
      }
    }
  }

  const PatternSet& patterns_;
  PatternSet::Scratch scratch_;
  bool json_;
  CivilDate today_;
  std::vector<ColumnState> columns_;
  uint64_t rows_ = 0;
  std::string buffer_;
  std::vector<Cell> cells_;
  std::vector<uint32_t> flags_;
  std::vector<uint64_t> hashes_;
  size_t cursor_ = 0;
  uint32_t pattern_union_ = 0;  // of the columns' pattern masks
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
  explicit TableScanner(std::unique_ptr<PatternSet> patterns) : patterns_(std::move(patterns)) {}

  Result<ScanReport> Scan(tabular::ByteSource& source, tabular::Format format,
                          const ScanOptions& options) const override {
    CountingByteSource counting(source);
    SLUICE_ASSIGN_OR_RETURN(PatternSet::Scratch scratch, patterns_->MakeScratch());
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
    ScanSession session(*patterns_, std::move(scratch), /*json=*/false);
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
    ScanSession session(*patterns_, std::move(scratch), /*json=*/true);
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

  std::unique_ptr<PatternSet> patterns_;
};

}  // namespace

Result<std::unique_ptr<Scanner>> Scanner::Make() {
  SLUICE_ASSIGN_OR_RETURN(std::unique_ptr<PatternSet> patterns, PatternSet::Compile(Detectors()));
  return std::unique_ptr<Scanner>(new TableScanner(std::move(patterns)));
}

}  // namespace sluice::scan
