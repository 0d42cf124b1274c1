// End to end (issue 8, docs/masking.md): `sluice pull` by someone the
// policies let read but who lacks a column's clearance returns that column
// masked by the platform's rules; the cleared get the clear bytes; a
// contractor gets nothing of PCI data, masked or not; every masked read is
// an audit event of its own.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e/e2e_fixture.h"

namespace sluice::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class MaskedReadE2E : public SharedServerTest {
 protected:
  static std::vector<std::vector<std::string>> Rows(const std::string& csv) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) {
      std::vector<std::string> fields;
      std::istringstream l(line);
      for (std::string f; std::getline(l, f, ',');) fields.push_back(f);
      if (!line.empty() && line.back() == ',') fields.emplace_back();
      rows.push_back(fields);
    }
    return rows;
  }

  // 300 customers: 50 distinct emails, Luhn-valid test cards, birth dates.
  static std::string Customers() {
    fs::path dir = fs::path(scratch_dir()) / "customers";
    fs::create_directories(dir);
    std::ofstream out(dir / "customers.csv");
    out << "customer_id,email,card_number,date_of_birth,spend\n";
    for (int i = 1; i <= 300; ++i) {
      out << i << ",user" << (i % 50) << "@example.com,"
          << (i % 2 ? "4111111111111111" : "4012888888881881") << ",19" << (50 + i % 40) << "-0"
          << (1 + i % 9) << "-1" << (i % 10) << "," << (i % 97) << "\n";
    }
    return (dir / "customers.csv").string();
  }
};

TEST_F(MaskedReadE2E, TheUnclearedGetMaskedColumnsTheClearedGetTheData) {
  const As mona = Person("mona", {"data-engineer"}, {"clearances=[PII,PCI]"}, "discovery");
  const As nils = Person("nils", {"data-scientist"}, {}, "discovery");
  const As pia = Person("pia", {"data-scientist"}, {"clearances=[PII]"}, "discovery");
  const As cole =
      Person("cole", {"data-scientist"}, {"contractor=true", "country=XX"}, "discovery");

  Ok(Cli({"project", "create", "discovery/shop"}, mona));
  const std::string source = Customers();
  Ok(Cli({"push", source, "discovery/shop/customers"}, mona));
  const std::string original = ReadFile(source);

  // Mona is cleared for everything: the clear bytes.
  RunResult clear = Cli({"pull", "discovery/shop/customers", scratch_dir() + "/mona"}, mona);
  Ok(clear);
  EXPECT_EQ(ReadFile(scratch_dir() + "/mona/customers.csv"), original);
  EXPECT_THAT(clear.out, Not(HasSubstr("masked")));

  // Nils has no clearance: email tokenised, card partial, birth date year.
  RunResult masked = Cli({"pull", "discovery/shop/customers", scratch_dir() + "/nils"}, nils);
  Ok(masked);
  EXPECT_THAT(masked.out, HasSubstr("masked"));
  EXPECT_THAT(masked.out, HasSubstr("email"));
  const std::string nils_copy = ReadFile(scratch_dir() + "/nils/customers.csv");
  EXPECT_THAT(nils_copy, Not(HasSubstr("@example.com")));
  EXPECT_THAT(nils_copy, Not(HasSubstr("4111111111111111")));
  const auto rows = Rows(nils_copy);
  const auto source_rows = Rows(original);
  ASSERT_EQ(rows.size(), 301u);
  EXPECT_EQ(rows[0], source_rows[0]);
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 5u) << i;
    EXPECT_EQ(rows[i][0], source_rows[i][0]);
    EXPECT_THAT(rows[i][1], StartsWith("tok_"));
    EXPECT_EQ(rows[i][2], "************" + source_rows[i][2].substr(12));
    EXPECT_EQ(rows[i][3], source_rows[i][3].substr(0, 4));
    EXPECT_EQ(rows[i][4], source_rows[i][4]);
  }
  // Equal values, equal tokens: row 1 and row 51 share user1@example.com.
  EXPECT_EQ(rows[1][1], rows[51][1]);
  EXPECT_NE(rows[1][1], rows[2][1]);

  // Pia is cleared for PII only: emails and birth dates clear, cards masked.
  Ok(Cli({"pull", "discovery/shop/customers", scratch_dir() + "/pia"}, pia));
  const auto pia_rows = Rows(ReadFile(scratch_dir() + "/pia/customers.csv"));
  ASSERT_EQ(pia_rows.size(), 301u);
  EXPECT_EQ(pia_rows[7][1], source_rows[7][1]);
  EXPECT_EQ(pia_rows[7][3], source_rows[7][3]);
  EXPECT_THAT(pia_rows[7][2], StartsWith("****"));

  // Cole is a contractor: PCI data is refused, masked or not.
  RunResult refused = Cli({"pull", "discovery/shop/customers", scratch_dir() + "/cole"}, cole);
  EXPECT_EQ(refused.code(), 3) << refused.Describe();
  EXPECT_FALSE(fs::exists(scratch_dir() + "/cole/customers.csv"));

  // Every masked read is recorded as such, with the columns it hid.
  bool nils_recorded = false;
  for (const auto& e : server().Events()) {
    if (e["action"] != "asset.read-masked" || e["principal"]["name"] != "nils") continue;
    EXPECT_EQ(e["decision"], "allow");
    std::vector<std::string> columns;
    for (const auto& m : e["details"]["masked_columns"]) columns.push_back(m["column"]);
    EXPECT_THAT(columns, Contains("email"));
    EXPECT_THAT(columns, Contains("card_number"));
    EXPECT_THAT(columns, Not(Contains("spend")));
    nils_recorded = true;
  }
  EXPECT_TRUE(nils_recorded);
}

