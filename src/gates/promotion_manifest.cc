#include "gates/promotion_manifest.h"

#include <yaml-cpp/yaml.h>

#include <exception>
#include <utility>

#include "gates/manifest_yaml.h"
#include "gates/message_text.h"
#include "gates/regex_matcher.h"
#include "platform/utf8.h"
#include "tabular/format.h"

namespace sluice::gates {
namespace {

using internal::PosOf;
using internal::ReadMap;
using internal::YamlContext;
using internal::YamlField;
using internal::YamlPos;

constexpr size_t kMaxNameBytes = 256;
constexpr size_t kMaxColumnNameBytes = 1024;
constexpr size_t kMaxPathBytes = 1024;
constexpr size_t kMaxAllowedValueBytes = 4096;

platform::SourcePos ToSourcePos(YamlPos pos) {
  return {pos.line, pos.column};
}

// Where `text` stops being a YAML stream we accept: malformed UTF-8, or a control character
// other than tab, LF and CR (YAML forbids them, and a NUL makes yaml-cpp guess UTF-16 or UTF-32
// and decode the file as that). Columns count bytes, like yaml-cpp's marks.
std::optional<std::pair<YamlPos, std::string>> FirstBadCharacter(std::string_view text) {
  const size_t invalid = platform::InvalidUtf8At(text);
  YamlPos pos{1, 1};
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == invalid) return std::pair{pos, std::string("the file is not valid UTF-8")};
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return std::pair{pos, "control character " + std::to_string(c) + " is not allowed in YAML"};
    }
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return std::nullopt;
}

// A non-empty string of at most `max_bytes`.
std::optional<std::string> ReadName(const YamlField& field, size_t max_bytes, YamlContext& ctx) {
  std::optional<std::string> name = internal::ReadString(field, ctx);
  if (!name) return std::nullopt;
  if (name->empty() || name->size() > max_bytes) {
    ctx.Error(field.pos, field.path,
              "must be between 1 and " + std::to_string(max_bytes) + " bytes long");
    return std::nullopt;
  }
  return name;
}

bool CheckKeyLength(const YamlField& field, size_t max_bytes, YamlContext& ctx) {
  if (field.key.empty() || field.key.size() > max_bytes) {
    ctx.Error(field.pos, field.path,
              "the name must be between 1 and " + std::to_string(max_bytes) + " bytes long");
    return false;
  }
  return true;
}

// A relative path inside the asset (no "..", ".", empty or absolute parts) to a tabular file.
std::optional<std::string> ReadFilePath(const YamlField& field, YamlContext& ctx) {
  std::optional<std::string> path = ReadName(field, kMaxPathBytes, ctx);
  if (!path) return std::nullopt;
  bool parts_ok = path->front() != '/' && path->find('\\') == std::string::npos;
  for (size_t start = 0; parts_ok && start <= path->size();) {
    size_t slash = path->find('/', start);
    if (slash == std::string::npos) slash = path->size();
    const std::string_view part = std::string_view(*path).substr(start, slash - start);
    parts_ok = !part.empty() && part != "." && part != "..";
    start = slash + 1;
  }
  if (!parts_ok) {
    ctx.Error(field.pos, field.path,
              "must be a relative path inside the asset (no \"..\", \".\" or empty parts)");
    return std::nullopt;
  }
  if (!tabular::FormatFromPath(*path)) {
    ctx.Error(field.pos, field.path, "must name a .csv, .tsv, .jsonl or .ndjson file");
    return std::nullopt;
  }
  return path;
}

// {min, max} of numbers; min <= max.
std::optional<NumericRange> ReadRange(const YamlField& field, YamlContext& ctx) {
  NumericRange range;
  bool ok = true;
  for (const YamlField& f : ReadMap(field.value, field.path, field.pos, {"min", "max"}, ctx)) {
    std::optional<double> v = internal::ReadNumber(f, ctx);
    ok = ok && v.has_value();
    (f.key == "min" ? range.min : range.max) = v;
  }
  if (!ok || !field.value.IsMap()) return std::nullopt;
  if (!range.min && !range.max) {
    ctx.Error(field.pos, field.path, "give min, max or both");
    return std::nullopt;
  }
  if (range.min && range.max && *range.min > *range.max) {
    ctx.Error(field.pos, field.path,
              "min " + FormatNumber(*range.min) + " is above max " + FormatNumber(*range.max));
    return std::nullopt;
  }
  return range;
}

