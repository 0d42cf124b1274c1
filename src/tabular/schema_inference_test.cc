#include "tabular/schema_inference.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::tabular {
namespace {

Column Col(std::string name, ColumnType type, bool nullable, uint64_t null_count) {
  return Column{std::move(name), type, nullable, null_count};
}

Result<TableSchema> Infer(const std::string& text, Format format, InferenceOptions options = {}) {
  StringByteSource source(text);
  return InferFileSchema(source, format, options);
}

TEST(SchemaInferenceTest, InfersCsvTypesNullsAndWidening) {
  Result<TableSchema> schema = Infer(
      "id,price,active,day,at,mixed,empty,note\n"
      "1,10,true,2024-01-01,2024-01-01T10:00:00Z,1,,a\n"
      "2,10.5,FALSE,2024-01-02,2024-01-02,x,,\n"
      "3,,true,,2024-01-03 08:00,2,,\"c\"\n",
      Format::kCsv);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->rows, 3u);
  EXPECT_EQ(schema->bad_rows, 0u);
  EXPECT_EQ(schema->columns, (std::vector<Column>{
                                 Col("id", ColumnType::kInteger, false, 0),
                                 Col("price", ColumnType::kFloat, true, 1),
                                 Col("active", ColumnType::kBoolean, false, 0),
                                 Col("day", ColumnType::kDate, true, 1),
                                 Col("at", ColumnType::kTimestamp, false, 0),
                                 Col("mixed", ColumnType::kString, false, 0),
                                 Col("empty", ColumnType::kString, true, 3),
                                 Col("note", ColumnType::kString, true, 1),
                             }));
}

TEST(SchemaInferenceTest, AHeaderWithoutRowsGivesNullableStrings) {
  Result<TableSchema> schema = Infer("a,b\n", Format::kCsv);
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(schema->rows, 0u);
  EXPECT_EQ(schema->columns, (std::vector<Column>{Col("a", ColumnType::kString, true, 0),
                                                  Col("b", ColumnType::kString, true, 0)}));
  Result<TableSchema> empty = Infer("", Format::kCsv);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->columns.empty());
}

TEST(SchemaInferenceTest, TsvUsesTabsAndBadRowsAreCountedByDefault) {
  Result<TableSchema> schema = Infer("a\tb\n1\t2\n3\n4\t5\n", Format::kTsv);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->rows, 2u);
  EXPECT_EQ(schema->bad_rows, 1u);
  EXPECT_EQ(schema->columns[1], Col("b", ColumnType::kInteger, false, 0));

  InferenceOptions strict;
  strict.skip_bad_rows = false;
  EXPECT_EQ(Infer("a\tb\n1\t2\n3\n", Format::kTsv, strict).status().message(),
            "line 3: expected 2 fields, found 1");
}

TEST(SchemaInferenceTest, InfersJsonlColumnsInOrderOfFirstAppearance) {
  Result<TableSchema> schema = Infer(
      R"({"id":1,"user":{"name":"a","age":30},"tags":["x"],"at":"2024-01-01"})"
      "\n"
      R"({"id":2,"user":{"name":null,"age":30.5},"tags":[],"at":"2024-01-01T00:00:00Z","new":true})"
      "\n"
      R"({"id":3,"user":{"name":"c"},"tags":"none","at":null,"id":4})"
      "\n",
      Format::kJsonl);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->rows, 3u);
  EXPECT_EQ(schema->columns, (std::vector<Column>{
                                 Col("id", ColumnType::kInteger, false, 0),
                                 Col("user.name", ColumnType::kString, true, 1),
                                 Col("user.age", ColumnType::kFloat, true, 1),
                                 Col("tags", ColumnType::kString, false, 0),
                                 Col("at", ColumnType::kTimestamp, true, 1),
                                 Col("new", ColumnType::kBoolean, true, 2),
                             }));
}

TEST(SchemaInferenceTest, ArraysAreTheirOwnTypeAndOnlyNullsGiveANullableString) {
  Result<TableSchema> schema =
      Infer("{\"a\":[1],\"n\":null}\n{\"a\":[[2]],\"n\":null}\n", Format::kJsonl);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->columns, (std::vector<Column>{Col("a", ColumnType::kArray, false, 0),
                                                  Col("n", ColumnType::kString, true, 2)}));
}

TEST(SchemaInferenceTest, TheNumberOfColumnsIsBounded) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "{\"k" + std::to_string(i) + "\":1}\n";
  InferenceOptions options;
  options.max_columns = 10;
  Result<TableSchema> schema = Infer(text, Format::kJsonl, options);
  EXPECT_EQ(schema.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(Infer("a,b,c\n", Format::kCsv, {.max_columns = 2}).status().code(),
            StatusCode::kResourceExhausted);
}

TEST(FormatTest, FromPath) {
  EXPECT_EQ(FormatFromPath("data/x.csv"), Format::kCsv);
  EXPECT_EQ(FormatFromPath("X.CSV"), Format::kCsv);
  EXPECT_EQ(FormatFromPath("a.b/x.tsv"), Format::kTsv);
  EXPECT_EQ(FormatFromPath("x.jsonl"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("x.NDJSON"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("x.json"), std::nullopt);
  EXPECT_EQ(FormatFromPath("x.csv.gz"), std::nullopt);
  EXPECT_EQ(FormatFromPath("csv"), std::nullopt);
  EXPECT_EQ(FormatFromPath("dir/.csv"), std::nullopt);
  EXPECT_EQ(FormatFromPath("dir.csv/file"), std::nullopt);
  EXPECT_EQ(FormatName(Format::kTsv), "tsv");
}

}  // namespace
}  // namespace sluice::tabular