TEST_F(MaskedReadE2E, TheHttpApiPlansAndPagesAndRefusesBadInput) {
  const As otto = Person("otto", {"data-engineer"}, {"clearances=[PII,PCI]"}, "discovery");
  const As rita = Person("rita", {"data-scientist"}, {}, "discovery");
  const std::string& rita_token = rita.token;
  const std::string& rita_session = rita.session;
  Ok(Cli({"project", "create", "discovery/events"}, otto));
  fs::create_directories(scratch_dir() + "/events");
  {
    std::ofstream out(scratch_dir() + "/events/events.jsonl");
    for (int i = 0; i < 200; ++i) {
      out << "{\"n\":" << i << ",\"customer\":{\"email\":\"c" << i % 20
          << "@example.org\"},\"amount\":" << i << "}\n";
    }
  }
  Ok(Cli({"push", scratch_dir() + "/events/events.jsonl", "discovery/events/clicks"}, otto));
  RunResult shown = Cli({"show", "discovery/events/clicks", "--json"}, otto);
  Ok(shown);
  const std::string id = StdoutJson(shown)["id"];
  const std::vector<std::pair<std::string, std::string>> session{{"Sluice-Session", rita_session}};

  Result<http::Response> plan = server().Send(
      "GET", "/api/v1/read-plan?ref=discovery/events/clicks", rita_token, "", session);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->status, 200) << plan->body;
  const nlohmann::json p = nlohmann::json::parse(plan->body);
  EXPECT_EQ(p["mode"], "masked");
  ASSERT_EQ(p["masked"].size(), 1u) << p.dump();
  EXPECT_EQ(p["masked"][0]["column"], "customer.email");
  EXPECT_EQ(p["version"]["id"], id);

  Result<http::Response> page = server().Send(
      "GET", "/api/v1/versions/" + id + "/masked?file=events.jsonl", rita_token, "", session);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(page->headers.Get("Sluice-Rows"), "200");
  EXPECT_FALSE(page->headers.Has("Sluice-Next-Page"));
  EXPECT_THAT(page->body, Not(HasSubstr("@example.org")));
  EXPECT_THAT(page->body, HasSubstr("\"amount\":7"));

  // Bad input: a clear error and nothing read.
  Result<http::Response> bad_token =
      server().Send("GET", "/api/v1/versions/" + id + "/masked?file=events.jsonl&page=12.x.44",
                    rita_token, "", session);
  ASSERT_TRUE(bad_token.ok());
  EXPECT_EQ(bad_token->status, 400) << bad_token->body;
  Result<http::Response> no_file =
      server().Send("GET", "/api/v1/versions/" + id + "/masked", rita_token, "", session);
  ASSERT_TRUE(no_file.ok());
  EXPECT_EQ(no_file->status, 400);
  Result<http::Response> missing = server().Send(
      "GET", "/api/v1/versions/" + id + "/masked?file=other.csv", rita_token, "", session);
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 404) << missing->body;
  // Without a session the policies allow no read at all, masked or not.
  Result<http::Response> no_session =
      server().Send("GET", "/api/v1/versions/" + id + "/masked?file=events.jsonl", rita_token);
  ASSERT_TRUE(no_session.ok());
  EXPECT_EQ(no_session->status, 403);
}

}  // namespace
}  // namespace sluice::e2e