std::optional<std::vector<std::string>> ReadAllowed(const YamlField& field, YamlContext& ctx) {
  if (!field.value.IsSequence()) {
    ctx.Error(field.pos, field.path,
              "must be a list of values, not " + std::string(internal::Describe(field.value)));
    return std::nullopt;
  }
  if (field.value.size() == 0 || field.value.size() > kMaxAllowedValues) {
    ctx.Error(field.pos, field.path,
              "must list between 1 and " + std::to_string(kMaxAllowedValues) + " values");
    return std::nullopt;
  }
  if (!ctx.Charge(field.value.size(), field.pos)) return std::nullopt;
  std::vector<std::string> values;
  values.reserve(field.value.size());
  bool ok = true;
  for (const YAML::Node& item : field.value) {
    if (!item.IsScalar() || item.Scalar().size() > kMaxAllowedValueBytes) {
      ctx.Error(item.IsNull() ? field.pos : PosOf(item), field.path,
                "each allowed value must be a string or number of at most " +
                    std::to_string(kMaxAllowedValueBytes) + " bytes, not " +
                    std::string(internal::Describe(item)));
      ok = false;
      continue;
    }
    values.push_back(item.Scalar());
  }
  if (!ok) return std::nullopt;
  return values;
}

std::optional<ColumnExpectation> ReadColumn(const YamlField& field, YamlContext& ctx) {
  ColumnExpectation column;
  column.column = field.key;
  column.pos = ToSourcePos(field.key_pos);
  bool ok = CheckKeyLength(field, kMaxColumnNameBytes, ctx);
  const std::vector<YamlField> fields =
      ReadMap(field.value, field.path, field.pos,
              {"not_null", "unique", "allowed", "range", "regex", "max_null_fraction"}, ctx);
  for (const YamlField& f : fields) {
    if (f.key == "not_null" || f.key == "unique") {
      std::optional<bool> b = internal::ReadBool(f, ctx);
      ok = ok && b.has_value();
      (f.key == "not_null" ? column.not_null : column.unique) = b.value_or(false);
    } else if (f.key == "allowed") {
      column.allowed = ReadAllowed(f, ctx);
      ok = ok && column.allowed.has_value();
    } else if (f.key == "range") {
      column.range = ReadRange(f, ctx);
      ok = ok && column.range.has_value();
    } else if (f.key == "regex") {
      column.regex = internal::ReadString(f, ctx);
      if (!column.regex) {
        ok = false;
      } else if (Result<RegexMatcher> re = RegexMatcher::Compile(*column.regex); !re.ok()) {
        ctx.Error(f.pos, f.path, re.status().message());
        ok = false;
      }
    } else if (f.key == "max_null_fraction") {
      column.max_null_fraction = internal::ReadNumber(f, ctx);
      if (!column.max_null_fraction) {
        ok = false;
      } else if (*column.max_null_fraction < 0 || *column.max_null_fraction > 1) {
        ctx.Error(f.pos, f.path, "must be between 0 and 1");
        ok = false;
      }
    }
  }
  if (!ok || !field.value.IsMap()) return std::nullopt;
  return column;
}

