// The schema gate: a dataset's candidate version must not break readers of the version now in
// the target environment, unless its promotion.yaml declares the change breaking.
//
// Breaking, per column: the column is dropped (a rename is a drop plus an add), or its type
// changes to one that is not a widening of the old type in the sense of tabular/value_types.h
// (integer -> float, date -> timestamp and anything -> string widen; float -> integer does not).
// Not breaking: added columns, nullability changes, column order, and any type for a column that
// held only nulls before (its "string" type was a placeholder: inference had nothing to go on).
// Per file: a file that had a schema and is gone, or no longer parses as a table, is breaking;
// new files are fine.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gates/gate_result.h"
#include "tabular/table_schema.h"

namespace sluice::gates {

// One message per breaking change, in `current`'s column order, e.g.
//   column "age" was dropped
//   column "id" changed type from float to integer (not a widening)
std::vector<std::string> BreakingChanges(const tabular::TableSchema& current,
                                         const tabular::TableSchema& candidate);

// Gate "schema" for one asset. The schemas are the per-file maps of version metadata
// ({"file.csv": <tabular::SchemaToJson>, "other.csv": {"error": "..."}, ...}; see
// catalog::Catalog::InferSchemas). `current_schemas` is null when the target has no version of
// the asset yet (the result is then skipped). A stored schema that cannot be read fails the
// gate. With `declared_breaking` the changes are listed but the gate passes, and
// measured.breaking says whether there were any.
GateResult CheckSchemas(const std::string& asset, const nlohmann::json& current_schemas,
                        const nlohmann::json& candidate_schemas, bool declared_breaking);

}  // namespace sluice::gates
