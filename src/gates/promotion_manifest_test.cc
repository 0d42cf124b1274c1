#include "gates/promotion_manifest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace sluice::gates {
namespace {

using ::testing::HasSubstr;

constexpr char kExample[] = R"(apiVersion: sluice/v1
expectations:            # per asset name in the bundle
  customers:
    file: customers.csv
    row_count: {min: 1, max: 1000000}
    columns:
      email: {not_null: true, unique: true, regex: '^[^@]+@[^@.]+\..+$', max_null_fraction: 0.0}
      age: {range: {min: 0, max: 130}}
      status: {allowed: [active, closed]}
  events:
    columns:
      user.id: {not_null: true}
metrics:
  auc: {min: 0.7, max_regression: 0.02, higher_is_better: true}
  latency_ms: {max: 200, higher_is_better: false}
breaking: [customers]
)";

// The error message of parsing `text`, or "" if it parsed.
std::string ErrorOf(const std::string& text) {
  Result<PromotionManifest> m = ParsePromotionManifest(text);
  if (m.ok()) return "";
  EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
  return m.status().message();
}

TEST(PromotionManifestTest, ParsesTheDocumentedExample) {
  Result<PromotionManifest> m = ParsePromotionManifest(kExample);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->expectations.size(), 2u);
  const ExpectationSuite* customers = m->FindSuite("customers");
  ASSERT_NE(customers, nullptr);
  EXPECT_EQ(customers->file, "customers.csv");
  EXPECT_EQ(customers->min_rows, 1u);
  EXPECT_EQ(customers->max_rows, 1000000u);
  EXPECT_EQ(customers->pos.line, 3);
  ASSERT_EQ(customers->columns.size(), 3u);
  const ColumnExpectation& email = customers->columns[0];
  EXPECT_EQ(email.column, "email");
  EXPECT_TRUE(email.not_null);
  EXPECT_TRUE(email.unique);
  EXPECT_EQ(email.regex, R"(^[^@]+@[^@.]+\..+$)");
  EXPECT_EQ(email.max_null_fraction, 0.0);
  EXPECT_EQ(email.pos.line, 7);
  EXPECT_EQ(email.pos.column, 7);
  const ColumnExpectation& age = customers->columns[1];
  ASSERT_TRUE(age.range.has_value());
  EXPECT_EQ(age.range->min, 0.0);
  EXPECT_EQ(age.range->max, 130.0);
  EXPECT_FALSE(age.not_null);
  const ColumnExpectation& status = customers->columns[2];
  ASSERT_TRUE(status.allowed.has_value());
  EXPECT_EQ(*status.allowed, (std::vector<std::string>{"active", "closed"}));

  const ExpectationSuite* events = m->FindSuite("events");
  ASSERT_NE(events, nullptr);
  EXPECT_FALSE(events->file.has_value());
  EXPECT_EQ(events->columns.at(0).column, "user.id");
  EXPECT_EQ(m->FindSuite("nope"), nullptr);

  ASSERT_EQ(m->metrics.size(), 2u);
  EXPECT_EQ(m->metrics[0].metric, "auc");
  EXPECT_EQ(m->metrics[0].min, 0.7);
  EXPECT_EQ(m->metrics[0].max_regression, 0.02);
  EXPECT_TRUE(m->metrics[0].higher_is_better);
  EXPECT_EQ(m->metrics[1].metric, "latency_ms");
  EXPECT_EQ(m->metrics[1].max, 200.0);
  EXPECT_FALSE(m->metrics[1].higher_is_better);
  EXPECT_EQ(m->breaking, (std::set<std::string>{"customers"}));
}

TEST(PromotionManifestTest, MinimalFileIsEmptyManifest) {
  Result<PromotionManifest> m = ParsePromotionManifest("apiVersion: sluice/v1\n");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_TRUE(m->expectations.empty());
  EXPECT_TRUE(m->metrics.empty());
  EXPECT_TRUE(m->breaking.empty());
}