std::optional<ExpectationSuite> ReadSuite(const YamlField& field, YamlContext& ctx) {
  ExpectationSuite suite;
  suite.asset = field.key;
  suite.pos = ToSourcePos(field.key_pos);
  bool ok = CheckKeyLength(field, kMaxNameBytes, ctx);
  for (const YamlField& f :
       ReadMap(field.value, field.path, field.pos, {"file", "row_count", "columns"}, ctx)) {
    if (f.key == "file") {
      suite.file = ReadFilePath(f, ctx);
      ok = ok && suite.file.has_value();
    } else if (f.key == "row_count") {
      for (const YamlField& b : ReadMap(f.value, f.path, f.pos, {"min", "max"}, ctx)) {
        std::optional<uint64_t> n = internal::ReadCount(b, ctx);
        ok = ok && n.has_value();
        (b.key == "min" ? suite.min_rows : suite.max_rows) = n;
      }
      ok = ok && f.value.IsMap();
      if (ok && !suite.min_rows && !suite.max_rows) {
        ctx.Error(f.pos, f.path, "give min, max or both");
        ok = false;
      }
      if (suite.min_rows && suite.max_rows && *suite.min_rows > *suite.max_rows) {
        ctx.Error(f.pos, f.path,
                  "min " + std::to_string(*suite.min_rows) + " is above max " +
                      std::to_string(*suite.max_rows));
        ok = false;
      }
    } else if (f.key == "columns") {
      if (f.value.IsMap() && f.value.size() > kMaxColumnsPerSuite) {
        ctx.Error(f.pos, f.path,
                  "at most " + std::to_string(kMaxColumnsPerSuite) + " columns per asset");
        ok = false;
        continue;
      }
      for (const YamlField& c : ReadMap(f.value, f.path, f.pos, {}, ctx)) {
        std::optional<ColumnExpectation> column = ReadColumn(c, ctx);
        if (column) suite.columns.push_back(std::move(*column));
        ok = ok && column.has_value();
        if (ctx.exhausted()) return std::nullopt;
      }
      ok = ok && f.value.IsMap();
    }
  }
  if (!ok || !field.value.IsMap()) return std::nullopt;
  return suite;
}

std::optional<platform::MetricRule> ReadMetric(const YamlField& field, YamlContext& ctx) {
  platform::MetricRule rule;
  rule.metric = field.key;
  rule.pos = ToSourcePos(field.key_pos);
  bool ok = CheckKeyLength(field, kMaxNameBytes, ctx);
  for (const YamlField& f : ReadMap(field.value, field.path, field.pos,
                                    {"min", "max", "max_regression", "higher_is_better"}, ctx)) {
    if (f.key == "higher_is_better") {
      std::optional<bool> b = internal::ReadBool(f, ctx);
      ok = ok && b.has_value();
      rule.higher_is_better = b.value_or(true);
      continue;
    }
    std::optional<double> v = internal::ReadNumber(f, ctx);
    ok = ok && v.has_value();
    if (f.key == "min") rule.min = v;
    if (f.key == "max") rule.max = v;
    if (f.key == "max_regression") {
      rule.max_regression = v;
      if (v && *v < 0) {
        ctx.Error(f.pos, f.path, "must be at least 0");
        ok = false;
      }
    }
  }
  if (!ok || !field.value.IsMap()) return std::nullopt;
  if (!rule.min && !rule.max && !rule.max_regression) {
    ctx.Error(field.pos, field.path, "give at least one of min, max, max_regression");
    return std::nullopt;
  }
  if (rule.min && rule.max && *rule.min > *rule.max) {
    ctx.Error(field.pos, field.path,
              "min " + FormatNumber(*rule.min) + " is above max " + FormatNumber(*rule.max));
    return std::nullopt;
  }
  return rule;
}

void ReadBreaking(const YamlField& field, PromotionManifest& out, YamlContext& ctx) {
  if (!field.value.IsSequence()) {
    ctx.Error(field.pos, field.path,
              "must be a list of asset names, not " + std::string(internal::Describe(field.value)));
    return;
  }
  if (field.value.size() > kMaxSuites) {
    ctx.Error(field.pos, field.path, "at most " + std::to_string(kMaxSuites) + " assets");
    return;
  }
  if (!ctx.Charge(field.value.size(), field.pos)) return;
  for (const YAML::Node& item : field.value) {
    const YamlPos pos = item.IsNull() ? field.pos : PosOf(item);
    if (!item.IsScalar() || item.Scalar().empty() || item.Scalar().size() > kMaxNameBytes) {
      ctx.Error(pos, field.path, "each entry must be an asset name");
    } else if (!out.breaking.insert(item.Scalar()).second) {
      ctx.Error(pos, field.path, "asset " + Quote(item.Scalar()) + " is listed twice");
    }
  }
}

