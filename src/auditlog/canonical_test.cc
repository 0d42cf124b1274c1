#include "auditlog/canonical.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>

#include "auditlog/test_util.h"

namespace sluice::auditlog {
namespace {

audit::Event Sample() {
  audit::Event e;
  e.time_ms = 1764140804123;
  e.request_id = "req-1";
  e.principal = "alice";
  e.principal_kind = "user";
  e.action = "principal.create";
  e.resource_type = "Platform";
  e.resource_id = "five-stage";
  e.environment = "";
  e.allowed = true;
  e.determining_policies = {"admin-all"};
  e.outcome = "ok";
  e.client_address = "127.0.0.1";
  e.user_agent = "sluice-cli/0.1";
  e.details = {{"roles", {"reader"}}, {"name", "bob"}};
  return e;
}

constexpr char kSampleAtSeq0[] =
    R"({"action":"principal.create","client_address":"127.0.0.1","decision":"allow",)"
    R"("details":{"name":"bob","roles":["reader"]},"determining_policies":["admin-all"],)"
    R"("environment":"","outcome":"ok","policy_errors":[],"prev":"",)"
    R"("principal":{"kind":"user","name":"alice"},"request_id":"req-1",)"
    R"("resource":{"id":"five-stage","type":"Platform"},"seq":0,"session":null,)"
    R"("time":"2025-11-26T07:06:44.123Z","user_agent":"sluice-cli/0.1"})";

const std::string kPrev(64, 'a');

TEST(CanonicalTest, ExactBytesOfASampleEvent) {
  Result<std::string> line = CanonicalEvent(Sample(), 0, "");
  ASSERT_TRUE(line.ok()) << line.status().ToString();
  EXPECT_EQ(*line, kSampleAtSeq0);

  Result<std::string> later = CanonicalEvent(Sample(), 7, kPrev);
  ASSERT_TRUE(later.ok());
  std::string expected = kSampleAtSeq0;
  expected.replace(expected.find("\"prev\":\"\""), 9, "\"prev\":\"" + kPrev + "\"");
  expected.replace(expected.find("\"seq\":0"), 7, "\"seq\":7");
  EXPECT_EQ(*later, expected);
}

TEST(CanonicalTest, DenyAndEscapes) {
  audit::Event e = Sample();
  e.allowed = false;
  e.outcome = "permission-denied";
  e.user_agent = "curl \"x\"\\\n\t\x01\xC3\xA9\xFF";
  e.details = nlohmann::json::object();
  Result<std::string> line = CanonicalEvent(e, 3, kPrev);
  ASSERT_TRUE(line.ok());
  EXPECT_NE(line->find(R"("decision":"deny")"), std::string::npos);
  EXPECT_NE(line->find(R"("details":{})"), std::string::npos);
  EXPECT_NE(line->find("\"user_agent\":\"curl \\\"x\\\"\\\\\\n\\t\\u0001\xC3\xA9\xEF\xBF\xBD\"}"),
            std::string::npos)
      << *line;
  EXPECT_EQ(line->find('\n'), std::string::npos);  // one line, always
}

TEST(CanonicalTest, ParsesBackWhatItWrites) {
  Result<std::string> line = CanonicalEvent(Sample(), 7, kPrev);
  ASSERT_TRUE(line.ok());
  Result<StoredEvent> stored = ParseStoredEvent(*line);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->seq, 7u);
  EXPECT_EQ(stored->prev, kPrev);
  const audit::Event& e = stored->event;
  const audit::Event s = Sample();
  EXPECT_EQ(e.time_ms, s.time_ms);
  EXPECT_EQ(e.request_id, s.request_id);
  EXPECT_EQ(e.principal, s.principal);
  EXPECT_EQ(e.principal_kind, s.principal_kind);
  EXPECT_EQ(e.action, s.action);
  EXPECT_EQ(e.resource_type, s.resource_type);
  EXPECT_EQ(e.resource_id, s.resource_id);
  EXPECT_EQ(e.environment, s.environment);
  EXPECT_EQ(e.allowed, s.allowed);
  EXPECT_EQ(e.determining_policies, s.determining_policies);
  EXPECT_EQ(e.policy_errors, s.policy_errors);
  EXPECT_EQ(e.outcome, s.outcome);
  EXPECT_EQ(e.client_address, s.client_address);
  EXPECT_EQ(e.user_agent, s.user_agent);
  EXPECT_EQ(e.details, s.details);

  Result<EventLink> link = ScanStoredEvent(*line);
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(link->seq, 7u);
  EXPECT_EQ(link->prev_hex, kPrev);
}

TEST(CanonicalTest, SessionIsNullOrItsFourMembers) {
  audit::Event e = Sample();
  EXPECT_NE(CanonicalEvent(e, 7, kPrev)->find(",\"session\":null,"), std::string::npos);
  e.session = audit::SessionRef{"s-1", "churn \"model\"", "discovery", true};
  Result<std::string> line = CanonicalEvent(e, 7, kPrev);
  ASSERT_TRUE(line.ok());
  EXPECT_NE(line->find(",\"session\":{\"break_glass\":true,\"environment\":\"discovery\","
                       "\"id\":\"s-1\",\"purpose\":\"churn \\\"model\\\"\"},"),
            std::string::npos)
      << *line;
  Result<StoredEvent> stored = ParseStoredEvent(*line);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->event.session, e.session);
  // Members out of order are not canonical.
  std::string swapped = *line;
  swapped.replace(swapped.find("\"break_glass\":true,"), 19, "");
  EXPECT_FALSE(ParseStoredEvent(swapped).ok());
}

