#include "gates/schema_compat.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tabular/schema_json.h"

namespace sluice::gates {
namespace {

using tabular::Column;
using tabular::ColumnType;
using tabular::TableSchema;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TableSchema Schema(std::vector<Column> columns, uint64_t rows = 10) {
  TableSchema s;
  s.columns = std::move(columns);
  s.rows = rows;
  return s;
}

Column Col(std::string name, ColumnType type, uint64_t null_count = 0) {
  Column c;
  c.name = std::move(name);
  c.type = type;
  c.null_count = null_count;
  c.nullable = null_count > 0;
  return c;
}

TEST(BreakingChangesTest, WideningsAndAdditionsAreFine) {
  const TableSchema current =
      Schema({Col("id", ColumnType::kInteger), Col("day", ColumnType::kDate),
              Col("flag", ColumnType::kBoolean), Col("score", ColumnType::kInteger)});
  const TableSchema candidate =
      Schema({Col("score", ColumnType::kFloat), Col("id", ColumnType::kInteger, 3),
              Col("day", ColumnType::kTimestamp), Col("flag", ColumnType::kString),
              Col("added", ColumnType::kArray)});
  EXPECT_THAT(BreakingChanges(current, candidate), ElementsAre());
}

TEST(BreakingChangesTest, DropsAndNarrowingsBreak) {
  const TableSchema current =
      Schema({Col("id", ColumnType::kFloat), Col("name", ColumnType::kString),
              Col("when", ColumnType::kTimestamp), Col("gone", ColumnType::kInteger)});
  const TableSchema candidate =
      Schema({Col("id", ColumnType::kInteger), Col("name", ColumnType::kInteger),
              Col("when", ColumnType::kDate)});
  EXPECT_THAT(BreakingChanges(current, candidate),
              ElementsAre("column \"id\" changed type from float to integer (not a widening)",
                          "column \"name\" changed type from string to integer (not a widening)",
                          "column \"when\" changed type from timestamp to date (not a widening)",
                          "column \"gone\" was dropped"));
}

TEST(BreakingChangesTest, AllNullColumnMayTakeAnyType) {
  // Inference calls a column with only nulls "string"; nobody could rely on that.
  const TableSchema current = Schema({Col("later", ColumnType::kString, 10)}, 10);
  const TableSchema candidate = Schema({Col("later", ColumnType::kInteger)});
  EXPECT_THAT(BreakingChanges(current, candidate), ElementsAre());
}

nlohmann::json Files(std::initializer_list<std::pair<std::string, nlohmann::json>> files) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, schema] : files) out[name] = schema;
  return out;
}

TEST(CheckSchemasTest, CompatibleCandidatePasses) {
  const nlohmann::json current =
      Files({{"c.csv", tabular::SchemaToJson(Schema({Col("id", ColumnType::kInteger)}))},
             {"bad.csv", {{"error", "line 2: stray quote"}}}});
  nlohmann::json candidate_schema =
      tabular::SchemaToJson(Schema({Col("id", ColumnType::kFloat), Col("x", ColumnType::kDate)}));
  candidate_schema["sampled_bytes"] = 1024;
  const nlohmann::json candidate =
      Files({{"c.csv", candidate_schema}, {"new.csv", candidate_schema}});
  const GateResult r = CheckSchemas("customers", current, candidate, false);
  EXPECT_TRUE(r.passed);
  EXPECT_FALSE(r.skipped);
  EXPECT_EQ(r.gate, "schema");
  EXPECT_EQ(r.subject, "customers");
  EXPECT_EQ(r.measured["breaking"], false);
  EXPECT_EQ(r.measured["files_compared"], 1);
}

TEST(CheckSchemasTest, BreakingChangeFailsUnlessDeclared) {
  const nlohmann::json current =
      Files({{"c.csv", tabular::SchemaToJson(Schema(
                           {Col("id", ColumnType::kInteger), Col("email", ColumnType::kString)}))},
             {"gone.csv", tabular::SchemaToJson(Schema({Col("a", ColumnType::kString)}))},
             {"parsed.csv", tabular::SchemaToJson(Schema({Col("a", ColumnType::kString)}))}});
  const nlohmann::json candidate =
      Files({{"c.csv", tabular::SchemaToJson(Schema({Col("id", ColumnType::kString)}))},
             {"parsed.csv", {{"error", "line 3: unterminated quoted field"}}}});
  GateResult r = CheckSchemas("customers", current, candidate, false);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.measured["breaking"], true);
  std::string all;
  for (const auto& m : r.messages) all += m + "\n";
  EXPECT_THAT(all, HasSubstr("\"c.csv\": column \"email\" was dropped"));
  EXPECT_THAT(all, HasSubstr("\"gone.csv\" was removed"));
  EXPECT_THAT(all, HasSubstr("\"parsed.csv\" no longer reads as a table: line 3"));
  EXPECT_THAT(all, HasSubstr("declare the asset under `breaking:`"));
  EXPECT_EQ(r.measured["changes"].size(), 3u);

  r = CheckSchemas("customers", current, candidate, true);
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.measured["breaking"], true);
  EXPECT_EQ(r.measured["declared_breaking"], true);
  EXPECT_THAT(r.messages.front(), HasSubstr("declared in promotion.yaml"));
  EXPECT_EQ(r.messages.size(), 4u);
}

TEST(CheckSchemasTest, NoCurrentVersionIsSkipped) {
  const GateResult r = CheckSchemas("customers", nullptr, Files({}), false);
  EXPECT_TRUE(r.passed);
  EXPECT_TRUE(r.skipped);
}

TEST(CheckSchemasTest, UnreadableStoredSchemaFails) {
  const nlohmann::json current = Files({{"c.csv", {{"columns", 3}}}});
  const nlohmann::json candidate = Files({{"c.csv", {{"columns", 3}}}});
  GateResult r = CheckSchemas("customers", current, candidate, true);
  EXPECT_FALSE(r.passed);
  EXPECT_THAT(r.messages.front(), HasSubstr("stored schema is unreadable"));
  r = CheckSchemas("customers", nlohmann::json::array(), candidate, false);
  EXPECT_FALSE(r.passed);
}

}  // namespace
}  // namespace sluice::gates
