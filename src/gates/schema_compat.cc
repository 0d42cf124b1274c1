#include "gates/schema_compat.h"

#include <map>
#include <utility>

#include "gates/message_text.h"
#include "platform/utf8.h"
#include "tabular/schema_json.h"
#include "tabular/value_types.h"

namespace sluice::gates {
namespace {

// Whether values of type `from` still read as type `to`: `to` is `from` or wider.
bool Widens(tabular::ColumnType from, tabular::ColumnType to) {
  return tabular::WidenTypes(from, to) == to;
}

// Inference gives a column with no non-null value the type string as a placeholder.
bool OnlyNulls(const tabular::Column& column, uint64_t rows) {
  return column.null_count >= rows;
}

std::string FileLabel(const std::string& file) {
  return Quote(file, 256);
}

}  // namespace

std::vector<std::string> BreakingChanges(const tabular::TableSchema& current,
                                         const tabular::TableSchema& candidate) {
  std::map<std::string_view, const tabular::Column*> by_name;
  for (const tabular::Column& c : candidate.columns) by_name.emplace(c.name, &c);
  std::vector<std::string> out;
  for (const tabular::Column& old_column : current.columns) {
    const std::string name = "column " + Quote(old_column.name, 128);
    auto it = by_name.find(old_column.name);
    if (it == by_name.end()) {
      out.push_back(name + " was dropped");
      continue;
    }
    const tabular::ColumnType from = old_column.type;
    const tabular::ColumnType to = it->second->type;
    if (from == to || Widens(from, to) || OnlyNulls(old_column, current.rows)) continue;
    out.push_back(name + " changed type from " + std::string(tabular::ColumnTypeName(from)) +
                  " to " + std::string(tabular::ColumnTypeName(to)) + " (not a widening)");
  }
  return out;
}

GateResult CheckSchemas(const std::string& asset, const nlohmann::json& current_schemas,
                        const nlohmann::json& candidate_schemas, bool declared_breaking) {
  GateResult r;
  r.gate = "schema";
  r.subject = platform::ToValidUtf8(asset);
  if (current_schemas.is_null()) {
    r.passed = true;
    r.skipped = true;
    r.messages.push_back("no version of this asset in the target yet: nothing to compare");
    r.measured = {{"breaking", false}, {"changes", nlohmann::json::array()}};
    return r;
  }
  if (!current_schemas.is_object() || !candidate_schemas.is_object()) {
    r.passed = false;
    r.messages.push_back("stored schemas must be JSON objects keyed by file");
    return r;
  }

  std::vector<std::string> changes;
  std::vector<std::string> unreadable;
  int compared = 0;
  for (const auto& [file, current_json] : current_schemas.items()) {
    const std::string label = FileLabel(file);
    // A file that had no schema (it did not parse when pushed) promised readers nothing.
    if (current_json.is_object() && current_json.contains("error")) continue;
    Result<tabular::TableSchema> current = tabular::SchemaFromJson(current_json);
    if (!current.ok()) {
      unreadable.push_back(label + ": the target's stored schema is unreadable: " +
                           platform::ToValidUtf8(current.status().message()));
      continue;
    }
    auto candidate_it = candidate_schemas.find(file);
    if (candidate_it == candidate_schemas.end()) {
      changes.push_back(label + " was removed");
      continue;
    }
    if (candidate_it->is_object() && candidate_it->contains("error")) {
      const nlohmann::json& error = (*candidate_it)["error"];
      changes.push_back(label + " no longer reads as a table: " +
                        platform::ToValidUtf8(error.is_string() ? error.get<std::string>() : ""));
      continue;
    }
    Result<tabular::TableSchema> candidate = tabular::SchemaFromJson(*candidate_it);
    if (!candidate.ok()) {
      unreadable.push_back(label + ": the candidate's stored schema is unreadable: " +
                           platform::ToValidUtf8(candidate.status().message()));
      continue;
    }
    ++compared;
    for (std::string& change : BreakingChanges(*current, *candidate)) {
      changes.push_back(label + ": " + std::move(change));
    }
  }

  r.measured = {{"breaking", !changes.empty()},
                {"changes", changes},
                {"files_compared", compared},
                {"declared_breaking", declared_breaking}};
  r.messages = unreadable;
  if (!unreadable.empty()) {
    r.passed = false;
    for (std::string& c : changes) r.messages.push_back(std::move(c));
    return r;
  }
  if (changes.empty()) {
    r.passed = true;
    r.messages.push_back(declared_breaking
                             ? "declared breaking in promotion.yaml, but no breaking change found"
                             : "no breaking schema change");
    return r;
  }
  r.passed = declared_breaking;
  r.messages.push_back(declared_breaking
                           ? "breaking schema changes, declared in promotion.yaml:"
                           : "breaking schema changes (declare the asset under `breaking:` in "
                             "promotion.yaml if they are intended):");
  for (std::string& c : changes) r.messages.push_back(std::move(c));
  return r;
}

}  // namespace sluice::gates
