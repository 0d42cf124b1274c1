#include "platform/parser.h"

#include <yaml-cpp/yaml.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "common/duration.h"
#include "platform/gates_parser.h"
#include "platform/masking_parser.h"
#include "platform/rules.h"
#include "platform/utf8.h"
#include "platform/yaml_reader.h"

namespace sluice::platform {
namespace {

using internal::DiagnosticSink;
using internal::Field;
using internal::MapFields;
using internal::PosOf;
using internal::ReadBool;
using internal::ReadString;

// Reads an enum-valued field; reports bad-value listing the valid spellings.
template <typename T>
std::optional<T> ReadEnum(const MapFields& map, std::string_view key, DiagnosticSink& sink,
                          std::optional<T> (*parse)(std::string_view), std::string_view valid) {
  const Field* field = map.Required(key, sink);
  if (field == nullptr) return std::nullopt;
  std::optional<std::string> text = ReadString(map, key, *field, sink);
  if (!text) return std::nullopt;
  std::optional<T> value = parse(*text);
  if (!value) {
    sink.Add(field->value_pos, "bad-value",
             map.context() + ": \"" + std::string(key) + "\" is " + Quoted(*text) + "; expected " +
                 std::string(valid));
  }
  return value;
}

// Everything the parser learnt about one `environments` entry. `env` is set only when the entry
// is well-formed; `name` is set whenever a name was readable, so that steps naming a malformed
// environment are not also reported as naming an unknown one.
struct EnvironmentEntry {
  std::optional<std::string> name;
  SourcePos name_pos;
  std::optional<Environment> env;
};

EnvironmentEntry ReadEnvironment(const YAML::Node& node, size_t index, DiagnosticSink& sink) {
  EnvironmentEntry entry;
  const std::string fallback_context = "environment #" + std::to_string(index + 1);
  if (!node.IsMap()) {
    sink.Add(PosOf(node), "bad-value",
             fallback_context + " must be a map with name, track, data and mode, not " +
                 std::string(internal::Describe(node)));
    return entry;
  }
  // Name the environment in messages when we can; the name itself is checked by the rules.
  std::string context = fallback_context;
  if (YAML::Node name = node["name"]; name && name.IsScalar()) {
    context = "environment " + Quoted(name.Scalar());
  }
  const MapFields map = MapFields::Read(
      node,
      {"name", "track", "data", "mode", "storage_domain", "copy_retention", "description", "gates"},
      context, sink);
  const size_t errors_before = sink.size();

  Environment env;
  env.pos.entry = map.pos();
  if (const Field* f = map.Required("name", sink)) {
    entry.name = ReadString(map, "name", *f, sink);
    entry.name_pos = env.pos.name = f->value_pos;
  }
  std::optional<Track> track = ReadEnum(map, "track", sink, &ParseTrack, "infra or data");
  std::optional<DataClass> data =
      ReadEnum(map, "data", sink, &ParseDataClass, "synthetic or production");
  std::optional<Mode> mode = ReadEnum(map, "mode", sink, &ParseMode, "interactive or automation");
  for (auto [key, pos] : {std::pair{"track", &env.pos.track}, std::pair{"data", &env.pos.data},
                          std::pair{"mode", &env.pos.mode}}) {
    if (const Field* f = map.Optional(key)) *pos = f->value_pos;
  }
  if (const Field* f = map.Optional("storage_domain")) {
    env.pos.storage_domain = f->value_pos;
    if (auto domain = ReadString(map, "storage_domain", *f, sink)) env.storage_domain = *domain;
  } else if (entry.name) {
    env.storage_domain = *entry.name;
  }
  if (const Field* f = map.Optional("copy_retention")) {
    if (auto text = ReadString(map, "copy_retention", *f, sink)) {
      env.copy_retention = ParseDuration(*text);
      if (!env.copy_retention) {
        sink.Add(f->value_pos, "bad-value",
                 context + ": \"copy_retention\" is " + Quoted(*text) +
                     "; expected a positive whole number and a unit s, m, h, d or w (e.g. 12h, "
                     "30d)");
      }
    }
  }
  if (const Field* f = map.Optional("description")) {
    if (auto text = ReadString(map, "description", *f, sink)) env.description = *text;
  }
  if (const Field* f = map.Optional("gates")) env.gates = internal::ReadGates(*f, context, sink);
  if (sink.size() != errors_before || !entry.name || !track || !data || !mode) return entry;
  env.name = *entry.name;
  env.track = *track;
  env.data = *data;
  env.mode = *mode;
  entry.env = std::move(env);
  return entry;
}

// A well-formed step, or nullopt after reporting why not.
std::optional<PromotionStep> ReadStep(const YAML::Node& node, size_t index, DiagnosticSink& sink) {
  const std::string context = "promotion #" + std::to_string(index + 1);
  if (!node.IsMap()) {
    sink.Add(PosOf(node), "bad-value",
             context + " must be a map with from, to and kind, not " +
                 std::string(internal::Describe(node)));
    return std::nullopt;
  }
  const MapFields map = MapFields::Read(node, {"from", "to", "kind"}, context, sink);
  const size_t errors_before = sink.size();

  PromotionStep step;
  step.pos.entry = map.pos();
  if (const Field* f = map.Required("from", sink)) {
    step.pos.from = f->value_pos;
    if (auto from = ReadString(map, "from", *f, sink)) step.from = *from;
  }
  if (const Field* f = map.Required("to", sink)) {
    // `to: production` and `to: [production]` mean the same; lists are for the release train.
    if (f->value.IsScalar()) {
      step.to.push_back(f->value.Scalar());
      step.pos.to.push_back(f->value_pos);
    } else if (f->value.IsSequence() && f->value.size() > 0) {
      for (const YAML::Node& target : f->value) {
        if (!target.IsScalar()) {
          sink.Add(PosOf(target), "bad-value",
                   context + ": each \"to\" entry must be an environment name, not " +
                       std::string(internal::Describe(target)));
          continue;
        }
        step.to.push_back(target.Scalar());
        step.pos.to.push_back(PosOf(target));
      }
    } else {
      sink.Add(f->value_pos, "bad-value",
               context + ": \"to\" must be an environment name or a non-empty list of them");
    }
  }
  std::optional<PromotionKind> kind =
      ReadEnum(map, "kind", sink, &ParsePromotionKind, "data or infra");
  if (const Field* f = map.Optional("kind")) step.pos.kind = f->value_pos;
  if (sink.size() != errors_before || !kind) return std::nullopt;
  step.kind = *kind;
  return step;
}

// Reads the top-level map into `platform`; returns false when some part was left out because it
// was malformed (so the rules must not assume they see the whole platform).
bool ReadPlatform(const YAML::Node& root, Platform& platform, DiagnosticSink& sink) {
  const size_t errors_before = sink.size();
  const MapFields map = MapFields::Read(
      root,
      {"apiVersion", "name", "description", "require_automation", "environments", "promotions",
       "masking"},
      "platform", sink);

  if (const Field* f = map.Required("apiVersion", sink)) {
    std::optional<std::string> version = ReadString(map, "apiVersion", *f, sink);
    if (version && *version != kApiVersion) {
      sink.Add(f->value_pos, "bad-value",
               "platform: \"apiVersion\" is " + Quoted(*version) + "; this build reads \"" +
                   std::string(kApiVersion) + "\"");
    }
  }
  if (const Field* f = map.Required("name", sink)) {
    platform.pos.name = f->value_pos;
    if (auto name = ReadString(map, "name", *f, sink)) platform.name = *name;
  }
  if (const Field* f = map.Optional("description")) {
    if (auto text = ReadString(map, "description", *f, sink)) platform.description = *text;
  }
  if (const Field* f = map.Optional("require_automation")) {
    platform.require_automation = ReadBool(map, "require_automation", *f, sink).value_or(false);
  }

  if (const Field* f = map.Optional("masking")) platform.masking = internal::ReadMasking(*f, sink);

  std::set<std::string> declared;
  if (const Field* f = map.Required("environments", sink)) {
    platform.pos.environments = f->key_pos;
    if (!f->value.IsSequence()) {
      sink.Add(f->value_pos, "bad-value",
               "platform: \"environments\" must be a list, not " +
                   std::string(internal::Describe(f->value)));
    } else {
      size_t index = 0;
      for (const YAML::Node& node : f->value) {
        EnvironmentEntry entry = ReadEnvironment(node, index++, sink);
        if (entry.name) declared.insert(*entry.name);
        if (entry.env) {
          platform.environments.push_back(std::move(*entry.env));
        } else if (entry.name) {
          // The rules never see a malformed environment; its name is still worth checking.
          if (auto d =
                  CheckNameFormat("environment name", *entry.name, entry.name_pos, sink.file())) {
            sink.Add(entry.name_pos, d->rule, std::move(d->message));
          }
        }
      }
    }
  }
  if (const Field* f = map.Required("promotions", sink)) {
    platform.pos.promotions = f->key_pos;
    if (!f->value.IsSequence()) {
      sink.Add(f->value_pos, "bad-value",
               "platform: \"promotions\" must be a list (it may be empty: []), not " +
                   std::string(internal::Describe(f->value)));
    } else {
      size_t index = 0;
      for (const YAML::Node& node : f->value) {
        std::optional<PromotionStep> step = ReadStep(node, index++, sink);
        if (!step) continue;
        // A step naming a malformed environment would only echo that environment's error.
        auto malformed = [&](const std::string& name) {
          return declared.count(name) > 0 && platform.Find(name) == nullptr;
        };
        bool names_malformed = malformed(step->from);
        for (const std::string& to : step->to) names_malformed = names_malformed || malformed(to);
        if (!names_malformed) platform.promotions.push_back(std::move(*step));
      }
    }
  }
  return sink.size() == errors_before;
}

// Where `text` stops being a YAML stream we accept: malformed UTF-8, or a control character
// other than tab, LF and CR (YAML forbids them, and a NUL makes yaml-cpp guess UTF-16 or UTF-32
// and decode the file as that). Columns count bytes, like yaml-cpp's marks (and GCC's).
std::optional<std::pair<SourcePos, std::string>> FirstBadCharacter(std::string_view text) {
  const size_t invalid = InvalidUtf8At(text);
  SourcePos pos{1, 1};
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

ParseOutcome Parse(std::string_view yaml_text, std::string_view file_name) {
  DiagnosticSink sink{std::string(file_name)};
  // Every string we hand out (names, descriptions, messages quoting them) must be valid UTF-8,
  // or JSON encoders downstream throw.
  if (auto bad = FirstBadCharacter(yaml_text)) {
    sink.Add(bad->first, "yaml-syntax", std::move(bad->second));
    return {std::nullopt, std::move(sink).Finish()};
  }
  const internal::YamlDocuments documents = internal::LoadFirstDocument(std::string(yaml_text));
  // A file of only comments, `---` alone, or `~` has no (or a null) document.
  if (documents.first.IsNull()) {
    sink.Add({1, 1}, "bad-value",
             "the file is empty; a platform file is a map with apiVersion, name, environments and "
             "promotions");
    return {std::nullopt, std::move(sink).Finish()};
  }
  if (documents.second) {
    sink.Add(*documents.second, "bad-value", "a platform file holds one YAML document");
  }
  const YAML::Node& root = documents.first;
  if (!root.IsMap()) {
    sink.Add(PosOf(root), "bad-value",
             "the top level must be a map with apiVersion, name, environments and promotions, "
             "not " +
                 std::string(internal::Describe(root)));
    return {std::nullopt, std::move(sink).Finish()};
  }
  Platform platform;
  const bool complete = ReadPlatform(root, platform, sink) && !documents.second;
  sink.Append(
      CheckPlatform(platform, file_name, complete ? Coverage::kComplete : Coverage::kPartial));
  std::vector<Diagnostic> diagnostics = std::move(sink).Finish();
  if (!diagnostics.empty()) return {std::nullopt, std::move(diagnostics)};
  return {std::move(platform), {}};
}

// The file's bytes, or why not (the message does not repeat the path).
Result<std::string> ReadFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return NotFound("no such file");
  if (std::filesystem::is_directory(path, ec)) {
    return InvalidArgument("is a directory, not a platform file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgument("cannot open the file");
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return InvalidArgument("cannot read the file");
  return text;
}

Diagnostic FileReadDiagnostic(const std::string& path, const Status& status) {
  return {path, 0, 0, "file-read", status.message()};
}

}  // namespace

ParseOutcome ParsePlatform(std::string_view yaml_text, std::string_view file_name) {
  try {
    return Parse(yaml_text, file_name);
  } catch (const YAML::Exception& e) {
    const SourcePos pos =
        e.mark.is_null() ? SourcePos{1, 1} : SourcePos{e.mark.line + 1, e.mark.column + 1};
    return {std::nullopt,
            {{std::string(file_name), pos.line, pos.column, "yaml-syntax", ToValidUtf8(e.msg)}}};
  } catch (const std::exception& e) {
    // yaml-cpp can also throw standard exceptions (e.g. std::bad_alloc on absurd input).
    return {std::nullopt,
            {{std::string(file_name), 1, 1, "yaml-syntax",
              "cannot read YAML: " + ToValidUtf8(e.what())}}};
  }
}

ParseOutcome LoadPlatformFile(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return {std::nullopt, {FileReadDiagnostic(path, text.status())}};
  return ParsePlatform(*text, path);
}

Result<Platform> LoadPlatform(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) {
    return Status(text.status().code(), FileReadDiagnostic(path, text.status()).ToString());
  }
  ParseOutcome outcome = ParsePlatform(*text, path);
  if (outcome.ok()) return std::move(*outcome.platform);
  std::string message = FormatDiagnostics(outcome.diagnostics);
  message.pop_back();  // the final newline
  return InvalidArgument(std::move(message));
}

}  // namespace sluice::platform
