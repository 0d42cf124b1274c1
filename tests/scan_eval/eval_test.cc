// The scanner's detectors measured on the labelled evaluation set (eval_set.h): every column of
// every table is scanned, its verdict (ColumnReport::detector) compared with the ground truth,
// and precision and recall computed per detector. The table of figures is printed on every run
// (it is the evidence for issue 8's accuracy goal, not only a pass/fail bit); the test fails when
// any detector is below 0.95 on either.
//
// A column counts once per table: a true positive when the scanner names the expected detector,
// a false positive for the detector it named when that is wrong (decoys included), a false
// negative for the expected detector when it did not name it.
//
// SLUICE_SCAN_EVAL_SEED=N generates the set from another seed (the default is fixed, so a
// failure reproduces); the seed in use is printed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "scan/scanner.h"
#include "scan_eval/eval_set.h"
#include "tabular/byte_source.h"

namespace sluice::scan_eval {
namespace {

constexpr double kGoal = 0.95;

std::uint64_t Seed() {
  const char* env = std::getenv("SLUICE_SCAN_EVAL_SEED");
  return env != nullptr && *env != '\0' ? std::strtoull(env, nullptr, 10) : EvalSetOptions{}.seed;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// --- The generator itself: the truth is only as good as the values behind it --------------------

TEST(EvalSet, SensitiveValuesAreValid) {
  Generator gen(7);
  for (int i = 0; i < 2000; ++i) {
    for (int style = 0; style <= 3; ++style) {
      std::string card = gen.Value({"c", Kind::kCard, style}, 0);
      std::string d = DigitsOf(card);
      EXPECT_TRUE(LuhnValid(d)) << card;
      bool known = (d[0] == '4' && d.size() == 16) ||
                   ((d.starts_with("34") || d.starts_with("37")) && d.size() == 15) ||
                   (d.size() == 16 &&
                    ((d >= "51" && d < "56") || (d >= "2221" && d < "2721") ||
                     d.starts_with("6011") || d.starts_with("65") || (d >= "644" && d < "650")));
      EXPECT_TRUE(known) << "no issuer: " << card;
    }
    for (int style = 0; style <= 2; ++style) {
      std::string iban = gen.Value({"i", Kind::kIban, style}, 0);
      EXPECT_TRUE(IbanValid(iban)) << iban;
      std::string compact;
      for (char c : iban) {
        if (c != ' ') compact += c;
      }
      static const std::map<std::string, std::size_t> kLength = {
          {"DE", 22}, {"GB", 22}, {"FR", 27}, {"NL", 18}, {"ES", 24}};
      auto it = kLength.find(compact.substr(0, 2));
      ASSERT_NE(it, kLength.end()) << iban;
      EXPECT_EQ(compact.size(), it->second) << iban;
    }
    for (int style = 0; style <= 1; ++style) {
      EXPECT_TRUE(SsnValid(gen.Value({"s", Kind::kSsn, style}, 0)));
    }
    for (int style = 0; style <= 5; ++style) {
      std::string phone = DigitsOf(gen.Value({"p", Kind::kPhoneNanp, style}, 0));
      if (phone.size() == 11) phone = phone.substr(1);  // +1
      EXPECT_TRUE(NanpValid(phone)) << phone;
    }
    std::string aws = gen.Value({"a", Kind::kAwsKey}, 0);
    EXPECT_EQ(aws.size(), 20u);
    EXPECT_TRUE(aws.starts_with("AKIA"));
    EXPECT_EQ(aws.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos);
    EXPECT_TRUE(
        gen.Value({"j", Kind::kJwt}, 0).starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."));
    std::string dob = gen.Value({"d", Kind::kDob}, 0);
    EXPECT_TRUE(dob >= "1930-01-01" && dob <= "2007-12-31") << dob;
    std::string passport = gen.Value({"p", Kind::kPassport}, 0);
    EXPECT_EQ(passport.size(), 9u);
    EXPECT_EQ(DigitsOf(passport), passport);
  }
}

TEST(EvalSet, DecoysAreWhatTheyClaim) {
  Generator gen(11);
  for (int i = 0; i < 2000; ++i) {
    // Luhn-valid on purpose, but no issuer starts with 9 or 1 at 16 digits.
    std::string order = gen.Value({"o", Kind::kOrderId}, 0);
    EXPECT_EQ(order.size(), 16u);
    EXPECT_TRUE(LuhnValid(order)) << order;
    EXPECT_TRUE(order[0] == '9' || order[0] == '1') << order;
    for (int style = 1; style <= 2; ++style) {
      std::string part = DigitsOf(gen.Value({"p", Kind::kPartNo, style}, 0));
      EXPECT_EQ(part.size(), 10u);
      EXPECT_FALSE(NanpValid(part)) << part;
    }
    std::string invoice = gen.Value({"n", Kind::kInvoiceNo}, 0);
    EXPECT_EQ(invoice.size(), 9u);
    std::string version = gen.Value({"v", Kind::kVersion}, 0);
    int dots = static_cast<int>(std::count(version.begin(), version.end(), '.'));
    if (dots == 3) {  // 4 parts only with a build number no IPv4 octet can hold
      EXPECT_GT(std::stoi(version.substr(version.find('.', version.find('.') + 1) + 1)), 255)
          << version;
    }
  }
}

TEST(EvalSet, IsDeterministicAndCoversEveryDetector) {
  EvalSetOptions options;
  options.seed = Seed();
  std::vector<EvalTable> a = MakeEvalSet(options), b = MakeEvalSet(options);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].text, b[i].text) << a[i].name;

  int csv = 0, jsonl = 0;
  std::map<std::string, std::set<std::string>> tables_of;
  for (const EvalTable& t : a) {
    (t.format == tabular::Format::kCsv ? csv : jsonl)++;
    EXPECT_GE(t.rows, options.min_rows);
    EXPECT_LE(t.rows, options.max_rows);
    for (const ColumnTruth& c : t.columns) {
      if (!c.detector.empty()) tables_of[c.detector].insert(t.name);
    }
  }
  EXPECT_GE(csv, 20);
  EXPECT_GE(jsonl, 3);
  for (std::string_view d : kDetectors) {
    EXPECT_GE(tables_of[std::string(d)].size(), 3u) << d;
  }
}

// --- The scanner on the set ---------------------------------------------------------------------

struct Scanned {
  const EvalTable* table;
  scan::ScanReport report;
};

class ScannerEval : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    EvalSetOptions options;
    options.seed = Seed();
    tables_ = new std::vector<EvalTable>(MakeEvalSet(options));
    scanned_ = new std::vector<Scanned>();
    auto scanner = scan::Scanner::Make();
    if (!scanner.ok()) {
      error_ = new std::string("Scanner::Make: " + scanner.status().ToString());
      return;
    }
    for (const EvalTable& t : *tables_) {
      tabular::StringByteSource source(t.text);
      auto report = (*scanner)->Scan(source, t.format);
      if (!report.ok()) {
        error_ = new std::string(t.name + ": " + report.status().ToString());
        return;
      }
      scanned_->push_back({&t, std::move(report).value()});
    }
    std::cout << "scan_eval: seed " << options.seed << ", " << tables_->size() << " tables\n";
  }
  static void TearDownTestSuite() {
    delete scanned_;
    delete tables_;
    delete error_;
    scanned_ = nullptr, tables_ = nullptr, error_ = nullptr;
  }
  void SetUp() override {
    if (error_ != nullptr) GTEST_FAIL() << *error_;
  }

