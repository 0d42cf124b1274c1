#include "platform/parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "platform/test_helpers.h"
#include "platform/utf8.h"

namespace sluice::platform {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;
using testing_helpers::DiagAt;
using testing_helpers::Diagnose;

constexpr std::string_view kFull = R"(apiVersion: sluice/v1
name: full
description: Every field set
require_automation: false
environments:
  - name: infra-dev
    track: infra
    data: synthetic
    mode: interactive
    description: tools
  - name: discovery
    track: data
    data: production
    mode: interactive
    storage_domain: disc-store
    copy_retention: 12h
  - name: production
    track: data
    data: production
    mode: automation
promotions:
  - from: discovery
    to: production
    kind: data
  - from: infra-dev
    to: [discovery, production]
    kind: infra
)";

TEST(ParserTest, ReadsEveryField) {
  ParseOutcome outcome = ParsePlatform(kFull, "full.yaml");
  ASSERT_TRUE(outcome.ok()) << FormatDiagnostics(outcome.diagnostics);
  const Platform& p = *outcome.platform;
  EXPECT_EQ(p.name, "full");
  EXPECT_EQ(p.description, "Every field set");
  EXPECT_FALSE(p.require_automation);
  ASSERT_THAT(p.environments, SizeIs(3));

  const Environment& infra = p.environments[0];
  EXPECT_EQ(infra.name, "infra-dev");
  EXPECT_EQ(infra.track, Track::kInfra);
  EXPECT_EQ(infra.data, DataClass::kSynthetic);
  EXPECT_EQ(infra.mode, Mode::kInteractive);
  EXPECT_EQ(infra.storage_domain, "infra-dev");  // defaults to the name
  EXPECT_FALSE(infra.copy_retention.has_value());
  EXPECT_EQ(infra.description, "tools");

  const Environment& discovery = p.environments[1];
  EXPECT_EQ(discovery.storage_domain, "disc-store");
  EXPECT_EQ(discovery.copy_retention, std::chrono::hours(12));
  EXPECT_EQ(discovery.pos.name.line, 11);
  EXPECT_EQ(discovery.pos.name.column, 11);
  EXPECT_EQ(discovery.pos.storage_domain.line, 15);

  ASSERT_THAT(p.promotions, SizeIs(2));
  EXPECT_EQ(p.promotions[0].from, "discovery");
  EXPECT_THAT(p.promotions[0].to, ElementsAre("production"));
  EXPECT_EQ(p.promotions[0].kind, PromotionKind::kData);
  EXPECT_THAT(p.promotions[1].to, ElementsAre("discovery", "production"));
  EXPECT_EQ(p.promotions[1].kind, PromotionKind::kInfra);
  EXPECT_EQ(p.ReleaseTrain(), &p.promotions[1]);
}

TEST(ParserTest, OptionalKeysTakeTheirDefaults) {
  ParseOutcome outcome = ParsePlatform(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: production, track: data, data: production, mode: automation}
promotions: []
)",
                                       "mini.yaml");
  ASSERT_TRUE(outcome.ok()) << FormatDiagnostics(outcome.diagnostics);
  EXPECT_FALSE(outcome.platform->require_automation);
  EXPECT_EQ(outcome.platform->description, "");
  EXPECT_THAT(outcome.platform->promotions, IsEmpty());
}

TEST(ParserTest, YamlSyntaxError) {
  std::vector<Diagnostic> d = Diagnose("apiVersion: sluice/v1\nenvironments: [a, b\n");
  ASSERT_THAT(d, ElementsAre(DiagAt(3, 1, "yaml-syntax")));
  EXPECT_THAT(d[0].message, HasSubstr("end of sequence flow not found"));
}

