// libFuzzer target: feeds arbitrary bytes to every extension-type parser and
// checks the invariants that must hold for whatever they accept:
// ToString() parses back to an equal value (datetime: inside years 0-9999),
// the predicates and arithmetic never crash, and results stay consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "policy/ext/datetime.h"
#include "policy/ext/decimal.h"
#include "policy/ext/duration.h"
#include "policy/ext/ip.h"

namespace {

using sluice::policy::ext::Datetime;
using sluice::policy::ext::Decimal;
using sluice::policy::ext::Duration;
using sluice::policy::ext::IpAddr;

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (auto ip = IpAddr::Parse(text); ip.ok()) {
    auto again = IpAddr::Parse(ip->ToString());
    Check(again.ok() && *again == *ip && again->Hash() == ip->Hash());
    Check(ip->IsInRange(*ip));
    Check(ip->IsV4() != ip->IsV6());
    Check(!(ip->IsLoopback() && ip->IsMulticast()));
  } else {
    Check(!ip.status().message().empty());
  }

  if (auto d = Decimal::Parse(text); d.ok()) {
    auto again = Decimal::Parse(d->ToString());
    Check(again.ok() && *again == *d);
  }

  if (auto d = Duration::Parse(text); d.ok()) {
    auto again = Duration::Parse(d->ToString());
    Check(again.ok() && *again == *d);
    const std::int64_t ms = d->ToMilliseconds();
    Check(d->ToSeconds() == ms / 1000 && d->ToDays() == d->ToHours() / 24);
    (void)Datetime::FromMillis(ms).Offset(*d);
  }

  if (auto t = Datetime::Parse(text); t.ok()) {
    auto again = Datetime::Parse(t->ToString());
    const bool in_years = t->ToString()[0] != '+' && t->ToString()[0] != '-';
    Check(!in_years || (again.ok() && *again == *t));
    auto date = t->ToDate();
    Check(date.ok() && date->millis() + t->ToTime().millis() == t->millis());
    Check(t->ToTime().millis() >= 0 && t->ToTime().millis() < Datetime::kMillisPerDay);
    auto since = t->DurationSince(*date);
    Check(since.ok() && *since == t->ToTime());
  }

  // Arbitrary 64-bit instants: conversions must not crash or overflow silently.
  if (size >= 8) {
    std::int64_t raw = 0;
    for (int i = 0; i < 8; ++i)
      raw = static_cast<std::int64_t>(static_cast<std::uint64_t>(raw) << 8 | data[i]);
    const Datetime t = Datetime::FromMillis(raw);
    (void)t.ToString();
    if (auto date = t.ToDate(); date.ok()) {
      Check(date->millis() + t.ToTime().millis() == raw);
    }
    (void)Decimal::FromRaw(raw).ToString();
    Check(Decimal::Parse(Decimal::FromRaw(raw).ToString()).ok());
    Check(Duration::Parse(Duration::FromMillis(raw).ToString())->millis() == raw);
  }
  return 0;
}
