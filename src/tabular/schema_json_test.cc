#include "tabular/schema_json.h"

#include <gtest/gtest.h>

namespace sluice::tabular {
namespace {

TableSchema Example() {
  TableSchema schema;
  schema.rows = 10;
  schema.bad_rows = 2;
  schema.columns = {
      {"id", ColumnType::kInteger, false, 0},   {"score", ColumnType::kFloat, true, 3},
      {"ok", ColumnType::kBoolean, false, 0},   {"day", ColumnType::kDate, false, 0},
      {"at", ColumnType::kTimestamp, true, 10}, {"name", ColumnType::kString, false, 0},
      {"tags", ColumnType::kArray, false, 0},
  };
  return schema;
}

TEST(SchemaJsonTest, RoundTrips) {
  TableSchema schema = Example();
  Result<TableSchema> back = SchemaFromJson(SchemaToJson(schema));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, schema);
  Result<TableSchema> parsed = ParseSchemaJson(SchemaToJsonText(schema));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, schema);
}

TEST(SchemaJsonTest, TextIsStableWithKeysInAlphabeticalOrder) {
  TableSchema schema;
  schema.rows = 1;
  schema.columns = {{"b", ColumnType::kInteger, false, 0}, {"a", ColumnType::kString, true, 1}};
  EXPECT_EQ(SchemaToJsonText(schema),
            R"({"bad_rows":0,"columns":[)"
            R"({"name":"b","null_count":0,"nullable":false,"type":"integer"},)"
            R"({"name":"a","null_count":1,"nullable":true,"type":"string"}],)"
            R"("rows":1,"version":1})");
}

TEST(SchemaJsonTest, InvalidUtf8NamesDoNotThrow) {
  TableSchema schema;
  schema.columns = {{"caf\xE9", ColumnType::kString, true, 0}};
  std::string text = SchemaToJsonText(schema);
  EXPECT_NE(text.find("caf\xEF\xBF\xBD"), std::string::npos);
}

TEST(SchemaJsonTest, RejectsWhatIsNotASchema) {
  struct Case {
    const char* text;
    const char* message;
  };
  for (const Case& c : {
           Case{"[", "schema: not valid JSON"},
           Case{"[]", "schema: expected an object"},
           Case{R"({"columns":[],"rows":0,"bad_rows":0})", "schema.version: expected an integer"},
           Case{R"({"version":2,"columns":[],"rows":0,"bad_rows":0})",
                "schema.version: unsupported version 2"},
           Case{R"({"version":1,"columns":[],"rows":-1,"bad_rows":0})",
                "schema.rows: expected a non-negative integer"},
           Case{R"({"version":1,"columns":{},"rows":0,"bad_rows":0})",
                "schema.columns: expected an array"},
           Case{R"({"version":1,"rows":1,"bad_rows":0,"columns":[)"
                R"({"name":"a","type":"decimal","nullable":false,"null_count":0}]})",
                "schema.columns[0].type: unknown column type \"decimal\""},
           Case{R"({"version":1,"rows":1,"bad_rows":0,"columns":[)"
                R"({"name":"a","type":"string","nullable":false,"null_count":0},)"
                R"({"name":"a","type":"string","nullable":false,"null_count":0}]})",
                "schema.columns[1].name: duplicate column \"a\""},
           Case{R"({"version":1,"rows":1,"bad_rows":0,"columns":[)"
                R"({"name":"a","type":"string","nullable":"no","null_count":0}]})",
                "schema.columns[0].nullable: expected true or false"},
           Case{R"({"version":1,"rows":1,"bad_rows":0,"columns":[)"
                R"({"name":"a","type":"string","nullable":true,"null_count":2}]})",
                "schema.columns[0].null_count: exceeds schema.rows"},
       }) {
    Result<TableSchema> schema = ParseSchemaJson(c.text);
    EXPECT_EQ(schema.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_EQ(schema.status().message(), c.message) << c.text;
  }
}

}  // namespace
}  // namespace sluice::tabular