TEST(PromotionManifestTest, ErrorsNameLineColumnAndKeyPath) {
  EXPECT_THAT(ErrorOf("apiVersion: sluice/v1\n"
                      "expectations:\n"
                      "  customers:\n"
                      "    columns:\n"
                      "      email: {not_nul: true}\n"),
              HasSubstr("promotion.yaml:5:15: expectations.customers.columns.email: unknown key "
                        "\"not_nul\""));
  EXPECT_THAT(ErrorOf("apiVersion: sluice/v1\n"
                      "expectations:\n"
                      "  customers:\n"
                      "    columns:\n"
                      "      email: {regex: '(unclosed'}\n"),
              HasSubstr("promotion.yaml:5:22: expectations.customers.columns.email.regex: not a "
                        "valid ECMAScript regular expression"));
  EXPECT_THAT(ErrorOf("apiVersion: sluice/v1\n"
                      "expectations:\n"
                      "  t:\n"
                      "    columns:\n"
                      "      age: {range: {min: 10, max: 1}}\n"),
              HasSubstr("5:20: expectations.t.columns.age.range: min 10 is above max 1"));
}

TEST(PromotionManifestTest, RejectsWrongTypesAndBounds) {
  const std::string head = "apiVersion: sluice/v1\nexpectations:\n  t:\n";
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {not_null: yes}\n"),
              HasSubstr("not_null: must be true or false"));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {max_null_fraction: 1.5}\n"),
              HasSubstr("max_null_fraction: must be between 0 and 1"));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {max_null_fraction: -0.1}\n"),
              HasSubstr("must be between 0 and 1"));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {range: {min: abc}}\n"),
              HasSubstr("range.min: must be a number"));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {range: {min: .nan}}\n"),
              HasSubstr("must be a number"));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {range: {}}\n"),
              HasSubstr("give min, max or both"));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {allowed: []}\n"),
              HasSubstr("must list between 1 and"));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {allowed: [x, [y]]}\n"),
              HasSubstr("each allowed value must be a string or number"));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {allowed: x}\n"),
              HasSubstr("must be a list of values"));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: 3\n"), HasSubstr("must be a map"));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {regex: '(a)\\1'}\n"),
              HasSubstr("back-reference"));
  EXPECT_THAT(ErrorOf(head + "    row_count: {min: 5, max: 2}\n"),
              HasSubstr("row_count: min 5 is above max 2"));
  EXPECT_THAT(ErrorOf(head + "    row_count: {min: -1}\n"),
              HasSubstr("row_count.min: must be a whole number"));
  EXPECT_THAT(ErrorOf(head + "    row_count: {min: 1.5}\n"), HasSubstr("must be a whole number"));
  EXPECT_THAT(ErrorOf(head + "    file: ../secret.csv\n"), HasSubstr("relative path inside"));
  EXPECT_THAT(ErrorOf(head + "    file: /etc/passwd.csv\n"), HasSubstr("relative path inside"));
  EXPECT_THAT(ErrorOf(head + "    file: model.bin\n"), HasSubstr(".csv, .tsv, .jsonl or .ndjson"));
  EXPECT_THAT(ErrorOf(head + "    colums: {}\n"), HasSubstr("unknown key \"colums\""));
  EXPECT_THAT(ErrorOf(head + "    columns:\n      a: {}\n      a: {}\n"),
              HasSubstr("expectations.t.columns.a: duplicate key"));
}

TEST(PromotionManifestTest, RejectsBadMetricsAndBreaking) {
  const std::string head = "apiVersion: sluice/v1\n";
  EXPECT_THAT(ErrorOf(head + "metrics:\n  auc: {min: 0.9, max: 0.1}\n"),
              HasSubstr("metrics.auc: min 0.9 is above max 0.1"));
  EXPECT_THAT(ErrorOf(head + "metrics:\n  auc: {max_regression: -1}\n"),
              HasSubstr("metrics.auc.max_regression: must be at least 0"));
  EXPECT_THAT(ErrorOf(head + "metrics:\n  auc: {higher_is_better: true}\n"),
              HasSubstr("give at least one of min, max, max_regression"));
  EXPECT_THAT(ErrorOf(head + "metrics:\n  auc: {minimum: 1}\n"), HasSubstr("unknown key"));
  EXPECT_THAT(ErrorOf(head + "breaking: customers\n"), HasSubstr("must be a list of asset names"));
  EXPECT_THAT(ErrorOf(head + "breaking: [a, a]\n"), HasSubstr("asset \"a\" is listed twice"));
  EXPECT_THAT(ErrorOf(head + "breaking: [{a: 1}]\n"),
              HasSubstr("each entry must be an asset name"));
}

