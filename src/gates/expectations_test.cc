#include "gates/expectations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/test_temp_dir.h"
#include "gates/regex_matcher.h"

namespace sluice::gates {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ColumnExpectation Column(std::string name) {
  ColumnExpectation c;
  c.column = std::move(name);
  return c;
}

GateResult RunCsv(const ExpectationSuite& suite, std::string text,
                  const ExpectationOptions& options = {}) {
  // One byte per read: the checks must not depend on how the data arrives.
  tabular::StringByteSource source(std::move(text), 1);
  return CheckExpectations(suite, "data.csv", source, tabular::Format::kCsv, options);
}

GateResult RunJsonl(const ExpectationSuite& suite, std::string text) {
  tabular::StringByteSource source(std::move(text));
  return CheckExpectations(suite, "data.jsonl", source, tabular::Format::kJsonl);
}

std::string AllMessages(const GateResult& r) {
  std::string out;
  for (const std::string& m : r.messages) out += m + "\n";
  return out;
}

ExpectationSuite CustomersSuite() {
  ExpectationSuite suite;
  suite.asset = "customers";
  suite.min_rows = 1;
  ColumnExpectation email = Column("email");
  email.not_null = true;
  email.unique = true;
  email.regex = R"(^[^@]+@[^@.]+\..+$)";
  ColumnExpectation age = Column("age");
  age.range = NumericRange{0, 130};
  ColumnExpectation status = Column("status");
  status.allowed = std::vector<std::string>{"active", "closed"};
  status.max_null_fraction = 0.5;
  suite.columns = {email, age, status};
  return suite;
}

TEST(ExpectationsTest, CleanCsvPasses) {
  const GateResult r = RunCsv(CustomersSuite(),
                              "email,age,status\n"
                              "ann@example.com,34,active\n"
                              "bob@example.org,,closed\n"
                              "cy@example.net,130,\n");
  EXPECT_TRUE(r.passed) << AllMessages(r);
  EXPECT_EQ(r.gate, "expectations");
  EXPECT_EQ(r.subject, "customers/data.csv");
  EXPECT_EQ(r.measured["rows"], 3);
  EXPECT_EQ(r.measured["format"], "csv");
  EXPECT_EQ(r.measured["columns"]["age"]["nulls"], 1);
  EXPECT_EQ(r.measured["columns"]["email"]["violations"]["unique"], 0);
  EXPECT_DOUBLE_EQ(r.measured["columns"]["status"]["null_fraction"].get<double>(), 1.0 / 3);
  EXPECT_THAT(AllMessages(r), HasSubstr("all expectations met"));
}

TEST(ExpectationsTest, ReportsEachViolationWithFirstLine) {
  const GateResult r = RunCsv(CustomersSuite(),
                              "email,age,status\n"
                              "ann@example.com,34,active\n"   // line 2
                              "ann@example.com,-4,pending\n"  // line 3: dup, range, allowed
                              ",old,\n"                       // line 4: null email, not number
                              "not-an-email,200,\n"           // line 5: regex, range
                              "dan@example.com,5,\n");        // line 6
  EXPECT_FALSE(r.passed);
  const std::string m = AllMessages(r);
  EXPECT_THAT(m, HasSubstr("column \"email\": 1 of 5 values are null (first at line 4)"));
  EXPECT_THAT(m, HasSubstr("column \"email\": 1 of 4 values repeat an earlier value (first at "
                           "line 3: \"ann@example.com\")"));
  EXPECT_THAT(m, HasSubstr("column \"email\": 1 of 4 values do not match"));
  EXPECT_THAT(m, HasSubstr("(first at line 5: \"not-an-email\")"));
  EXPECT_THAT(m, HasSubstr("column \"age\": 3 of 5 values outside [0, 130] (1 of them not "
                           "numbers) (first at line 3: \"-4\")"));
  EXPECT_THAT(m, HasSubstr("column \"status\": 1 of 2 values are not allowed (first at line 3: "
                           "\"pending\")"));
  EXPECT_THAT(m, HasSubstr("column \"status\": null fraction 0.6 (3 of 5 rows) is above the "
                           "maximum 0.5"));
  const nlohmann::json& columns = r.measured["columns"];
  EXPECT_EQ(columns["email"]["violations"]["not_null"], 1);
  EXPECT_EQ(columns["email"]["violations"]["unique"], 1);
  EXPECT_EQ(columns["email"]["violations"]["regex"], 1);
  EXPECT_EQ(columns["age"]["violations"]["range"], 3);
  EXPECT_EQ(columns["age"]["not_numbers"], 1);
  EXPECT_EQ(columns["status"]["violations"]["allowed"], 1);
  EXPECT_EQ(columns["status"]["violations"]["max_null_fraction"], 1);
}

TEST(ExpectationsTest, RowCountBounds) {
  ExpectationSuite suite;
  suite.asset = "t";
  suite.min_rows = 2;
  EXPECT_THAT(AllMessages(RunCsv(suite, "a\n1\n")), HasSubstr("1 rows, fewer than the minimum 2"));
  suite.min_rows.reset();
  suite.max_rows = 1;
  const GateResult r = RunCsv(suite, "a\n1\n2\n");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("2 rows, more than the maximum 1"));
  EXPECT_TRUE(RunCsv(suite, "a\n1\n").passed);
}

