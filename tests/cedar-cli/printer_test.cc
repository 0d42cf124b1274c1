// Tests of the policy printer (`sluice policy format`): golden layouts,
// idempotence (format(format(x)) == format(x)) and equivalence (the
// formatted text parses to the same policies), on hand-written policies and
// on every .cedar file under the directories named in CEDAR_FORMAT_DIRS
// (colon-separated; the Cedar integration tests and, when unpacked, their
// corpus).
#include "policy/printer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "policy/parser.h"

namespace sluice::policy {
namespace {

std::string Format(std::string_view text) {
  auto r = FormatPolicies(text, "test.cedar");
  EXPECT_TRUE(r.ok()) << r.status().message() << "\n" << text;
  return r.ok() ? *r : std::string();
}

// The policies as the AST prints them (ids, annotations, scope, conditions).
std::vector<std::string> Ast(std::string_view text) {
  std::vector<std::string> out;
  auto ps = ParsePolicies(text, "t");
  if (!ps.ok()) {
    out.push_back("PARSE ERROR: " + ps.status().message());
    return out;
  }
  for (const auto& p : *ps) out.push_back(p->id + " " + p->ToString());
  return out;
}

// Formats `text`; checks idempotence and equivalence; returns the result.
std::string CheckRoundTrip(std::string_view text, const std::string& what) {
  std::string once = Format(text);
  std::string twice = Format(once);
  EXPECT_EQ(once, twice) << what << ": formatting is not idempotent";
  EXPECT_EQ(Ast(text), Ast(once)) << what << ": formatted policies differ\n" << once;
  return once;
}

TEST(PrinterTest, SimpleScopeOnOneLine) {
  EXPECT_EQ(CheckRoundTrip("permit(principal,action,resource);", "simple"),
            "permit (principal, action, resource);\n");
}

TEST(PrinterTest, ConstrainedScopeOnePerLine) {
  EXPECT_EQ(CheckRoundTrip("permit(principal == User::\"a\", action, resource) when "
                           "{ resource.x>1 };",
                           "scope"),
            "permit (\n  principal == User::\"a\",\n  action,\n  resource\n)\nwhen { resource.x > "
            "1 };\n");
}

TEST(PrinterTest, AnnotationsAndSeveralPolicies) {
  EXPECT_EQ(CheckRoundTrip("@id(\"x\") @advice permit(principal,action,resource);"
                           "forbid(principal,action,resource) unless { context.a };",
                           "annotations"),
            "@id(\"x\")\n@advice\npermit (principal, action, resource);\n\n"
            "forbid (principal, action, resource)\nunless { context.a };\n");
}

TEST(PrinterTest, TokensSpacedAsCedarPrintsThem) {
  EXPECT_EQ(
      CheckRoundTrip("permit(principal,action,resource) when{[1,2,3].contains(-1)&&{a:1,\"b c\":"
                     "ip(\"1.2.3.4\")}.a==- -1&&!!true&&context[\"k\"].x has y.z&&[]==[]&&{}=={}"
                     "&&principal is Ns::User in Ns::G::\"g\"&&context.s like \"a*\\*\"}; ",
                     "tokens"),
      "permit (principal, action, resource)\nwhen\n{\n  [1, 2, 3].contains(-1) &&\n"
      "  { a: 1, \"b c\": ip(\"1.2.3.4\") }.a == - -1 &&\n  !!true &&\n"
      "  context[\"k\"].x has y.z &&\n  [] == [] &&\n  {} == {} &&\n"
      "  principal is Ns::User in Ns::G::\"g\" &&\n  context.s like \"a*\\*\"\n};\n");
}

TEST(PrinterTest, LongConditionBrokenAtTopLevelOperators) {
  std::string in =
      "permit(principal,action,resource) when { context.aaaaaaaaaaaaaaaaaaaaaaaaaa && "
      "(context.b || context.c) || context.dddddddddddddddddddddddddddddddddddddd };";
  EXPECT_EQ(
      CheckRoundTrip(in, "long"),
      "permit (principal, action, resource)\nwhen\n{\n  context.aaaaaaaaaaaaaaaaaaaaaaaaaa &&\n"
      "  (context.b || context.c) ||\n  context.dddddddddddddddddddddddddddddddddddddd\n};\n");
}

TEST(PrinterTest, LongIfThenElse) {
  std::string in =
      "permit(principal,action,resource) when { if context.aaaaaaaaaaaaaaaaaaaaaaa then "
      "context.bbbbbbbbbbbbbbbbbbbbbbbbbbbbb else context.c && context.ddddddddddddddddd };";
  EXPECT_EQ(
      CheckRoundTrip(in, "if"),
      "permit (principal, action, resource)\nwhen\n{\n  if\n    context.aaaaaaaaaaaaaaaaaaaaaaa\n"
      "  then\n    context.bbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n  else\n"
      "    context.c && context.ddddddddddddddddd\n};\n");
}

TEST(PrinterTest, CommentsKept) {
  std::string in =
      "// head\npermit(principal, action, resource) // trailing\n"
      "when { context.a // inner\n && context.b };\n// between\n"
      "forbid(principal, action, resource);\n// end\n";
  std::string out = CheckRoundTrip(in, "comments");
  for (const char* c : {"// head", "// trailing", "// inner", "// between", "// end"}) {
    EXPECT_NE(out.find(c), std::string::npos) << c << "\n" << out;
  }
  EXPECT_EQ(out.rfind("// end\n"), out.size() - 7);
}

TEST(PrinterTest, TemplatesAndEmptyInput) {
  CheckRoundTrip("permit(principal == ?principal, action, resource in ?resource);", "template");
  EXPECT_EQ(Format(""), "");
  EXPECT_EQ(Format("// only a comment\n"), "// only a comment\n");
}

TEST(PrinterTest, ParseErrorsAreReported) {
  auto r = FormatPolicies("permit(principal, action);", "bad.cedar");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad.cedar:1:"), std::string::npos) << r.status().message();
}

// Every .cedar file under CEDAR_FORMAT_DIRS.
TEST(PrinterTest, CorpusRoundTrips) {
  const char* dirs = std::getenv("CEDAR_FORMAT_DIRS");
  // ctest sets it (tests/cedar-cli/CMakeLists.txt); run by hand without it,
  // the test fails rather than skip, so a skip can never pass as a pass.
  if (dirs == nullptr || *dirs == '\0') FAIL() << "CEDAR_FORMAT_DIRS not set";
  std::stringstream list(dirs);
  std::string dir;
  size_t files = 0, parsed = 0;
  while (std::getline(list, dir, ':')) {
    if (dir.empty() || !std::filesystem::exists(dir)) continue;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".cedar") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      ++files;
      if (!ParsePolicies(text, "t").ok()) continue;  // the corpus holds some invalid files
      ++parsed;
      CheckRoundTrip(text, e.path().string());
      if (HasFailure()) return;  // one reported file is enough
    }
  }
  std::printf("formatted %zu of %zu .cedar files\n", parsed, files);
  EXPECT_GT(files, 0u);
}

}  // namespace
}  // namespace sluice::policy
