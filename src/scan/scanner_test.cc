#include "scan/scanner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "scan/test_data.h"

namespace sluice::scan {
namespace {

using tabular::ColumnType;
using tabular::Format;
using tabular::StringByteSource;
using testing::TestData;

const Scanner& TheScanner() {
  static const Scanner* scanner = [] {
    auto made = Scanner::Make();
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return std::move(made).value().release();
  }();
  return *scanner;
}

Result<ScanReport> ScanText(std::string text, Format format = Format::kCsv,
                            const ScanOptions& options = {}, size_t chunk = SIZE_MAX) {
  StringByteSource source(std::move(text), chunk);
  return TheScanner().Scan(source, format, options);
}

const ColumnReport& Column(const ScanReport& report, std::string_view name) {
  for (const ColumnReport& c : report.columns) {
    if (c.name == name) return c;
  }
  ADD_FAILURE() << "no column " << name;
  static const ColumnReport kMissing;
  return kMissing;
}

std::string CsvQuote(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A column of a synthetic table: its name, a value generator, and the detector that should
// fire ("" for none).
struct Spec {
  std::string name;
  std::function<std::string(TestData&)> make;
  std::string expected;
};

std::vector<Spec> RealisticTable() {
  return {
      {"customer_email", [](TestData& t) { return t.Email(); }, "email"},
      {"contact", [](TestData& t) { return t.Email(); }, "email"},
      {"phone", [](TestData& t) { return t.Phone(); }, "phone"},
      {"col_7", [](TestData& t) { return t.Phone(); }, "phone"},
      {"ssn", [](TestData& t) { return t.Ssn(); }, "ssn"},
      {"tax_ssn_bare",
       [](TestData& t) {
         std::string s = t.Ssn();
         return s.substr(0, 3) + s.substr(4, 2) + s.substr(7);
       },
       "ssn"},
      {"card_number", [](TestData& t) { return t.Card(); }, "card"},
      {"pmt", [](TestData& t) { return t.Card(); }, "card"},
      {"iban", [](TestData& t) { return t.Iban(); }, "iban"},
      {"client_ip", [](TestData& t) { return t.Ipv4(); }, "ip"},
      {"addr6", [](TestData& t) { return t.Ipv6(); }, "ip"},
      {"date_of_birth", [](TestData& t) { return t.BirthDate(); }, "dob"},
      {"first_name", [](TestData& t) { return t.FirstName(); }, "person_name"},
      {"customerName", [](TestData& t) { return t.FullName(); }, "person_name"},
      {"passport_no", [](TestData& t) { return t.Passport(); }, "passport"},
      {"drivers_license", [](TestData& t) { return t.DriversLicense(); }, "drivers_license"},
      {"mrn", [](TestData& t) { return t.Mrn(); }, "mrn"},
      {"icd10_code", [](TestData& t) { return t.Icd10(); }, "icd10"},
      {"diagnosis", [](TestData& t) { return t.Condition(); }, "health_term"},
      {"aws_access_key_id", [](TestData& t) { return t.AwsKey(); }, "aws_key"},
      {"key_material", [](TestData& t) { return t.PrivateKey(); }, "private_key"},
      {"session", [](TestData& t) { return t.Jwt(); }, "jwt"},
      // Decoys.
      {"order_id", [](TestData& t) { return TestData::WithLuhnDigit("4" + t.Digits(14)); }, ""},
      {"reference", [](TestData& t) { return t.LuhnOrderNumber(); }, ""},
      {"part_no", [](TestData& t) { return t.PartNumber(); }, ""},
      {"code", [](TestData& t) { return t.PartNumber(); }, ""},
      {"event_date", [](TestData& t) { return t.BirthDate(); }, ""},
      {"expected_birth_date", [](TestData& t) { return t.FutureDate(); }, ""},
      {"product_name", [](TestData& t) { return t.ProductName(); }, ""},
      {"name", [](TestData& t) { return t.ProductName(); }, ""},
      {"sku", [](TestData& t) { return t.Sku(); }, ""},
      {"amount", [](TestData& t) { return t.Amount(); }, ""},
      {"id", [](TestData& t) { return t.Uuid(); }, ""},
      {"quantity", [](TestData& t) { return std::to_string(t.Uniform(1, 500)); }, ""},
      {"epoch", [](TestData& t) { return "17" + t.Digits(8); }, ""},
      {"version", [](TestData& t) { return "1." + std::to_string(t.Uniform(0, 9)) + ".0.3"; }, ""},
      {"seat",
       [](TestData& t) {
         return std::string(1, static_cast<char>('A' + t.Uniform(0, 25))) + t.Digits(2);
       },
       ""},
      {"customer", [](TestData& t) { return t.FullName(); }, "person_name"},
  };
}

std::string MakeCsv(const std::vector<Spec>& specs, int rows, uint64_t seed = 7) {
  TestData t(seed);
  std::string csv;
  for (size_t i = 0; i < specs.size(); ++i) csv += (i ? "," : "") + specs[i].name;
  csv += "\n";
  for (int r = 0; r < rows; ++r) {
    for (size_t i = 0; i < specs.size(); ++i) csv += (i ? "," : "") + CsvQuote(specs[i].make(t));
    csv += "\n";
  }
  return csv;
}

TEST(ScannerTest, DetectsEveryKindAndNoDecoy) {
  std::vector<Spec> specs = RealisticTable();
  auto report = ScanText(MakeCsv(specs, 2000));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->columns.size(), specs.size());
  EXPECT_EQ(report->rows, 2000u);
  for (const Spec& spec : specs) {
    const ColumnReport& c = Column(*report, spec.name);
    EXPECT_EQ(c.detector, spec.expected) << spec.name << ": confidence " << c.confidence
                                         << " validated " << c.validated << "/" << c.values;
    if (!spec.expected.empty()) {
      EXPECT_GE(c.confidence, 0.5) << spec.name;
      EXPECT_LE(c.validated, c.candidates) << spec.name;
    } else {
      EXPECT_TRUE(c.tags.empty()) << spec.name;
    }
  }
  EXPECT_EQ(report->classification, (std::vector<std::string>{"PCI", "PHI", "PII", "credential"}));
  EXPECT_EQ(Column(*report, "card_number").tags,
            (std::vector<std::string>{"PCI", "detector:card"}));
  EXPECT_EQ(Column(*report, "diagnosis").tags,
            (std::vector<std::string>{"PHI", "detector:health_term"}));
}

TEST(ScannerTest, SameReportHoweverTheInputIsChunked) {
  std::vector<Spec> specs = RealisticTable();
  std::string csv = MakeCsv(specs, 300);
  auto whole = ScanText(csv);
  auto pieces = ScanText(csv, Format::kCsv, {}, 7);
  ASSERT_TRUE(whole.ok() && pieces.ok());
  EXPECT_EQ(ToJson(*whole), ToJson(*pieces));
}

TEST(ScannerTest, NameContextDecidesForWeakEvidence) {
  // Ten-digit numbers that are valid NANP numbers about half the time: a phone column only
  // when named like one.
  TestData t(3);
  std::string csv = "mobile,serial_number,value\n";
  for (int i = 0; i < 1000; ++i) {
    std::string n = std::to_string(t.Uniform(2, 9)) + t.Digits(9);
    csv += n + "," + n + "," + n + "\n";
  }
  auto report = ScanText(csv);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(Column(*report, "mobile").detector, "phone");
  EXPECT_EQ(Column(*report, "serial_number").detector, "");
  EXPECT_EQ(Column(*report, "value").detector, "");
}

TEST(ScannerTest, StrongValidatorNeedsNoContextButNegativeContextVetoes) {
  TestData t(5);
  std::string csv = "x,order_number\n";
  for (int i = 0; i < 500; ++i) csv += t.Card() + "," + t.Card() + "\n";
  auto report = ScanText(csv);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(Column(*report, "x").detector, "card");
  EXPECT_DOUBLE_EQ(Column(*report, "x").confidence, 1.0);
  EXPECT_EQ(Column(*report, "order_number").detector, "");
  EXPECT_TRUE(report->classification == std::vector<std::string>{"PCI"});
}

TEST(ScannerTest, ContextOnlyDetectorsNeedTheirContext) {
  TestData t(9);
  std::string csv = "dob,created,born_on,label\n";
  for (int i = 0; i < 300; ++i) {
    csv += t.BirthDate() + "," + t.BirthDate() + "," + t.FutureDate() + "," + t.FullName() + "\n";
  }
  auto report = ScanText(csv);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(Column(*report, "dob").detector, "dob");
  EXPECT_EQ(Column(*report, "created").detector, "");
  EXPECT_EQ(Column(*report, "born_on").detector, "");  // future dates are not birth dates
  EXPECT_EQ(Column(*report, "label").detector, "");
}

TEST(ScannerTest, Icd10CodesWithoutContextNeedTheDottedForm) {
  TestData t(17);
  std::string csv = "code,dx\n";
  for (int i = 0; i < 200; ++i) {
    csv += std::string("E11.") + std::to_string(t.Uniform(0, 9)) + "," +
           std::string(1, static_cast<char>('A' + t.Uniform(0, 25))) + t.Digits(2) + "\n";
  }
  auto report = ScanText(csv);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(Column(*report, "code").detector, "icd10");
  EXPECT_EQ(Column(*report, "code").tags, (std::vector<std::string>{"PHI", "detector:icd10"}));
  EXPECT_EQ(Column(*report, "dx").detector, "icd10");  // named like a diagnosis: "A12" counts
}

TEST(ScannerTest, LargeColumnsAreValidatedOnASample) {
  // Past the first 10,000 values a column's detectors run on a sample: the counts become
  // estimates, the verdict stays, profiling stays exact, and a single secret is still found.
  TestData t(23);
  std::string csv = "value,log\n";
  const int rows = 60000;
  for (int i = 0; i < rows; ++i) {
    csv += (i % 10 == 0 ? std::string("4111111111111112") : t.Card()) + ",";
    csv += (i == 45678 ? "leaked AKIAIOSFODNN7EXAMPLE here" : "ok") + std::string("\n");
  }
  auto report = ScanText(csv);
  ASSERT_TRUE(report.ok());
  const ColumnReport& card = Column(*report, "value");
  EXPECT_EQ(card.detector, "card");
  EXPECT_EQ(card.values, static_cast<uint64_t>(rows));
  EXPECT_NEAR(static_cast<double>(card.candidates), rows, rows * 0.01);
  EXPECT_NEAR(static_cast<double>(card.validated), rows * 0.9, rows * 0.03);
  EXPECT_NEAR(card.confidence, 0.9, 0.03);
  const ColumnReport& log = Column(*report, "log");
  EXPECT_EQ(log.detector, "aws_key");
  EXPECT_EQ(log.validated, 1u);
  EXPECT_EQ(log.top_values[0], (std::pair<std::string, uint64_t>{"**", rows - 1}));
}

TEST(ScannerTest, ProfilesNullsTypesAndExtremes) {
  std::string csv =
      "id,score,when,flag,word,empty\n"
      "3,1.5,2024-01-02,true,pear,\n"
      "-10,,2023-12-31T23:00:00-02:00,false,apple,\n"
      "25,10,,TRUE,,\n"
      "7,-2e3,2024-01-01,,zebra,\n";
  auto report = ScanText(csv);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const ColumnReport& id = Column(*report, "id");
  EXPECT_EQ(id.type, ColumnType::kInteger);
  EXPECT_EQ(id.min, "-10");
  EXPECT_EQ(id.max, "25");
  EXPECT_EQ(id.nulls, 0u);
  EXPECT_EQ(id.distinct_estimate, 4u);
  const ColumnReport& score = Column(*report, "score");
  EXPECT_EQ(score.type, ColumnType::kFloat);
  EXPECT_EQ(score.min, "-2e3");
  EXPECT_EQ(score.max, "10");
  EXPECT_EQ(score.nulls, 1u);
  EXPECT_DOUBLE_EQ(score.null_fraction, 0.25);
  const ColumnReport& when = Column(*report, "when");
  EXPECT_EQ(when.type, ColumnType::kTimestamp);
  // 2023-12-31T23:00-02:00 is 2024-01-01T01:00Z: after the start of 2024-01-01.
  EXPECT_EQ(when.min, "2024-01-01");
  EXPECT_EQ(when.max, "2024-01-02");
  const ColumnReport& flag = Column(*report, "flag");
  EXPECT_EQ(flag.type, ColumnType::kBoolean);
  EXPECT_EQ(flag.min, "false");
  EXPECT_EQ(flag.max, "true");
  const ColumnReport& word = Column(*report, "word");
  EXPECT_EQ(word.min, "apple");
  EXPECT_EQ(word.max, "zebra");
  const ColumnReport& empty = Column(*report, "empty");
  EXPECT_EQ(empty.values, 0u);
  EXPECT_DOUBLE_EQ(empty.null_fraction, 1.0);
  EXPECT_FALSE(empty.min.has_value());
  EXPECT_EQ(empty.type, ColumnType::kString);
}

TEST(ScannerTest, DistinctEstimateWithinThreePercentAndTopValues) {
  std::string csv = "k,color\n";
  for (int i = 0; i < 100000; ++i) {
    csv += "key-" + std::to_string(i) + "," +
           (i % 10 < 6   ? "red"
            : i % 10 < 9 ? "blue"
                         : "green") +
           "\n";
  }
  ScanOptions options;
  options.top_values = 2;
  auto report = ScanText(csv, Format::kCsv, options);
  ASSERT_TRUE(report.ok());
  const ColumnReport& k = Column(*report, "k");
  EXPECT_NEAR(static_cast<double>(k.distinct_estimate), 100000.0, 3000.0);
  const ColumnReport& color = Column(*report, "color");
  EXPECT_EQ(color.distinct_estimate, 3u);
  ASSERT_EQ(color.top_values.size(), 2u);
  EXPECT_EQ(color.top_values[0], (std::pair<std::string, uint64_t>{"red", 60000}));
  EXPECT_EQ(color.top_values[1], (std::pair<std::string, uint64_t>{"blue", 30000}));
}

TEST(ScannerTest, MasksValuesOfSensitiveColumns) {
  std::string csv = "email,card\n";
  for (int i = 0; i < 10; ++i) csv += "jane.doe@example.com,4111111111111111\n";
  csv += "bob@example.org,5555555555554444\n";
  auto report = ScanText(csv);
  ASSERT_TRUE(report.ok());
  const ColumnReport& email = Column(*report, "email");
  ASSERT_FALSE(email.top_values.empty());
  EXPECT_EQ(email.top_values[0].first, "j***@example.com");
  EXPECT_EQ(email.top_values[0].second, 10u);
  EXPECT_EQ(email.min, "b***@example.org");
  const ColumnReport& card = Column(*report, "card");
  EXPECT_EQ(card.top_values[0].first, "************1111");
  EXPECT_EQ(card.max, "************4444");
  std::string json = ToJson(*report).dump();
  EXPECT_EQ(json.find("jane.doe"), std::string::npos);
  EXPECT_EQ(json.find("4111111111111111"), std::string::npos);
}

TEST(ScannerTest, JsonLinesNestedFields) {
  TestData t(11);
  std::string jsonl;
  for (int i = 0; i < 200; ++i) {
    jsonl += R"({"user":{"email":")" + t.Email() + R"(","dob":")" + t.BirthDate() +
             R"("},"amount":)" + std::to_string(i) + (i % 4 == 0 ? R"(,"note":null)" : "") +
             R"(,"tags":["a","b"]})" + "\n";
  }
  auto report = ScanText(jsonl, Format::kJsonl);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->rows, 200u);
  EXPECT_EQ(Column(*report, "user.email").detector, "email");
  EXPECT_EQ(Column(*report, "user.dob").detector, "dob");
  const ColumnReport& amount = Column(*report, "amount");
  EXPECT_EQ(amount.type, ColumnType::kInteger);
  EXPECT_EQ(amount.max, "199");
  EXPECT_EQ(Column(*report, "tags").type, ColumnType::kArray);
  const ColumnReport& note = Column(*report, "note");
  EXPECT_EQ(note.values, 0u);
  EXPECT_EQ(note.nulls, 200u);
}