TEST(ExpectationsTest, AbsentColumnFails) {
  ExpectationSuite suite;
  suite.asset = "t";
  suite.columns = {Column("missing")};
  const GateResult r = RunCsv(suite, "a,b\n1,2\n");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("column \"missing\" is not in the file"));
  EXPECT_EQ(r.measured["columns"]["missing"]["present"], false);
  // An empty file has no columns at all.
  EXPECT_FALSE(RunCsv(suite, "").passed);
}

TEST(ExpectationsTest, MalformedCsvFailsWithLineNumber) {
  ExpectationSuite suite;
  suite.asset = "t";
  suite.columns = {Column("a")};
  const GateResult r = RunCsv(suite, "a,b\n1,2\n3\n");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("data.csv: line 3: expected 2 fields, found 1"));
  EXPECT_EQ(r.measured["rows"], 1);
}

TEST(ExpectationsTest, TsvUsesTabs) {
  ExpectationSuite suite;
  suite.asset = "t";
  ColumnExpectation b = Column("b");
  b.range = NumericRange{0, 10};
  suite.columns = {b};
  tabular::StringByteSource source("a\tb\nx,y\t5\n");
  const GateResult r = CheckExpectations(suite, "d.tsv", source, tabular::Format::kTsv);
  EXPECT_TRUE(r.passed) << AllMessages(r);
}

TEST(ExpectationsTest, JsonlUsesDottedPathsAndJsonKinds) {
  ExpectationSuite suite;
  suite.asset = "events";
  ColumnExpectation id = Column("user.id");
  id.not_null = true;
  id.unique = true;
  ColumnExpectation score = Column("score");
  score.range = NumericRange{0, 1};
  ColumnExpectation kind = Column("kind");
  kind.allowed = std::vector<std::string>{"click", "true"};
  suite.columns = {id, score, kind};
  const GateResult r = RunJsonl(suite,
                                "{\"user\":{\"id\":1},\"score\":0.5,\"kind\":\"click\"}\n"
                                "{\"user\":{\"id\":2},\"score\":\"0.5\",\"kind\":true}\n"
                                "{\"score\":null}\n"
                                "{\"user\":{\"id\":1},\"kind\":\"view\"}\n");
  EXPECT_FALSE(r.passed);
  const std::string m = AllMessages(r);
  // Line 3 has no user.id: a missing field is null.
  EXPECT_THAT(m, HasSubstr("column \"user.id\": 1 of 4 values are null (first at line 3)"));
  EXPECT_THAT(m, HasSubstr("column \"user.id\": 1 of 3 values repeat an earlier value (first at "
                           "line 4: \"1\")"));
  // The JSON string "0.5" is not a number.
  EXPECT_THAT(m, HasSubstr("column \"score\": 1 of 2 values outside [0, 1] (1 of them not numbers) "
                           "(first at line 2: \"0.5\")"));
  EXPECT_THAT(m, HasSubstr("column \"kind\": 1 of 3 values are not allowed (first at line 4: "
                           "\"view\")"));
  EXPECT_EQ(r.measured["format"], "jsonl");
  EXPECT_EQ(r.measured["columns"]["score"]["nulls"], 2);
}

TEST(ExpectationsTest, JsonlColumnNeverSeenIsAbsentAndBadLineFails) {
  ExpectationSuite suite;
  suite.asset = "events";
  suite.columns = {Column("nope")};
  GateResult r = RunJsonl(suite, "{\"a\":1}\n");
  EXPECT_THAT(AllMessages(r), HasSubstr("column \"nope\" is not in the file"));
  suite.columns = {Column("a")};
  r = RunJsonl(suite, "{\"a\":1}\n[1,2]\n");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("data.jsonl: line 2:"));
}