Result<PromotionManifest> Parse(std::string_view text) {
  const std::string file(kPromotionManifestName);
  if (text.size() > kMaxManifestBytes) {
    return InvalidArgument(file + ": the file is larger than " + std::to_string(kMaxManifestBytes) +
                           " bytes");
  }
  YamlContext ctx(file, kMaxManifestNodes);
  if (auto bad = FirstBadCharacter(text)) {
    ctx.Error(bad->first, "", bad->second);
    return ctx.ToStatus();
  }
  std::optional<YamlPos> second;
  const YAML::Node root = internal::LoadSingleDocument(std::string(text), &second);
  if (second) ctx.Error(*second, "", "promotion.yaml holds one YAML document");
  if (!root.IsMap()) {
    ctx.Error(PosOf(root), "",
              "the top level must be a map with apiVersion and expectations, metrics or "
              "breaking, not " +
                  std::string(internal::Describe(root)));
    return ctx.ToStatus();
  }
  PromotionManifest out;
  bool has_api_version = false;
  for (const YamlField& f :
       ReadMap(root, "", PosOf(root), {"apiVersion", "expectations", "metrics", "breaking"}, ctx)) {
    if (f.key == "apiVersion") {
      has_api_version = true;
      std::optional<std::string> v = internal::ReadString(f, ctx);
      if (v && *v != kPromotionManifestApiVersion) {
        ctx.Error(f.pos, f.path,
                  "must be " + std::string(kPromotionManifestApiVersion) + ", not " + Quote(*v));
      }
    } else if (f.key == "expectations" || f.key == "metrics") {
      const bool suites = f.key == "expectations";
      const size_t cap = suites ? kMaxSuites : kMaxMetricRules;
      if (f.value.IsMap() && f.value.size() > cap) {
        ctx.Error(f.pos, f.path, "at most " + std::to_string(cap) + " entries");
        continue;
      }
      for (const YamlField& entry : ReadMap(f.value, f.path, f.pos, {}, ctx)) {
        if (suites) {
          if (auto suite = ReadSuite(entry, ctx)) out.expectations.push_back(std::move(*suite));
        } else if (auto rule = ReadMetric(entry, ctx)) {
          out.metrics.push_back(std::move(*rule));
        }
        if (ctx.exhausted()) return ctx.ToStatus();
      }
    } else if (f.key == "breaking") {
      ReadBreaking(f, out, ctx);
    }
  }
  if (!has_api_version) {
    ctx.Error(PosOf(root), "", "missing apiVersion (write apiVersion: sluice/v1)");
  }
  if (!ctx.ok()) return ctx.ToStatus();
  return out;
}

}  // namespace

const ExpectationSuite* PromotionManifest::FindSuite(std::string_view asset) const {
  for (const ExpectationSuite& s : expectations) {
    if (s.asset == asset) return &s;
  }
  return nullptr;
}

Result<PromotionManifest> ParsePromotionManifest(std::string_view yaml_text) {
  const std::string file(kPromotionManifestName);
  try {
    return Parse(yaml_text);
  } catch (const YAML::Exception& e) {
    const YamlPos pos = PosOf(e.mark);
    return InvalidArgument(file + ":" + std::to_string(pos.line) + ":" +
                           std::to_string(pos.column) + ": " + platform::ToValidUtf8(e.msg));
  } catch (const std::exception& e) {
    // yaml-cpp can also throw standard exceptions (std::bad_alloc on absurd input).
    return InvalidArgument(file + ": cannot read YAML: " + platform::ToValidUtf8(e.what()));
  }
}

}  // namespace sluice::gates
