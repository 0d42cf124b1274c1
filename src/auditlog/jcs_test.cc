#include "auditlog/jcs.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <random>

#include "auditlog/jcs_reader.h"

namespace sluice::auditlog {
namespace {

std::string Jcs(const nlohmann::json& value) {
  std::string out;
  Status s = AppendJcsValue(value, out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out;
}

std::string Number(double value) {
  std::string out;
  EXPECT_TRUE(AppendJcsDouble(value, out).ok());
  return out;
}

bool Reads(std::string_view text) {
  JcsReader reader(text);
  return reader.ReadValue(nullptr) && reader.AtEnd();
}

TEST(JcsTest, StringsEscapeOnlyWhatRfc8785Escapes) {
  std::string out;
  AppendJcsString(std::string("\"\\\b\f\n\r\t\x01\x1f\x7f/", 11) + std::string(1, '\0'), out);
  EXPECT_EQ(out, "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\x7f/\\u0000\"");
  out.clear();
  AppendJcsString("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xE2\x80\xA8", out);  // é € 😀 U+2028
  EXPECT_EQ(out, "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xE2\x80\xA8\"");
}

TEST(JcsTest, InvalidUtf8BecomesReplacementCharacter) {
  std::string out;
  AppendJcsString(
      "a\xFF"
      "b\xC0\xAF"
      "c\xED\xA0\x80",
      out);  // stray, overlong, surrogate
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD"
            "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

// RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text.
TEST(JcsTest, NumbersMatchRfc8785AppendixB) {
  const std::pair<std::uint64_t, const char*> vectors[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
  };
  for (const auto& [bits, text] : vectors) {
    EXPECT_EQ(Number(std::bit_cast<double>(bits)), text) << std::hex << bits;
    EXPECT_TRUE(Reads(text)) << text;
  }
  std::string out;
  EXPECT_FALSE(AppendJcsDouble(std::numeric_limits<double>::quiet_NaN(), out).ok());
  EXPECT_FALSE(AppendJcsDouble(std::numeric_limits<double>::infinity(), out).ok());
}

// The sample of RFC 8785 section 3.2.2.
TEST(JcsTest, Rfc8785Sample) {
  const nlohmann::json input = nlohmann::json::parse(R"({
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001, -0],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    })");
  EXPECT_EQ(
      Jcs(input),
      "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27,0],"
      "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

// RFC 8785 section 3.2.3: keys sort by UTF-16 code units, so U+1F600 (a
// surrogate pair) comes before U+FB33.
TEST(JcsTest, KeysSortByUtf16CodeUnits) {
  nlohmann::json input = nlohmann::json::object();
  input["\xE2\x82\xAC"] = "Euro Sign";
  input["\r"] = "Carriage Return";
  input["\xEF\xAC\xB3"] = "Hebrew Letter Dalet With Dagesh";
  input["1"] = "One";
  input["\xF0\x9F\x98\x80"] = "Emoji: Grinning Face";
  input["\xC2\x80"] = "Control";
  input["\xC3\xB6"] = "Latin Small Letter O With Diaeresis";
  EXPECT_EQ(Jcs(input),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
            "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
            "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\","
            "\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
  EXPECT_TRUE(Reads(Jcs(input)));
  EXPECT_LT(CompareUtf16("\xF0\x9F\x98\x80", "\xEF\xAC\xB3"), 0);
  EXPECT_GT(CompareUtf16("b", "abc"), 0);
  EXPECT_LT(CompareUtf16("ab", "abc"), 0);
  EXPECT_EQ(CompareUtf16("\xC3\xB6", "\xC3\xB6"), 0);
}

TEST(JcsTest, IntegersAreExact) {
  EXPECT_EQ(Jcs(nlohmann::json(std::numeric_limits<std::uint64_t>::max())), "18446744073709551615");
  EXPECT_EQ(Jcs(nlohmann::json(std::numeric_limits<std::int64_t>::min())), "-9223372036854775808");
  EXPECT_TRUE(Reads("18446744073709551615"));
  EXPECT_TRUE(Reads("-9223372036854775808"));
  // Beyond 64 bits the literal must be what the double prints.
  EXPECT_TRUE(Reads("295147905179352830000"));
  EXPECT_FALSE(Reads("295147905179352830001"));
}

TEST(JcsTest, ReaderRejectsEveryNonCanonicalSpelling) {
  for (const char* bad : {"{\"a\":1 }",
                          " 1",
                          "{\"b\":1,\"a\":2}",
                          "{\"a\":1,\"a\":1}",
                          "\"\\/\"",
                          "\"\\u0041\"",
                          "\"\\u001F\"",
                          "\"\\u000a\"",
                          "\"\\u0020\"",
                          "\"\x01\"",
                          "\"\xFF\"",
                          "\"\xC0\xAF\"",
                          "1.0",
                          "1E3",
                          "1e3",
                          "-0",
                          "01",
                          "0.10",
                          "1e+400",
                          "1.5E+30",
                          "+1",
                          ".5",
                          "tru",
                          "nul",
                          "[1,]",
                          "{\"a\"}",
                          "\"abc",
                          "1e-7x",
                          "0.0000001"}) {
    JcsReader reader(bad);
    const bool accepted = reader.ReadValue(nullptr) && reader.AtEnd();
    EXPECT_FALSE(accepted) << bad;
  }
  for (const char* good : {"{}", "[]", "\"\"", "0", "-1", "1e-7", "0.000001", "1e+21",
                           "[null,true,false]", "{\"a\":{\"b\":[1,\"\\u001f\\n\"]}}", "\"\x7f\""}) {
    EXPECT_TRUE(Reads(good)) << good;
  }
}

TEST(JcsTest, DepthIsLimited) {
  std::string deep(kMaxJcsDepth, '[');
  deep += std::string(kMaxJcsDepth, ']');
  EXPECT_TRUE(Reads(deep));
  EXPECT_FALSE(Reads("[" + deep + "]"));
  nlohmann::json value = nlohmann::json::array();
  for (int i = 0; i < kMaxJcsDepth; ++i) value = nlohmann::json::array({value});
  std::string out;
  EXPECT_FALSE(AppendJcsValue(value, out).ok());
}

nlohmann::json RandomValue(std::mt19937_64& rng, int depth) {
  const int kind = static_cast<int>(rng() % (depth > 3 ? 6 : 8));
  auto random_string = [&] {
    static const std::vector<std::string> pieces = {
        "a", "Z", "\"", "\\", "\n", "\x01", "\x7f", "\xC3\xA9", "\xF0\x9F\x98\x80", "\xEF\xAC\xB3",
        " ", "/"};
    std::string s;
    for (std::uint64_t n = rng() % 5; n > 0; --n) s += pieces[rng() % pieces.size()];
    return s;
  };
  switch (kind) {
    case 0:
      return nullptr;
    case 1:
      return rng() % 2 == 0;
    case 2:
      return static_cast<std::int64_t>(rng());
    case 3:
      return rng();
    case 4: {
      double d = std::bit_cast<double>(rng());
      return std::isfinite(d) ? d : 0.5;
    }
    case 5:
      return random_string();
    case 6: {
      nlohmann::json a = nlohmann::json::array();
      for (std::uint64_t n = rng() % 4; n > 0; --n) a.push_back(RandomValue(rng, depth + 1));
      return a;
    }
    default: {
      nlohmann::json o = nlohmann::json::object();
      for (std::uint64_t n = rng() % 4; n > 0; --n)
        o[random_string()] = RandomValue(rng, depth + 1);
      return o;
    }
  }
}

// Writing then reading then writing again gives the same bytes; the reader
// accepts everything the writer writes.
TEST(JcsTest, RandomValuesRoundTrip) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 3000; ++i) {
    const nlohmann::json value = RandomValue(rng, 0);
    const std::string text = Jcs(value);
    ASSERT_TRUE(Reads(text)) << text;
    const std::string again = Jcs(nlohmann::json::parse(text));
    ASSERT_EQ(again, text);
  }
}

}  // namespace
}  // namespace sluice::auditlog
