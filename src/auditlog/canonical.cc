#include "auditlog/canonical.h"

#include <array>
#include <charconv>

#include "auditlog/jcs.h"
#include "auditlog/jcs_reader.h"
#include "common/clock.h"

namespace sluice::auditlog {
namespace {

void AppendStringArray(const std::vector<std::string>& values, std::string& out) {
  out.push_back('[');
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJcsString(values[i], out);
  }
  out.push_back(']');
}

// Days since 1970-01-01 of a proleptic Gregorian date (the inverse of the
// "civil from days" of common/clock.cc; Howard Hinnant's algorithm).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// "YYYY-MM-DDTHH:MM:SS.mmmZ" back to milliseconds; only the exact text that
// FormatRfc3339Millis writes is accepted (a real date, hours below 24, no
// leap second), checked without formatting it again.
bool ParseRfc3339Millis(std::string_view text, std::int64_t* ms) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd.dddZ";
  if (text.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return false;
  }
  auto number = [&](std::size_t at, std::size_t len) {
    unsigned v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + static_cast<unsigned>(text[i] - '0');
    return v;
  };
  const unsigned year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const unsigned hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
  const unsigned millis = number(20, 3);
  static constexpr unsigned kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  if (month < 1 || month > 12 || day < 1 ||
      day > kDaysIn[month - 1] + (month == 2 && leap ? 1 : 0) || hour > 23 || minute > 59 ||
      second > 59) {
    return false;
  }
  *ms = DaysFromCivil(year, month, day) * 86400000 + static_cast<std::int64_t>(hour) * 3600000 +
        minute * 60000 + second * 1000 + millis;
  return true;
}

constexpr std::array<bool, 256> kLowerHexDigit = [] {
  std::array<bool, 256> digit{};
  for (char c : std::string_view("0123456789abcdef")) digit[static_cast<unsigned char>(c)] = true;
  return digit;
}();

bool IsHashHex(std::string_view hex) {
  if (hex.size() != 64) return false;
  // Without a branch per digit: hex digits are random, so one branch per
  // digit would be mispredicted half the time (a third of the scan's cost).
  bool all = true;
  for (char c : hex) all &= kLowerHexDigit[static_cast<unsigned char>(c)];
  return all;
}

// Reads the canonical event; fills `out` when it is not null (the scan for
// the chain fields skips decoding). The members come in their one canonical
// order, so reading is a fixed sequence of expected keys.
//
// The session: null, or its four members in key order.
bool ReadSession(JcsReader& r, audit::Event* e) {
  if (r.TryConsume("null")) return true;
  audit::SessionRef session;
  const bool ok = r.Expect("{\"break_glass\":") &&
                  (r.TryConsume("true") ? (session.break_glass = true) : r.Expect("false")) &&
                  r.Expect(",\"environment\":") && r.ReadString(&session.environment) &&
                  r.Expect(",\"id\":") && r.ReadString(&session.id) && r.Expect(",\"purpose\":") &&
                  r.ReadString(&session.purpose) && r.Expect("}");
  if (ok && e != nullptr) e->session = std::move(session);
  return ok;
}

Status ReadEvent(std::string_view line, EventLink& link, audit::Event* e,
                 EventKeys* keys = nullptr) {
  JcsReader r(line);
  std::string_view decision;
  std::string_view details;
  std::string_view time;
  std::size_t decision_at = 0, prev_at = 0, time_at = 0;
  const bool syntax_ok =
      r.Expect("{\"action\":") &&
      r.ReadString(e      ? &e->action
                   : keys ? &keys->action
                          : nullptr) &&
      r.Expect(",\"client_address\":") && r.ReadString(e ? &e->client_address : nullptr) &&
      r.Expect(",\"decision\":") && ((decision_at = r.position()), r.ReadPlainString(&decision)) &&
      r.Expect(",\"details\":") && r.ReadValue(&details) &&
      r.Expect(",\"determining_policies\":") &&
      r.ReadStringArray(e ? &e->determining_policies : nullptr) && r.Expect(",\"environment\":") &&
      r.ReadString(e      ? &e->environment
                   : keys ? &keys->environment
                          : nullptr) &&
      r.Expect(",\"outcome\":") && r.ReadString(e ? &e->outcome : nullptr) &&
      r.Expect(",\"policy_errors\":") && r.ReadStringArray(e ? &e->policy_errors : nullptr) &&
      r.Expect(",\"prev\":") && ((prev_at = r.position()), r.ReadPlainString(&link.prev_hex)) &&
      r.Expect(",\"principal\":{\"kind\":") && r.ReadString(e ? &e->principal_kind : nullptr) &&
      r.Expect(",\"name\":") &&
      r.ReadString(e      ? &e->principal
                   : keys ? &keys->principal
                          : nullptr) &&
      r.Expect("},\"request_id\":") && r.ReadString(e ? &e->request_id : nullptr) &&
      r.Expect(",\"resource\":{\"id\":") && r.ReadString(e ? &e->resource_id : nullptr) &&
      r.Expect(",\"type\":") && r.ReadString(e ? &e->resource_type : nullptr) &&
      r.Expect("},\"seq\":") && r.ReadUint64(&link.seq) && r.Expect(",\"session\":") &&
      ReadSession(r, e) && r.Expect(",\"time\":") &&
      ((time_at = r.position()), r.ReadPlainString(&time)) && r.Expect(",\"user_agent\":") &&
      r.ReadString(e ? &e->user_agent : nullptr) && r.Expect("}") &&
      (r.AtEnd() || r.Fail("trailing bytes"));
  if (!syntax_ok) return r.status();
  if (decision != "allow" && decision != "deny") {
    r.FailAt(decision_at, "decision must be \"allow\" or \"deny\"");
    return r.status();
  }
  if (!link.prev_hex.empty() && !IsHashHex(link.prev_hex)) {
    r.FailAt(prev_at, "prev must be \"\" or 64 lowercase hex digits");
    return r.status();
  }
  if ((link.seq == 0) != link.prev_hex.empty()) {
    r.FailAt(prev_at, "prev must be \"\" exactly for the first event (seq 0)");
    return r.status();
  }
  std::int64_t time_ms = 0;
  if (!ParseRfc3339Millis(time, &time_ms)) {
    r.FailAt(time_at, "time is not a valid YYYY-MM-DDTHH:MM:SS.mmmZ");
    return r.status();
  }
  if (keys != nullptr) keys->allowed = decision == "allow";
  if (e != nullptr) {
    e->allowed = decision == "allow";
    e->time_ms = time_ms;
    // Already validated as canonical JSON, so this parse cannot fail; the
    // tree is built only when a caller wants the decoded event.
    e->details = nlohmann::json::parse(details, nullptr, /*allow_exceptions=*/false);
    if (e->details.is_discarded()) return Internal("validated details did not parse");
  }
  return Status::Ok();
}

}  // namespace