  static const scan::ColumnReport* Find(const scan::ScanReport& r, const std::string& name) {
    for (const scan::ColumnReport& c : r.columns) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }

  static std::vector<EvalTable>* tables_;
  static std::vector<Scanned>* scanned_;
  static std::string* error_;
};
std::vector<EvalTable>* ScannerEval::tables_ = nullptr;
std::vector<Scanned>* ScannerEval::scanned_ = nullptr;
std::string* ScannerEval::error_ = nullptr;

TEST_F(ScannerEval, PrecisionAndRecallPerDetector) {
  struct Counts {
    int columns = 0, tp = 0, fp = 0, fn = 0;
    std::uint64_t values = 0, validated = 0;  // over the true positives
  };
  std::map<std::string, Counts> counts;
  for (std::string_view d : kDetectors) counts[std::string(d)];
  int decoys = 0, decoys_fired = 0;
  std::ostringstream errors;

  for (const Scanned& s : *scanned_) {
    for (const ColumnTruth& truth : s.table->columns) {
      const scan::ColumnReport* col = Find(s.report, truth.name);
      std::string got = col != nullptr ? col->detector : "";
      if (!truth.detector.empty()) counts[truth.detector].columns++;
      if (truth.detector.empty()) {
        decoys++;
        if (!got.empty()) decoys_fired++;
      }
      if (got == truth.detector) {
        if (!got.empty()) {
          counts[got].tp++;
          counts[got].values += col->values;
          counts[got].validated += col->validated;
        }
        continue;
      }
      if (!got.empty()) counts[got].fp++;
      if (!truth.detector.empty()) counts[truth.detector].fn++;
      errors << "  " << s.table->name << "." << truth.name << ": expected "
             << (truth.detector.empty() ? "(none)" : truth.detector) << ", got "
             << (col == nullptr ? "(column missing)"
                 : got.empty()  ? "(none)"
                                : got);
      if (col != nullptr) {
        errors << " (confidence " << col->confidence << ", candidates " << col->candidates
               << ", validated " << col->validated << " of " << col->values << " values)";
      }
      errors << "\n";
    }
  }

  char line[160];
  std::ostringstream table;
  table << "scan_eval: precision and recall per detector (columns; goal >= " << kGoal << ")\n";
  // "validated": the share of the true positives' non-null values that their validator
  // accepted, i.e. how far above the verdict's threshold those columns were.
  std::snprintf(line, sizeof line, "  %-16s %7s %4s %4s %4s %9s %7s %9s\n", "detector", "columns",
                "TP", "FP", "FN", "precision", "recall", "validated");
  table << line;
  int all_tp = 0, all_fp = 0, all_fn = 0;
  std::map<std::string, std::pair<double, double>> figures;
  for (std::string_view name : kDetectors) {
    const Counts& c = counts[std::string(name)];
    all_tp += c.tp, all_fp += c.fp, all_fn += c.fn;
    // No verdicts at all is vacuously precise; recall then shows the miss.
    double precision = c.tp + c.fp == 0 ? 1.0 : double(c.tp) / (c.tp + c.fp);
    double recall = c.tp + c.fn == 0 ? 1.0 : double(c.tp) / (c.tp + c.fn);
    figures[std::string(name)] = {precision, recall};
    std::snprintf(line, sizeof line, "  %-16s %7d %4d %4d %4d %9.3f %7.3f %9.3f\n",
                  std::string(name).c_str(), c.columns, c.tp, c.fp, c.fn, precision, recall,
                  c.values == 0 ? 0.0 : double(c.validated) / double(c.values));
    table << line;
  }
  std::snprintf(line, sizeof line, "  %-16s %7s %4d %4d %4d %9.3f %7.3f\n", "all", "", all_tp,
                all_fp, all_fn, all_tp + all_fp == 0 ? 1.0 : double(all_tp) / (all_tp + all_fp),
                all_tp + all_fn == 0 ? 1.0 : double(all_tp) / (all_tp + all_fn));
  table << line;
  table << "  decoy and plain columns: " << decoys << ", of which a detector fired on "
        << decoys_fired << "\n";
  std::string wrong = errors.str();
  table << (wrong.empty() ? "  no misclassified column\n" : "  misclassified columns:\n" + wrong);
  std::cout << table.str() << std::flush;

  for (const auto& [name, pr] : figures) {
    EXPECT_GE(pr.first, kGoal) << "precision of " << name;
    EXPECT_GE(pr.second, kGoal) << "recall of " << name;
  }
}