TEST(ParserTest, InvalidUtf8IsASyntaxError) {
  // Names and descriptions end up in JSON, which must be valid UTF-8.
  EXPECT_THAT(Diagnose("apiVersion: sluice/v1\nname: caf\xc3\xa9\xba\n"),
              ElementsAre(DiagAt(2, 12, "yaml-syntax")));  // columns count bytes
  EXPECT_THAT(Diagnose("name: \xed\xa0\x80\n"),
              ElementsAre(DiagAt(1, 7, "yaml-syntax")));                                // surrogate
  EXPECT_THAT(Diagnose("name: \xc0\xaf\n"), ElementsAre(DiagAt(1, 7, "yaml-syntax")));  // overlong
  EXPECT_THAT(Diagnose("name: \xe2\x82"), ElementsAre(DiagAt(1, 7, "yaml-syntax")));    // truncated
  // A NUL would make yaml-cpp decode the file as UTF-16 or UTF-32.
  EXPECT_THAT(Diagnose(std::string("a: 1\nb: \xc3\xa9\0", 11)),
              ElementsAre(DiagAt(2, 6, "yaml-syntax")));
}

TEST(ParserTest, YamlCppMessagesStayValidUtf8) {
  // yaml-cpp quotes the single byte after a backslash, here the first byte of "é".
  std::vector<Diagnostic> d = Diagnose("name: \"\\\xc3\xa9\"\n");
  ASSERT_THAT(d, ElementsAre(DiagAt(1, 10, "yaml-syntax")));
  EXPECT_EQ(InvalidUtf8At(d[0].message), std::string_view::npos) << d[0].message;
}

TEST(ParserTest, EmptyFile) {
  EXPECT_THAT(Diagnose(""), ElementsAre(DiagAt(1, 1, "bad-value")));
  EXPECT_THAT(Diagnose("# only a comment\n"), ElementsAre(DiagAt(1, 1, "bad-value")));
  EXPECT_THAT(Diagnose("---\n"), ElementsAre(DiagAt(1, 1, "bad-value")));
}

TEST(ParserTest, ListInsteadOfMap) {
  std::vector<Diagnostic> d = Diagnose("- apiVersion: sluice/v1\n- name: x\n");
  ASSERT_THAT(d, ElementsAre(DiagAt(1, 1, "bad-value")));
  EXPECT_THAT(d[0].message, HasSubstr("must be a map"));
  EXPECT_THAT(d[0].message, HasSubstr("not a list"));
}

TEST(ParserTest, MoreThanOneDocument) {
  std::string text(kFull);
  text += "---\nname: second\n";
  EXPECT_THAT(Diagnose(text), ElementsAre(DiagAt(28, 1, "bad-value")));
}

TEST(ParserTest, MalformedStreamThatHangsYamlCppLoadAll) {
  // YAML::LoadAll in yaml-cpp 0.7 never returns on this input (found by platform_fuzz).
  EXPECT_THAT(Diagnose(" b:  1- \n,[ a-b: [1, 2]\n"), Not(IsEmpty()));
}

TEST(ParserTest, UnknownKeyAtTopLevel) {
  std::string text(kFull);
  text.replace(text.find("description: Every"), 12, "descripton:");
  std::vector<Diagnostic> d = Diagnose(text);
  ASSERT_THAT(d, ElementsAre(DiagAt(3, 1, "unknown-key")));
  EXPECT_EQ(d[0].message, "platform: unknown key \"descripton\"; did you mean \"description\"?");
}

TEST(ParserTest, UnknownKeyInEnvironmentAndStep) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: production, track: data, data: production, mode: automation, owner: me}
  - {name: final, track: data, data: production, mode: automation}
promotions:
  - {from: production, to: final, kind: data, gate: strict}
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(4, 73, "unknown-key"), DiagAt(7, 47, "unknown-key")));
  EXPECT_THAT(d[0].message, HasSubstr("environment \"production\": unknown key \"owner\"; "
                                      "expected one of name, track, data, mode"));
}

TEST(ParserTest, MissingKeys) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
environments:
  - {name: production, data: production, mode: automation}