Result<EncodedEvent> EncodeEvent(const audit::Event& e) {
  const std::string time = FormatRfc3339Millis(e.time_ms);
  if (time.size() != 24) {
    return InvalidArgument("event time " + std::to_string(e.time_ms) +
                           " ms is outside years 0000..9999");
  }
  EncodedEvent out;
  std::string& a = out.before_prev;
  a.reserve(256);
  a += "{\"action\":";
  AppendJcsString(e.action, a);
  a += ",\"client_address\":";
  AppendJcsString(e.client_address, a);
  a += e.allowed ? ",\"decision\":\"allow\"" : ",\"decision\":\"deny\"";
  a += ",\"details\":";
  if (e.details.is_object() && e.details.empty()) {
    a += "{}";
  } else {
    Status s = AppendJcsValue(e.details, a);
    if (!s.ok()) return InvalidArgument("event details: " + s.message());
  }
  a += ",\"determining_policies\":";
  AppendStringArray(e.determining_policies, a);
  a += ",\"environment\":";
  AppendJcsString(e.environment, a);
  a += ",\"outcome\":";
  AppendJcsString(e.outcome, a);
  a += ",\"policy_errors\":";
  AppendStringArray(e.policy_errors, a);
  a += ",\"prev\":\"";

  std::string& b = out.before_seq;
  b.reserve(128);
  b += "\",\"principal\":{\"kind\":";
  AppendJcsString(e.principal_kind, b);
  b += ",\"name\":";
  AppendJcsString(e.principal, b);
  b += "},\"request_id\":";
  AppendJcsString(e.request_id, b);
  b += ",\"resource\":{\"id\":";
  AppendJcsString(e.resource_id, b);
  b += ",\"type\":";
  AppendJcsString(e.resource_type, b);
  b += "},\"seq\":";

  std::string& c = out.after_seq;
  c.reserve(96);
  if (e.session) {
    c += ",\"session\":{\"break_glass\":";
    c += e.session->break_glass ? "true" : "false";
    c += ",\"environment\":";
    AppendJcsString(e.session->environment, c);
    c += ",\"id\":";
    AppendJcsString(e.session->id, c);
    c += ",\"purpose\":";
    AppendJcsString(e.session->purpose, c);
    c += "}";
  } else {
    c += ",\"session\":null";
  }
  c += ",\"time\":\"";
  c += time;
  c += "\",\"user_agent\":";
  AppendJcsString(e.user_agent, c);
  c += "}";
  return out;
}

void AppendCanonicalEvent(const EncodedEvent& encoded, std::uint64_t seq, std::string_view prev_hex,
                          std::string& out) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, seq);
  out += encoded.before_prev;
  out += prev_hex;
  out += encoded.before_seq;
  out.append(digits, end);
  out += encoded.after_seq;
}

Result<std::string> CanonicalEvent(const audit::Event& event, std::uint64_t seq,
                                   std::string_view prev_hex) {
  SLUICE_ASSIGN_OR_RETURN(EncodedEvent encoded, EncodeEvent(event));
  std::string out;
  AppendCanonicalEvent(encoded, seq, prev_hex, out);
  return out;
}

Result<StoredEvent> ParseStoredEvent(std::string_view line) {
  StoredEvent stored;
  EventLink link;
  SLUICE_RETURN_IF_ERROR(ReadEvent(line, link, &stored.event));
  stored.seq = link.seq;
  stored.prev = std::string(link.prev_hex);
  return stored;
}

Result<EventLink> ScanStoredEvent(std::string_view line, EventKeys* keys) {
  EventLink link;
  SLUICE_RETURN_IF_ERROR(ReadEvent(line, link, nullptr, keys));
  return link;
}

}  // namespace sluice::auditlog
