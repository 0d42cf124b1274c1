#include "tabular/schema_inference.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tabular/value_types.h"

namespace sluice::tabular {
namespace {

// What is known about one column so far.
struct ColumnState {
  std::string name;
  std::optional<ColumnType> type;  // nullopt until a non-null value is seen
  uint64_t non_null_rows = 0;
  uint64_t last_non_null_row = 0;  // so a name repeated within one JSON row counts once
};

// Accumulates column states row by row. Rows are numbered from 1.
class SchemaAccumulator {
 public:
  explicit SchemaAccumulator(size_t max_columns) : max_columns_(max_columns) {}

  Status AddColumn(std::string_view name) {
    if (columns_.size() >= max_columns_) {
      return ResourceExhausted("more than " + std::to_string(max_columns_) + " columns");
    }
    columns_.push_back({std::string(name), std::nullopt, 0, 0});
    return Status::Ok();
  }
  size_t column_count() const { return columns_.size(); }

  void StartRow() { ++rows_; }

  // `type` nullopt: a null value (which changes nothing: nulls are counted from the rows a
  // column has no value in).
  void Observe(size_t column, std::optional<ColumnType> type) {
    if (!type) return;
    ColumnState& state = columns_[column];
    state.type = state.type ? WidenTypes(*state.type, *type) : *type;
    if (state.last_non_null_row != rows_) {
      state.last_non_null_row = rows_;
      ++state.non_null_rows;
    }
  }
  // Whether a column is already a string, in which case its values need no typing.
  bool IsString(size_t column) const { return columns_[column].type == ColumnType::kString; }

  TableSchema Finish(uint64_t bad_rows) && {
    TableSchema schema;
    schema.rows = rows_;
    schema.bad_rows = bad_rows;
    schema.columns.reserve(columns_.size());
    for (ColumnState& state : columns_) {
      Column column;
      column.name = std::move(state.name);
      column.type = state.type.value_or(ColumnType::kString);
      column.null_count = rows_ - state.non_null_rows;
      column.nullable = column.null_count > 0 || state.non_null_rows == 0;
      schema.columns.push_back(std::move(column));
    }
    return schema;
  }

 private:
  size_t max_columns_;
  std::vector<ColumnState> columns_;
  uint64_t rows_ = 0;
};

// Lets the column index be searched with the string_views the JSON Lines reader yields.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

}  // namespace

Result<TableSchema> InferCsvSchema(CsvReader& reader, size_t max_columns) {
  SchemaAccumulator acc(max_columns);
  for (const std::string& name : reader.column_names()) {
    SLUICE_RETURN_IF_ERROR(acc.AddColumn(name));
  }
  CsvRecord record;
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
    if (!more) break;
    acc.StartRow();
    for (size_t i = 0; i < record.fields.size(); ++i) {
      std::string_view field = record.fields[i];
      if (field.empty()) continue;
      acc.Observe(i, acc.IsString(i) ? ColumnType::kString : CsvFieldType(field));
    }
  }
  return std::move(acc).Finish(reader.bad_rows());
}

Result<TableSchema> InferJsonlSchema(JsonlReader& reader, size_t max_columns) {
  SchemaAccumulator acc(max_columns);
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> index;
  JsonlRecord record;
  while (true) {
    SLUICE_ASSIGN_OR_RETURN(bool more, reader.Next(&record));
    if (!more) break;
    acc.StartRow();
    for (const FlatField& field : record.fields) {
      auto it = index.find(field.name);
      if (it == index.end()) {
        SLUICE_RETURN_IF_ERROR(acc.AddColumn(field.name));
        it = index.emplace(std::string(field.name), acc.column_count() - 1).first;
      }
      size_t column = it->second;
      if (field.kind == JsonKind::kNull) continue;
      acc.Observe(column, acc.IsString(column) ? ColumnType::kString
                                               : JsonValueType(field.kind, field.text));
    }
  }
  return std::move(acc).Finish(reader.bad_rows());
}

Result<TableSchema> InferFileSchema(ByteSource& source, Format format,
                                    const InferenceOptions& options) {
  switch (format) {
    case Format::kCsv:
    case Format::kTsv: {
      CsvOptions csv;
      csv.delimiter = format == Format::kTsv ? '\t' : options.csv_delimiter;
      csv.max_record_bytes = options.max_record_bytes;
      csv.skip_bad_rows = options.skip_bad_rows;
      SLUICE_ASSIGN_OR_RETURN(CsvReader reader, CsvReader::Open(source, csv));
      return InferCsvSchema(reader, options.max_columns);
    }
    case Format::kJsonl: {
      JsonlOptions jsonl;
      jsonl.max_line_bytes = options.max_record_bytes;
      jsonl.skip_bad_rows = options.skip_bad_rows;
      JsonlReader reader(source, jsonl);
      return InferJsonlSchema(reader, options.max_columns);
    }
  }
  return InvalidArgument("unknown tabular format");
}

}  // namespace sluice::tabular
