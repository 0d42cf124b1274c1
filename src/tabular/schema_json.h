// The JSON form of a TableSchema, as stored in dataset version metadata:
//
//   {"bad_rows": 0,
//    "columns": [{"name": "id", "null_count": 0, "nullable": false, "type": "integer"}, ...],
//    "rows": 1000,
//    "version": 1}
//
// Keys are in alphabetical order (nlohmann::json's object order) and columns in schema order,
// so equal schemas always dump to identical text and stored schemas can be compared byte for
// byte. "version" is the format of this document; SchemaFromJson rejects versions it does not
// know. Unknown keys are ignored so a newer writer's additions do not break an older reader.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/status.h"
#include "tabular/table_schema.h"

namespace sluice::tabular {

inline constexpr int kSchemaJsonVersion = 1;

nlohmann::json SchemaToJson(const TableSchema& schema);

// SchemaToJson(schema).dump(), except that bytes of column names that are not UTF-8 (a Latin-1
// CSV header, say) become U+FFFD instead of making dump() throw. Use this to store a schema.
std::string SchemaToJsonText(const TableSchema& schema);

// kInvalidArgument naming the offending field for a document that is not a schema: a missing
// or mistyped field, an unknown type name, a duplicate column name, an unknown version.
Result<TableSchema> SchemaFromJson(const nlohmann::json& json);

// Parses JSON text (without exceptions) and then SchemaFromJson.
Result<TableSchema> ParseSchemaJson(std::string_view text);

}  // namespace sluice::tabular
