#include "tabular/schema_json.h"

#include <string>
#include <unordered_set>

namespace sluice::tabular {
namespace {

using Json = nlohmann::json;

// The member `key` of `object`, or nullptr.
const Json* Member(const Json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

Result<uint64_t> Count(const Json& object, const char* key, const std::string& where) {
  const Json* value = Member(object, key);
  if (value == nullptr || !value->is_number_unsigned()) {
    return InvalidArgument(where + key + ": expected a non-negative integer");
  }
  return value->get<uint64_t>();
}

Result<Column> ColumnFromJson(const Json& json, const std::string& where) {
  if (!json.is_object()) return InvalidArgument(where + ": expected an object");
  Column column;
  const Json* name = Member(json, "name");
  if (name == nullptr || !name->is_string()) {
    return InvalidArgument(where + ".name: expected a string");
  }
  column.name = name->get<std::string>();
  const Json* type = Member(json, "type");
  if (type == nullptr || !type->is_string()) {
    return InvalidArgument(where + ".type: expected a string");
  }
  std::optional<ColumnType> parsed_type = ColumnTypeFromName(type->get<std::string>());
  if (!parsed_type) {
    return InvalidArgument(where + ".type: unknown column type \"" + type->get<std::string>() +
                           "\"");
  }
  column.type = *parsed_type;
  const Json* nullable = Member(json, "nullable");
  if (nullable == nullptr || !nullable->is_boolean()) {
    return InvalidArgument(where + ".nullable: expected true or false");
  }
  column.nullable = nullable->get<bool>();
  SLUICE_ASSIGN_OR_RETURN(column.null_count, Count(json, "null_count", where + "."));
  return column;
}

}  // namespace

Json SchemaToJson(const TableSchema& schema) {
  Json columns = Json::array();
  for (const Column& column : schema.columns) {
    Json entry = Json::object();
    entry["name"] = column.name;
    entry["type"] = std::string(ColumnTypeName(column.type));
    entry["nullable"] = column.nullable;
    entry["null_count"] = column.null_count;
    columns.push_back(std::move(entry));
  }
  Json json = Json::object();
  json["version"] = kSchemaJsonVersion;
  json["columns"] = std::move(columns);
  json["rows"] = schema.rows;
  json["bad_rows"] = schema.bad_rows;
  return json;
}

std::string SchemaToJsonText(const TableSchema& schema) {
  return SchemaToJson(schema).dump(/*indent=*/-1, /*indent_char=*/' ', /*ensure_ascii=*/false,
                                   Json::error_handler_t::replace);
}

Result<TableSchema> SchemaFromJson(const Json& json) {
  if (!json.is_object()) return InvalidArgument("schema: expected an object");
  const Json* version = Member(json, "version");
  if (version == nullptr || !version->is_number_integer()) {
    return InvalidArgument("schema.version: expected an integer");
  }
  if (version->get<int64_t>() != kSchemaJsonVersion) {
    return InvalidArgument("schema.version: unsupported version " +
                           std::to_string(version->get<int64_t>()));
  }
  TableSchema schema;
  SLUICE_ASSIGN_OR_RETURN(schema.rows, Count(json, "rows", "schema."));
  SLUICE_ASSIGN_OR_RETURN(schema.bad_rows, Count(json, "bad_rows", "schema."));
  const Json* columns = Member(json, "columns");
  if (columns == nullptr || !columns->is_array()) {
    return InvalidArgument("schema.columns: expected an array");
  }
  std::unordered_set<std::string> names;
  for (size_t i = 0; i < columns->size(); ++i) {
    std::string where = "schema.columns[" + std::to_string(i) + "]";
    SLUICE_ASSIGN_OR_RETURN(Column column, ColumnFromJson((*columns)[i], where));
    if (!names.insert(column.name).second) {
      return InvalidArgument(where + ".name: duplicate column \"" + column.name + "\"");
    }
    if (column.null_count > schema.rows) {
      return InvalidArgument(where + ".null_count: exceeds schema.rows");
    }
    schema.columns.push_back(std::move(column));
  }
  return schema;
}

Result<TableSchema> ParseSchemaJson(std::string_view text) {
  Json json = Json::parse(text.begin(), text.end(), /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return InvalidArgument("schema: not valid JSON");
  return SchemaFromJson(json);
}

}  // namespace sluice::tabular
