// Value typing for schema inference: which ColumnType one value has, and the type of a column
// whose values have different types.
//
// CSV fields are text, so their type comes from their spelling:
//   ""                          null
//   true, false (any case)      boolean (not yes/no or 0/1: those are ambiguous)
//   -?(0|[1-9][0-9]*)           integer if it fits 64 bits, else float; leading zeros ("007")
//                               and a leading '+' make it a string, since such columns are codes
//                               whose zeros matter
//   the JSON number grammar with a fraction or exponent: float ("1.5", "-2e10"; not ".5",
//                               "1.", "NaN", "inf")
//   YYYY-MM-DD                  date (a real calendar day, years 0000-9999)
//   date [T t space] HH:MM[:SS[.fraction]][Z z +HH:MM -HH:MM +HHMM +HH]
//                               timestamp (RFC 3339 and the common ISO 8601 forms; without an
//                               offset the time is local)
//   anything else               string
// JSON values carry their kind: null; bool -> boolean; integer; float; array; a string is a
// date or timestamp if spelled as one above and otherwise a string (never a number: the
// producer chose a string, and "" is an empty string, not null).
//
// Widening: equal types stay; integer + float -> float; date + timestamp -> timestamp (a date is
// the start of its day); any other mix -> string.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "tabular/json_flattener.h"
#include "tabular/table_schema.h"

namespace sluice::tabular {

bool IsBooleanText(std::string_view text);
bool IsDateText(std::string_view text);
bool IsTimestampText(std::string_view text);
// nullopt if `text` is not a number; otherwise kInteger or kFloat.
std::optional<ColumnType> NumberTextType(std::string_view text);

// The type of a CSV field; nullopt for null (the empty field).
std::optional<ColumnType> CsvFieldType(std::string_view text);
// The type of a flattened JSON value; nullopt for null.
std::optional<ColumnType> JsonValueType(JsonKind kind, std::string_view text);

ColumnType WidenTypes(ColumnType a, ColumnType b);

}  // namespace sluice::tabular