TEST(PromotionManifestTest, RejectsBadDocuments) {
  EXPECT_THAT(ErrorOf(""), HasSubstr("the top level must be a map"));
  EXPECT_THAT(ErrorOf("# only a comment\n"), HasSubstr("the top level must be a map"));
  EXPECT_THAT(ErrorOf("[1, 2]\n"), HasSubstr("not a list"));
  EXPECT_THAT(ErrorOf("expectations: {}\n"), HasSubstr("missing apiVersion"));
  EXPECT_THAT(ErrorOf("apiVersion: sluice/v2\n"), HasSubstr("must be sluice/v1"));
  EXPECT_THAT(ErrorOf("apiVersion: sluice/v1\nextra: 1\n"),
              HasSubstr("promotion.yaml:2:1: unknown key \"extra\""));
  EXPECT_THAT(ErrorOf("apiVersion: sluice/v1\n---\napiVersion: sluice/v1\n"),
              HasSubstr("one YAML document"));
  EXPECT_THAT(ErrorOf("apiVersion: [unclosed\n"), HasSubstr("promotion.yaml:"));
  EXPECT_THAT(ErrorOf("apiVersion: sluice/v1\nx: \xff\n"), HasSubstr("not valid UTF-8"));
  EXPECT_THAT(ErrorOf(std::string("apiVersion: sluice/v1\0\n", 23)),
              HasSubstr("control character"));
  EXPECT_THAT(ErrorOf(std::string(kMaxManifestBytes + 1, '#')), HasSubstr("larger than"));
}

TEST(PromotionManifestTest, ReportsSeveralErrorsAtOnce) {
  const std::string error = ErrorOf(
      "apiVersion: sluice/v1\n"
      "metrics:\n"
      "  a: {min: x}\n"
      "  b: {max: y}\n");
  EXPECT_THAT(error, HasSubstr("metrics.a.min"));
  EXPECT_THAT(error, HasSubstr("metrics.b.max"));
  EXPECT_NE(error.find('\n'), std::string::npos);
}

TEST(PromotionManifestTest, CapsSizes) {
  std::string many = "apiVersion: sluice/v1\nexpectations:\n  t:\n    columns:\n";
  for (size_t i = 0; i <= kMaxColumnsPerSuite; ++i)
    many += "      c" + std::to_string(i) + ": {}\n";
  EXPECT_THAT(ErrorOf(many), HasSubstr("at most 1000 columns"));

  std::string values =
      "apiVersion: sluice/v1\nexpectations:\n  t:\n    columns:\n      a:\n"
      "        allowed: [";
  for (size_t i = 0; i <= kMaxAllowedValues; ++i) values += (i ? ",v" : "v") + std::to_string(i);
  values += "]\n";
  EXPECT_THAT(ErrorOf(values), HasSubstr("must list between 1 and 10000 values"));
}

TEST(PromotionManifestTest, AliasExpansionIsBounded) {
  // 1000 suites all aliasing one map of 1000 columns: a 40 KB file that expands to a million
  // column expectations.
  std::string text = "apiVersion: sluice/v1\nexpectations:\n  a0: {columns: &c {";
  for (int i = 0; i < 1000; ++i) text += (i ? ", k" : "k") + std::to_string(i) + ": {allowed: [x]}";
  text += "}}\n";
  for (int i = 1; i < 1000; ++i) text += "  a" + std::to_string(i) + ": {columns: *c}\n";
  EXPECT_THAT(ErrorOf(text), HasSubstr("too large once its aliases are expanded"));
}

TEST(PromotionManifestTest, SeedCorpusParsesAsNamed) {
  // Files named valid-* parse; invalid-* do not; the fuzzer starts from both.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SLUICE_PROMOTION_MANIFEST_CORPUS)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string name = entry.path().filename().string();
    Result<PromotionManifest> m = ParsePromotionManifest(text.str());
    if (name.rfind("valid-", 0) == 0) {
      EXPECT_TRUE(m.ok()) << name << ": " << m.status().ToString();
      ++files;
    } else if (name.rfind("invalid-", 0) == 0) {
      EXPECT_FALSE(m.ok()) << name;
      ++files;
    }
  }
  EXPECT_GE(files, 4);
}

}  // namespace
}  // namespace sluice::gates
