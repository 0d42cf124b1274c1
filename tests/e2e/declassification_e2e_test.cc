// End to end (issue 8, docs/declassification.md): a label comes off a
// version only through a request by someone cleared for it and an approval
// by someone else; until then nothing changes; afterwards reads follow.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "e2e/e2e_fixture.h"

namespace sluice::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

class DeclassificationE2E : public SharedServerTest {};

TEST_F(DeclassificationE2E, ALabelComesOffOnlyThroughAnIndependentApproval) {
  const As dora = Person("dora", {"data-engineer"}, {"clearances=[PII,PCI]"}, "discovery");
  const As vic = Person("vic", {"data-scientist"}, {}, "discovery");
  const As ned = Person("ned", {"data-scientist"}, {"clearances=[PCI]"}, "discovery");
  const As amy = Person("amy", {"approver"}, {}, "");

  Ok(Cli({"project", "create", "discovery/crm"}, dora));
  fs::create_directories(scratch_dir() + "/crm");
  {
    std::ofstream out(scratch_dir() + "/crm/contacts.csv");
    out << "id,email,card_number\n";
    for (int i = 1; i <= 100; ++i) {
      out << i << ",person" << i << "@example.com,4111111111111111\n";
    }
  }
  Ok(Cli({"push", scratch_dir() + "/crm/contacts.csv", "discovery/crm/contacts"}, dora));

  // Before: vic reads emails as tokens.
  Ok(Cli({"pull", "discovery/crm/contacts", scratch_dir() + "/before"}, vic));
  EXPECT_THAT(ReadFile(scratch_dir() + "/before/contacts.csv"), Not(HasSubstr("@example.com")));

  // Bad requests change nothing: a label the version does not carry, one
  // that is not a label, a missing reason; and ned is not cleared for PII.
  EXPECT_EQ(Cli({"declassify", "request", "discovery/crm/contacts", "--label", "PHI", "--why",
                 "no health data in here"},
                dora)
                .code(),
            1);
  EXPECT_EQ(Cli({"declassify", "request", "discovery/crm/contacts", "--label", "SECRET", "--why",
                 "not a label at all"},
                dora)
                .code(),
            1);
  EXPECT_EQ(
      Cli({"declassify", "request", "discovery/crm/contacts", "--label", "PII", "--why", "x"}, dora)
          .code(),
      1);
  EXPECT_EQ(Cli({"declassify", "request", "discovery/crm/contacts", "--label", "PII", "--why",
                 "emails are synthetic test addresses"},
                ned)
                .code(),
            3);
  RunResult none = Cli({"declassify", "ls", "--json"}, dora);
  Ok(none);
  EXPECT_TRUE(StdoutJson(none)["declassifications"].empty());

  RunResult asked = Cli({"declassify", "request", "discovery/crm/contacts", "--label", "PII",
                         "--why", "emails are synthetic test addresses", "--json"},
                        dora);
  Ok(asked);
  const nlohmann::json request = StdoutJson(asked);
  const std::string id = request["id"];
  EXPECT_EQ(request["state"], "awaiting-approval");
  // Nothing changed yet.
  RunResult pending = Cli({"show", "discovery/crm/contacts", "--json"}, dora);
  Ok(pending);
  EXPECT_THAT(StdoutJson(pending)["classification"], Contains("PII"));

  // The requester may not approve; nor may a data scientist.
  EXPECT_EQ(Cli({"declassify", "approve", id}, dora).code(), 3);
  EXPECT_EQ(Cli({"declassify", "approve", id}, ned).code(), 3);
  RunResult approved = Cli({"declassify", "approve", id, "--comment", "checked", "--json"}, amy);
  Ok(approved);
  EXPECT_EQ(StdoutJson(approved)["state"], "approved");
  // Decided once: a second decision is refused.
  EXPECT_EQ(Cli({"declassify", "reject", id}, amy).code(), 1);

  RunResult after = Cli({"show", "discovery/crm/contacts", "--json"}, dora);
  Ok(after);
  EXPECT_THAT(StdoutJson(after)["classification"], Not(Contains("PII")));
  EXPECT_THAT(StdoutJson(after)["classification"], Contains("PCI"));

  // After: emails in the clear for vic, cards still masked.
  Ok(Cli({"pull", "discovery/crm/contacts", scratch_dir() + "/after"}, vic));
  const std::string text = ReadFile(scratch_dir() + "/after/contacts.csv");
  EXPECT_THAT(text, HasSubstr("person7@example.com"));
  EXPECT_THAT(text, Not(HasSubstr("4111111111111111")));

  bool requested = false;
  bool decided = false;
  for (const auto& e : server().Events()) {
    requested |= e["action"] == "declassification.request" && e["decision"] == "allow" &&
                 e["details"]["declassification"] == id;
    decided |= e["action"] == "declassification.approve" && e["decision"] == "allow" &&
               e["principal"]["name"] == "amy" && e["details"]["state"] == "approved";
  }
  EXPECT_TRUE(requested);
  EXPECT_TRUE(decided);
}

}  // namespace
}  // namespace sluice::e2e