TEST(ExpectationsTest, UniqueCheckGivesUpPastItsBound) {
  ExpectationSuite suite;
  suite.asset = "t";
  ColumnExpectation id = Column("id");
  id.unique = true;
  suite.columns = {id};
  std::string text = "id\n";
  for (int i = 0; i < 100; ++i) text += std::to_string(i) + "\n";
  ExpectationOptions options;
  options.max_unique_values = 50;
  GateResult r = RunCsv(suite, text, options);
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("too many values to check uniqueness"));
  EXPECT_EQ(r.measured["columns"]["id"]["unique_checked"], false);

  options = {};
  options.max_unique_bytes = 10 * 70;  // about ten values' worth
  r = RunCsv(suite, text, options);
  EXPECT_THAT(AllMessages(r), HasSubstr("too many values to check uniqueness"));

  EXPECT_TRUE(RunCsv(suite, text).passed);
}

TEST(ExpectationsTest, OverlongValuesFailTheRegex) {
  ExpectationSuite suite;
  suite.asset = "t";
  ColumnExpectation a = Column("a");
  a.regex = "x*";
  suite.columns = {a};
  const GateResult r =
      RunCsv(suite, "a\nxx\n" + std::string(RegexMatcher::kMaxValueBytes + 1, 'x') + "\n");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("(1 longer than 4096 bytes, not matched)"));
  EXPECT_EQ(r.measured["columns"]["a"]["too_long_to_match"], 1);
}

TEST(ExpectationsTest, BadRegexInCodeBuiltSuiteFails) {
  ExpectationSuite suite;
  suite.asset = "t";
  ColumnExpectation a = Column("a");
  a.regex = "(";
  suite.columns = {a};
  const GateResult r = RunCsv(suite, "a\n1\n");
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(AllMessages(r), HasSubstr("regex"));
}

void WriteFile(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

TEST(ExpectationsTest, AssetDirectoryChecksEveryTabularFile) {
  TestTempDir dir;
  WriteFile(dir.File("b.csv"), "id\n1\n");
  WriteFile(dir.File("parts/a.jsonl"), "{\"id\":null}\n");
  WriteFile(dir.File("model.bin"), "\x01\x02");
  WriteFile(dir.File("notes.txt"), "hello");
  std::filesystem::create_symlink("/etc/hostname", dir.File("linked.csv"));
  ExpectationSuite suite;
  suite.asset = "features";
  ColumnExpectation id = Column("id");
  id.not_null = true;
  suite.columns = {id};
  const std::vector<GateResult> results = CheckAssetExpectations(suite, dir.path());
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].subject, "features/b.csv");
  EXPECT_TRUE(results[0].passed) << AllMessages(results[0]);
  EXPECT_EQ(results[1].subject, "features/parts/a.jsonl");
  EXPECT_FALSE(results[1].passed);
}

TEST(ExpectationsTest, AssetDirectoryProblemsAreFailedResults) {
  TestTempDir dir;
  ExpectationSuite suite;
  suite.asset = "features";
  std::vector<GateResult> results = CheckAssetExpectations(suite, dir.path());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_FALSE(results[0].passed);
  EXPECT_THAT(AllMessages(results[0]), HasSubstr("no tabular file"));

  results = CheckAssetExpectations(suite, dir.File("nope"));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_FALSE(results[0].passed);

  suite.file = "missing.csv";
  results = CheckAssetExpectations(suite, dir.path());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_THAT(AllMessages(results[0]), HasSubstr("no file \"missing.csv\" in the asset"));

  suite.file = "../escape.csv";
  results = CheckAssetExpectations(suite, dir.path());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_THAT(AllMessages(results[0]), HasSubstr("not a tabular file path inside the asset"));

  WriteFile(dir.File("named.csv"), "x\n1\n");
  WriteFile(dir.File("other.csv"), "broken\n\"\n");
  suite.file = "named.csv";
  results = CheckAssetExpectations(suite, dir.path());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].passed) << AllMessages(results[0]);
}

TEST(ExpectationsTest, MissingSuiteDependsOnMode) {
  GateResult r = MissingSuiteResult("customers", platform::ExpectationsMode::kRequired);
  EXPECT_FALSE(r.passed);
  EXPECT_FALSE(r.skipped);
  EXPECT_EQ(r.subject, "customers");
  r = MissingSuiteResult("customers", platform::ExpectationsMode::kOptional);
  EXPECT_TRUE(r.skipped);
  EXPECT_TRUE(AllPassed({r}));
  r = MissingSuiteResult("customers", platform::ExpectationsMode::kOff);
  EXPECT_TRUE(r.skipped);
  EXPECT_THAT(r.messages, ElementsAre(HasSubstr("off")));
}

}  // namespace
}  // namespace sluice::gates