promotions:
  - {from: production, kind: data}
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(1, 1, "missing-key"), DiagAt(3, 5, "missing-key"),
                             DiagAt(5, 5, "missing-key")));
  EXPECT_THAT(d[0].message, HasSubstr("\"name\""));
  EXPECT_THAT(d[1].message,
              HasSubstr("environment \"production\": missing required key \"track\""));
  EXPECT_THAT(d[2].message, HasSubstr("promotion #1: missing required key \"to\""));
}

TEST(ParserTest, BadValues) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v2
name: [mini]
require_automation: yes
environments:
  - name: production
    track: datta
    data: production
    mode: automation
    copy_retention: 30 days
  - name: discovery
    track: data
    data: production
    mode: interactive
    description:
promotions:
  - {from: discovery, to: [], kind: data}
  - {from: discovery, to: [[production]], kind: release}
)");
  EXPECT_THAT(d, ElementsAre(DiagAt(1, 13, "bad-value"), DiagAt(2, 7, "bad-value"),
                             DiagAt(3, 21, "bad-value"), DiagAt(6, 12, "bad-value"),
                             DiagAt(9, 21, "bad-value"), DiagAt(14, 5, "bad-value"),
                             DiagAt(16, 27, "bad-value"), DiagAt(17, 28, "bad-value"),
                             DiagAt(17, 49, "bad-value")));
  EXPECT_THAT(d[3].message, HasSubstr("\"track\" is \"datta\"; expected infra or data"));
  EXPECT_THAT(d[4].message, HasSubstr("\"copy_retention\" is \"30 days\""));
}

TEST(ParserTest, NonMapEntries) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - production
promotions:
  - discovery -> production
)"),
              ElementsAre(DiagAt(4, 5, "bad-value"), DiagAt(6, 5, "bad-value")));
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments: {production: {}}
promotions: none
)"),
              ElementsAre(DiagAt(3, 15, "bad-value"), DiagAt(4, 13, "bad-value")));
}

TEST(ParserTest, DuplicateKey) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: production, track: data, data: production, mode: automation, mode: interactive}
promotions: []
)");
  ASSERT_THAT(d, ElementsAre(DiagAt(4, 73, "duplicate-key")));
  EXPECT_THAT(d[0].message, HasSubstr("already set at line 4, column 55"));
}

TEST(ParserTest, ReportsEveryErrorInFileOrder) {
  std::vector<Diagnostic> d = Diagnose(R"(apiVersion: sluice/v1
name: Mini
environments:
  - {name: infra-dev, track: infra, data: production, mode: interactive}
  - {name: discovery, track: data, data: production, mode: interactive, colour: red}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: production, to: integration, kind: data}
)");
  EXPECT_THAT(d, ElementsAre(DiagAt(2, 7, "name-format"), DiagAt(4, 43, "infra-production-data"),
                             DiagAt(5, 73, "unknown-key"), DiagAt(8, 28, "path-unknown-env")));
}

TEST(ParserTest, StepsNamingAMalformedEnvironmentAreNotReportedTwice) {
  // "discovery" is declared but broken; the step naming it must not add path-unknown-env, and the
  // whole-platform rules stay quiet because the platform is incomplete.
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: discovery, track: data, data: production, mode: sometimes}
  - {name: production, track: data, data: production, mode: automation}
promotions:
  - {from: discovery, to: production, kind: data}
)"),
              ElementsAre(DiagAt(4, 60, "bad-value")));
}

TEST(ParserTest, NamesOfMalformedEnvironmentsAreStillChecked) {
  EXPECT_THAT(Diagnose(R"(apiVersion: sluice/v1
name: mini
environments:
  - {name: Discovery, track: data, data: production, mode: interactive, copy_retention: 1y}
  - {name: production, track: data, data: production, mode: automation}
promotions: []
)"),
              ElementsAre(DiagAt(4, 12, "name-format"), DiagAt(4, 89, "bad-value")));
}

