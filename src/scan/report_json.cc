// ToJson(ScanReport): the documented JSON shape of a report (scanner.h). Every string is made
// valid UTF-8 first: column names and values come from arbitrary files, and nlohmann::json
// throws on dump() for invalid UTF-8.
#include "scan/masking.h"
#include "scan/scanner.h"

namespace sluice::scan {

nlohmann::json ToJson(const ScanReport& report) {
  nlohmann::json columns = nlohmann::json::array();
  for (const ColumnReport& c : report.columns) {
    nlohmann::json top = nlohmann::json::array();
    for (const auto& [value, count] : c.top_values) {
      top.push_back({{"value", SanitizeUtf8(value)}, {"count", count}});
    }
    nlohmann::json tags = nlohmann::json::array();
    for (const std::string& tag : c.tags) tags.push_back(tag);
    columns.push_back({
        {"name", SanitizeUtf8(c.name)},
        {"type", std::string(tabular::ColumnTypeName(c.type))},
        {"tags", std::move(tags)},
        {"confidence", c.confidence},
        {"detector", c.detector},
        {"null_fraction", c.null_fraction},
        {"nulls", c.nulls},
        {"values", c.values},
        {"distinct_estimate", c.distinct_estimate},
        {"min", c.min ? nlohmann::json(SanitizeUtf8(*c.min)) : nlohmann::json(nullptr)},
        {"max", c.max ? nlohmann::json(SanitizeUtf8(*c.max)) : nlohmann::json(nullptr)},
        {"top_values", std::move(top)},
        {"candidates", c.candidates},
        {"validated", c.validated},
    });
  }
  nlohmann::json classification = nlohmann::json::array();
  for (const std::string& tag : report.classification) classification.push_back(tag);
  return {{"rows", report.rows},
          {"bad_rows", report.bad_rows},
          {"bytes", report.bytes},
          {"classification", std::move(classification)},
          {"columns", std::move(columns)}};
}

}  // namespace sluice::scan
