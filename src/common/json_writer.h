// JsonWriter: appends JSON text to a string without building a document
// tree. For hot paths that write a fixed shape many times a second (audit
// events, access-log lines), where building an nlohmann::json costs more
// than the rest of the request.
//
// The caller is responsible for well-formed nesting (Begin/End pairs, a Key
// before each value inside an object); commas are inserted automatically.
// Strings are escaped per RFC 8259; invalid UTF-8 bytes are replaced with
// U+FFFD so the output is always valid JSON.
//
// Not thread-safe; one writer per output string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(std::int64_t value);
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Appends already-serialized JSON as one value.
  JsonWriter& Raw(std::string_view json);
  JsonWriter& StringArray(const std::vector<std::string>& values);

 private:
  void BeforeValue();

  std::string& out_;
  // One entry per open container: true once it holds an element.
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

// Appends `value` as a quoted, escaped JSON string.
void AppendJsonString(std::string& out, std::string_view value);

}  // namespace sluice