// Classification is the union of the columns' tags, so a table holding a card, health data or a
// secret must say so whatever else it holds, and a table of decoys alone must be unclassified.
TEST_F(ScannerEval, ClassificationFollowsTheSensitiveColumns) {
  static const std::map<std::string, std::string> kTagOf = {
      {"card", "PCI"},           {"mrn", "PHI"},
      {"icd10", "PHI"},          {"health_term", "PHI"},
      {"aws_key", "credential"}, {"private_key", "credential"},
      {"jwt", "credential"}};
  for (const Scanned& s : *scanned_) {
    bool any_sensitive = false;
    for (const ColumnTruth& c : s.table->columns) {
      if (c.detector.empty()) continue;
      any_sensitive = true;
      auto it = kTagOf.find(c.detector);
      if (it != kTagOf.end()) {
        EXPECT_TRUE(Contains(s.report.classification, it->second))
            << s.table->name << " has a " << c.detector << " column (" << c.name << ") but is not "
            << it->second;
      }
    }
    if (!any_sensitive) {
      EXPECT_TRUE(s.report.classification.empty())
          << s.table->name << " holds only decoys but is classified "
          << ::testing::PrintToString(s.report.classification);
    }
  }
}

// scanner.h: tags hold "detector:NAME" for the detector that fired, and the rows are all read.
TEST_F(ScannerEval, ReportsAreConsistent) {
  for (const Scanned& s : *scanned_) {
    EXPECT_EQ(s.report.rows, s.table->rows) << s.table->name;
    EXPECT_EQ(s.report.bytes, s.table->text.size()) << s.table->name;
    for (const scan::ColumnReport& c : s.report.columns) {
      if (c.detector.empty()) {
        for (const std::string& tag : c.tags) {
          EXPECT_FALSE(tag.starts_with("detector:"))
              << s.table->name << "." << c.name << ": " << tag;
        }
      } else {
        EXPECT_TRUE(Contains(c.tags, "detector:" + c.detector)) << s.table->name << "." << c.name;
      }
    }
  }
}

// Verdicts must not depend on how the bytes arrive (the first pass streams across reads).
TEST_F(ScannerEval, VerdictsDoNotDependOnChunking) {
  auto scanner = scan::Scanner::Make();
  ASSERT_TRUE(scanner.ok()) << scanner.status().ToString();
  for (std::size_t i = 0; i < scanned_->size(); i += 7) {
    const Scanned& s = (*scanned_)[i];
    tabular::StringByteSource source(s.table->text, 61);
    auto report = (*scanner)->Scan(source, s.table->format);
    ASSERT_TRUE(report.ok()) << s.table->name << ": " << report.status().ToString();
    ASSERT_EQ(report->columns.size(), s.report.columns.size()) << s.table->name;
    for (std::size_t c = 0; c < report->columns.size(); ++c) {
      EXPECT_EQ(report->columns[c].detector, s.report.columns[c].detector)
          << s.table->name << "." << report->columns[c].name;
      EXPECT_EQ(report->columns[c].validated, s.report.columns[c].validated)
          << s.table->name << "." << report->columns[c].name;
    }
  }
}

}  // namespace
}  // namespace sluice::scan_eval