TEST(ParserTest, StopsAfterTooManyErrors) {
  std::string text = "apiVersion: sluice/v1\nname: mini\n";
  for (int i = 0; i < 150; ++i) text.append("junk").append(std::to_string(i)).append(": 1\n");
  std::vector<Diagnostic> d = Diagnose(text);
  ASSERT_THAT(d, SizeIs(kMaxDiagnostics + 1));
  EXPECT_EQ(d.back().rule, "too-many-errors");
}

TEST(ParserTest, DiagnosticFormat) {
  Diagnostic d{"five.yaml", 12, 11, "name-format", "bad"};
  EXPECT_EQ(d.ToString(), "five.yaml:12:11: error [name-format]: bad");
  d.line = 0;
  EXPECT_EQ(d.ToString(), "five.yaml: error [name-format]: bad");
  EXPECT_EQ(Quoted("a\nb"), "\"a b\"");
  EXPECT_EQ(Quoted(std::string(70, 'x')), std::string(R"(")") + std::string(64, 'x') + "...\"");
  // 63 ASCII bytes then a two-byte character: the cut must not split it.
  EXPECT_EQ(Quoted(std::string(63, 'x') + "\xc3\xa9yz"),
            std::string(R"(")") + std::string(63, 'x') + "...\"");
}

class LoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / "platform_test";
    dir_ += std::to_string(::getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, std::string_view text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(LoadTest, LoadsAFile) {
  const std::string path = Write("full.yaml", kFull);
  ParseOutcome outcome = LoadPlatformFile(path);
  ASSERT_TRUE(outcome.ok()) << FormatDiagnostics(outcome.diagnostics);
  Result<Platform> p = LoadPlatform(path);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->name, "full");
}

TEST_F(LoadTest, MissingFileIsAFileReadDiagnosticAndNotFound) {
  const std::string path = (dir_ / "nope.yaml").string();
  ParseOutcome outcome = LoadPlatformFile(path);
  ASSERT_THAT(outcome.diagnostics, SizeIs(1));
  EXPECT_EQ(outcome.diagnostics[0].rule, "file-read");
  EXPECT_EQ(outcome.diagnostics[0].line, 0);
  EXPECT_EQ(outcome.diagnostics[0].ToString(), path + ": error [file-read]: no such file");
  EXPECT_EQ(LoadPlatform(path).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(LoadPlatform(path).status().message(), outcome.diagnostics[0].ToString());
  EXPECT_EQ(LoadPlatform(dir_.string()).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(LoadTest, LoadPlatformMessageHasEveryDiagnosticOnItsOwnLine) {
  const std::string path = Write("bad.yaml", "apiVersion: sluice/v1\nname: Bad\nextra: 1\n");
  Result<Platform> p = LoadPlatform(path);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  const std::vector<Diagnostic> d = LoadPlatformFile(path).diagnostics;
  ASSERT_THAT(d, SizeIs(4));  // 2 missing keys, name-format, unknown-key
  std::string expected;
  for (const Diagnostic& x : d) expected.append(x.ToString()).append("\n");
  expected.pop_back();
  EXPECT_EQ(p.status().message(), expected);
  EXPECT_THAT(expected, HasSubstr(path + ":3:1: error [unknown-key]"));
}

// The fuzz seed corpus doubles as a regression suite in ordinary builds: none of it may crash,
// and every file either parses or explains why not.
TEST(ParserTest, FuzzCorpusNeverCrashes) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SLUICE_PLATFORM_FUZZ_CORPUS)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    ParseOutcome outcome = ParsePlatform(text.str(), entry.path().filename().string());
    EXPECT_NE(outcome.platform.has_value(), !outcome.diagnostics.empty()) << entry.path();
    ++files;
  }
  EXPECT_GT(files, 0u);
}

}  // namespace
}  // namespace sluice::platform