TEST(ScannerTest, JsonLinesColumnAppearingLateCountsEarlierRowsAsNull) {
  auto report =
      ScanText("{\"a\":1}\n{\"a\":2,\"b\":\"x\"}\n{\"b\":\"y\",\"b\":\"z\"}\n", Format::kJsonl);
  ASSERT_TRUE(report.ok());
  const ColumnReport& b = Column(*report, "b");
  EXPECT_EQ(b.values, 2u);
  EXPECT_EQ(b.nulls, 1u);
  EXPECT_EQ(Column(*report, "a").nulls, 1u);
}

TEST(ScannerTest, MalformedInputNamesTheLine) {
  auto csv = ScanText("a,b\n1,2\n3\n");
  ASSERT_FALSE(csv.ok());
  EXPECT_EQ(csv.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(csv.status().message().find("line 3"), std::string::npos) << csv.status().message();

  auto quote = ScanText("a,b\n1,\"2\n");
  ASSERT_FALSE(quote.ok());
  EXPECT_NE(quote.status().message().find("line 2"), std::string::npos);

  auto jsonl = ScanText("{\"a\":1}\n{\"a\":\n", Format::kJsonl);
  ASSERT_FALSE(jsonl.ok());
  EXPECT_EQ(jsonl.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(jsonl.status().message().find("line 2"), std::string::npos);

  ScanOptions skip;
  skip.skip_bad_rows = true;
  auto skipped = ScanText("a,b\n1,2\n3\n4,5\n", Format::kCsv, skip);
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(skipped->rows, 2u);
  EXPECT_EQ(skipped->bad_rows, 1u);
}

TEST(ScannerTest, RefusesTooManyColumns) {
  std::string header;
  for (int i = 0; i < 100000; ++i) header += (i ? ",c" : "c") + std::to_string(i);
  auto report = ScanText(header + "\n");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kResourceExhausted);

  std::string jsonl = "{";
  for (int i = 0; i < 20; ++i) jsonl += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  ScanOptions options;
  options.max_columns = 10;
  auto wide = ScanText(jsonl + "}\n", Format::kJsonl, options);
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(wide.status().message().find("line 1"), std::string::npos);
}

TEST(ScannerTest, RefusesOverlongRecords) {
  ScanOptions options;
  options.max_record_bytes = 1024;
  std::string csv = "a\nshort\n" + std::string(4096, 'x') + "\n";
  auto report = ScanText(csv, Format::kCsv, options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(report.status().message().find("line 3"), std::string::npos);
  auto jsonl = ScanText("{\"a\":\"" + std::string(4096, 'x') + "\"}\n", Format::kJsonl, options);
  ASSERT_FALSE(jsonl.ok());
  EXPECT_EQ(jsonl.status().code(), StatusCode::kResourceExhausted);
}

TEST(ScannerTest, BinaryAndInvalidUtf8GiveAnErrorOrAValidReport) {
  std::string binary;
  TestData t(13);
  for (int i = 0; i < 100000; ++i) binary.push_back(static_cast<char>(t.Uniform(0, 255)));
  for (Format f : {Format::kCsv, Format::kJsonl}) {
    ScanOptions options;
    options.skip_bad_rows = true;
    auto report = ScanText(binary, f, options);
    if (report.ok()) {
      EXPECT_NO_THROW((void)ToJson(*report).dump());
    }
  }
  auto latin1 = ScanText("nom\xe9,x\n\xff\xfe,caf\xe9\n");
  ASSERT_TRUE(latin1.ok());
  std::string json;
  EXPECT_NO_THROW(json = ToJson(*latin1).dump());
  EXPECT_NE(json.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(ScannerTest, TsvAndEmptyInput) {
  auto tsv = ScanText("email\tn\na@example.com\t1\n", Format::kTsv);
  ASSERT_TRUE(tsv.ok());
  EXPECT_EQ(tsv->columns.size(), 2u);
  EXPECT_EQ(Column(*tsv, "email").detector, "email");
  auto empty = ScanText("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->columns.empty());
  EXPECT_EQ(empty->rows, 0u);
}

TEST(ScannerTest, ToJsonShape) {
  auto report = ScanText("email,n\na@example.com,1\nb@example.com,\n");
  ASSERT_TRUE(report.ok());
  nlohmann::json j = ToJson(*report);
  EXPECT_EQ(j["rows"], 2);
  EXPECT_EQ(j["bad_rows"], 0);
  EXPECT_EQ(j["bytes"], 39);
  EXPECT_EQ(j["classification"], nlohmann::json::array({"PII"}));
  const nlohmann::json& email = j["columns"][0];
  for (const char* key :
       {"name", "type", "tags", "confidence", "detector", "null_fraction", "nulls", "values",
        "distinct_estimate", "min", "max", "top_values", "candidates", "validated"}) {
    EXPECT_TRUE(email.contains(key)) << key;
  }
  EXPECT_EQ(email["name"], "email");
  EXPECT_EQ(email["type"], "string");
  EXPECT_EQ(email["detector"], "email");
  EXPECT_EQ(email["tags"], nlohmann::json::array({"PII", "detector:email"}));
  EXPECT_EQ(email["top_values"][0]["value"], "a***@example.com");
  EXPECT_EQ(email["top_values"][0]["count"], 1);
  const nlohmann::json& n = j["columns"][1];
  EXPECT_EQ(n["type"], "integer");
  EXPECT_EQ(n["nulls"], 1);
  EXPECT_EQ(n["null_fraction"], 0.5);
  EXPECT_EQ(n["detector"], "");
  EXPECT_EQ(n["min"], "1");
}

}  // namespace
}  // namespace sluice::scan