TEST(CanonicalTest, ScanDecodesTheIndexedKeys) {
  Result<std::string> line = CanonicalEvent(Sample(), 7, kPrev);
  ASSERT_TRUE(line.ok());
  EventKeys keys;
  ASSERT_TRUE(ScanStoredEvent(*line, &keys).ok());
  EXPECT_EQ(keys.principal, Sample().principal);
  EXPECT_EQ(keys.action, Sample().action);
  EXPECT_EQ(keys.environment, Sample().environment);
  EXPECT_EQ(keys.allowed, Sample().allowed);
}

TEST(CanonicalTest, RejectsAnythingNotCanonical) {
  const std::string good = *CanonicalEvent(Sample(), 7, kPrev);
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const std::size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  const std::string bad[] = {
      with("{\"action\"", "{ \"action\""),                       // whitespace
      with("\"decision\":\"allow\"", "\"decision\":\"maybe\""),  // not a decision
      with("\"seq\":7", "\"seq\":07"),                           // leading zero
      with("\"seq\":7", "\"seq\":-7"),                           // negative
      with("\"session\":null", "\"session\":{}"),                // session must be null
      with("2025-11-26", "2025-02-30"),                          // no such day
      with(".123Z", ".123+00:00"),                               // not our time form
      with(kPrev, std::string(64, 'A')),                         // uppercase hex
      with(kPrev, std::string(63, 'a')),                         // short hash
      with("\"prev\":\"" + kPrev + "\"", "\"prev\":\"\""),       // empty prev after seq 0
      with("\"name\":\"bob\",\"roles\"", "\"roles\":[\"reader\"],\"name\":\"bob\",\"roles\""),
      with("\"request_id\":\"req-1\",", ""),  // missing member
      with("\"req-1\"", "\"req\\u002d1\""),   // needless escape
      good + "\n",                            // trailing byte
      good + " ",
      "",
  };
  for (const std::string& line : bad) {
    EXPECT_FALSE(ParseStoredEvent(line).ok()) << line;
    EXPECT_FALSE(ScanStoredEvent(line).ok()) << line;
  }
  EXPECT_FALSE(ParseStoredEvent(*CanonicalEvent(Sample(), 0, kPrev)).ok());  // prev at seq 0
}

TEST(CanonicalTest, RefusesEventsWithoutCanonicalForm) {
  audit::Event e = Sample();
  e.details = {{"x", std::numeric_limits<double>::quiet_NaN()}};
  EXPECT_EQ(EncodeEvent(e).status().code(), StatusCode::kInvalidArgument);
  e = Sample();
  e.time_ms = -62167219200001;  // the millisecond before year 0000
  EXPECT_EQ(EncodeEvent(e).status().code(), StatusCode::kInvalidArgument);
  e.time_ms = 253402300800000;  // year 10000
  EXPECT_EQ(EncodeEvent(e).status().code(), StatusCode::kInvalidArgument);
  e.time_ms = 253402300799999;  // the last millisecond of 9999
  ASSERT_TRUE(EncodeEvent(e).ok());
  Result<StoredEvent> back = ParseStoredEvent(*CanonicalEvent(e, 0, ""));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->event.time_ms, e.time_ms);
}

TEST(CanonicalTest, RandomEventsRoundTripExactly) {
  std::mt19937_64 rng(7);
  const std::vector<std::string> pieces = {
      "a", "\"", "\\", "\n", "\x02", "\xC3\xA9", "\xF0\x9F\x98\x80", "\xFF", "-", " ", "0"};
  auto text = [&] {
    std::string s;
    for (std::uint64_t n = rng() % 6; n > 0; --n) s += pieces[rng() % pieces.size()];
    return s;
  };
  for (int i = 0; i < 2000; ++i) {
    audit::Event e;
    e.time_ms = static_cast<std::int64_t>(rng() % 253402300800000);
    e.request_id = text();
    e.principal = text();
    e.principal_kind = text();
    e.action = text();
    e.resource_type = text();
    e.resource_id = text();
    e.environment = text();
    e.allowed = rng() % 2 == 0;
    for (std::uint64_t n = rng() % 3; n > 0; --n) e.determining_policies.push_back(text());
    for (std::uint64_t n = rng() % 3; n > 0; --n) e.policy_errors.push_back(text());
    e.outcome = text();
    e.client_address = text();
    e.user_agent = text();
    e.details = {{text(), static_cast<std::int64_t>(rng())},
                 {"d", 0.1 * static_cast<double>(rng() % 1000)}};
    const std::uint64_t seq = rng() % 1000 + 1;
    Result<std::string> line = CanonicalEvent(e, seq, kPrev);
    ASSERT_TRUE(line.ok());
    Result<StoredEvent> stored = ParseStoredEvent(*line);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString() << "\n" << *line;
    Result<std::string> again = CanonicalEvent(stored->event, stored->seq, stored->prev);
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(*again, *line);
  }
}

}  // namespace
}  // namespace sluice::auditlog
