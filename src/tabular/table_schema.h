// TableSchema: the inferred shape of a tabular file (column names and types), stored in a
// dataset version's metadata and compared by the schema-compatibility promotion gate.
//
// Column types, from narrowest to widest where they are related:
//   boolean    true/false
//   integer    64-bit signed
//   float      a number with a fraction or exponent (or an integer beyond 64 bits)
//   date       YYYY-MM-DD
//   timestamp  an RFC 3339 / ISO 8601 date-time
//   string     anything; every other type widens to it
//   array      a JSON array (JSON Lines only), kept as its JSON text
// See value_types.h for exactly what text has which type and how types widen.
//
// Invariants (kept by inference, checked by SchemaFromJson): column names are unique; columns
// are in file order (CSV header order; JSON Lines order of first appearance).
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::tabular {

enum class ColumnType { kBoolean, kInteger, kFloat, kDate, kTimestamp, kString, kArray };

// The stable name stored in metadata: "boolean", "integer", "float", "date", "timestamp",
// "string", "array". Never rename one.
std::string_view ColumnTypeName(ColumnType type);
// The inverse; nullopt for an unknown name.
std::optional<ColumnType> ColumnTypeFromName(std::string_view name);

struct Column {
  std::string name;
  ColumnType type = ColumnType::kString;
  // True if any row holds null (the empty CSV field, JSON null, or a JSON Lines row without the
  // column), and for a column with no values at all.
  bool nullable = false;
  // Rows in which the column is null.
  uint64_t null_count = 0;

  friend bool operator==(const Column&, const Column&) = default;
};

struct TableSchema {
  std::vector<Column> columns;
  uint64_t rows = 0;      // rows read (bad rows excluded)
  uint64_t bad_rows = 0;  // malformed rows skipped

  friend bool operator==(const TableSchema&, const TableSchema&) = default;
};

}  // namespace sluice::tabular
