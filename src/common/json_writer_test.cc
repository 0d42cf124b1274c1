#include "common/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sluice {
namespace {

TEST(JsonWriterTest, WritesNestedValuesWithCommas) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject()
      .Key("a")
      .Int(-5)
      .Key("b")
      .StringArray({"x", "y"})
      .Key("c")
      .BeginObject()
      .Key("d")
      .Bool(true)
      .Key("e")
      .Null()
      .EndObject()
      .Key("f")
      .Double(1.5)
      .Key("g")
      .Raw("{\"z\":1}")
      .EndObject();
  EXPECT_EQ(out, R"({"a":-5,"b":["x","y"],"c":{"d":true,"e":null},"f":1.5,"g":{"z":1}})");
  EXPECT_TRUE(nlohmann::json::accept(out));
}

TEST(JsonWriterTest, EscapesStringsAndRepairsUtf8) {
  std::string out;
  AppendJsonString(out, "q\"b\\n\n\x01 é \xff end");
  EXPECT_EQ(out, "\"q\\\"b\\\\n\\n\\u0001 é \xEF\xBF\xBD end\"");
  auto parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed.get<std::string>(), "q\"b\\n\n\x01 é \xEF\xBF\xBD end");
}

TEST(JsonWriterTest, RejectsOverlongAndSurrogateEncodings) {
  std::string out;
  AppendJsonString(out, "\xC0\xAF|\xED\xA0\x80|\xF0\x9F\x98\x80");
  // Overlong '/' and a UTF-16 surrogate are replaced byte by byte; the emoji stays.
  EXPECT_EQ(out,
            "\"\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xF0\x9F\x98\x80\"");
}

}  // namespace
}  // namespace sluice
