#include "tabular/table_schema.h"

#include <array>
#include <utility>

namespace sluice::tabular {
namespace {

constexpr std::array<std::pair<ColumnType, std::string_view>, 7> kTypeNames = {{
    {ColumnType::kBoolean, "boolean"},
    {ColumnType::kInteger, "integer"},
    {ColumnType::kFloat, "float"},
    {ColumnType::kDate, "date"},
    {ColumnType::kTimestamp, "timestamp"},
    {ColumnType::kString, "string"},
    {ColumnType::kArray, "array"},
}};

}  // namespace

std::string_view ColumnTypeName(ColumnType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "string";
}

std::optional<ColumnType> ColumnTypeFromName(std::string_view name) {
  for (const auto& [t, n] : kTypeNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

}  // namespace sluice::tabular
