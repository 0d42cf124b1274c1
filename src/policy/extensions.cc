#include "policy/extensions.h"

#include "policy/extension_value.h"

namespace sluice::policy {

namespace {
// Index order of ExtValue::v, also the cross-type sort order.
template <typename T>
int Cmp3(const T& a, const T& b) {
  auto c = a <=> b;
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

Status TypeErr(std::string_view fn, std::string_view want, const Value& got) {
  return InvalidArgument("type error: " + std::string(fn) + " expects " + std::string(want) +
                         ", got " + got.TypeName());
}

Status ExtErr(std::string_view fn, const Status& s) {
  return InvalidArgument("extension error in " + std::string(fn) + ": " + s.message());
}
}  // namespace

int CompareExt(const ExtValue& a, const ExtValue& b) {
  if (a.v.index() != b.v.index()) return a.v.index() < b.v.index() ? -1 : 1;
  return std::visit(
      [&](const auto& x) -> int {
        using T = std::decay_t<decltype(x)>;
        return Cmp3(x, std::get<T>(b.v));
      },
      a.v);
}

std::string ExtToString(const ExtValue& e) {
  return std::visit([](const auto& x) { return x.ToCedarExpr(); }, e.v);
}

std::string ExtTypeName(const ExtValue& e) {
  switch (e.v.index()) {
    case 0:
      return "ipaddr";
    case 1:
      return "decimal";
    case 2:
      return "datetime";
    case 3:
      return "duration";
  }
  return "extension";
}

std::optional<int> CompareOrderedExt(const Value& a, const Value& b) {
  if (auto* x = ExtAs<ext::Datetime>(a)) {
    if (auto* y = ExtAs<ext::Datetime>(b)) return Cmp3(*x, *y);
    return std::nullopt;
  }
  if (auto* x = ExtAs<ext::Duration>(a)) {
    if (auto* y = ExtAs<ext::Duration>(b)) return Cmp3(*x, *y);
  }
  return std::nullopt;
}

Result<Value> ConstructExtension(std::string_view fn, std::string_view arg) {
  if (fn == "ip" || fn == "ipaddr") {
    auto r = ext::IpAddr::Parse(arg);
    if (!r.ok()) return ExtErr("ip", r.status());
    return MakeExt(*r);
  }
  if (fn == "decimal") {
    auto r = ext::Decimal::Parse(arg);
    if (!r.ok()) return ExtErr("decimal", r.status());
    return MakeExt(*r);
  }
  if (fn == "datetime") {
    auto r = ext::Datetime::Parse(arg);
    if (!r.ok()) return ExtErr("datetime", r.status());
    return MakeExt(*r);
  }
  if (fn == "duration") {
    auto r = ext::Duration::Parse(arg);
    if (!r.ok()) return ExtErr("duration", r.status());
    return MakeExt(*r);
  }
  return InvalidArgument("unknown extension function `" + std::string(fn) + "`");
}

namespace {
struct ExtFnInfo {
  std::string_view name;
  ExtFn fn;
  size_t arity;
};
constexpr ExtFnInfo kExtFns[] = {
    {"ip", ExtFn::kIp, 1},
    {"decimal", ExtFn::kDecimal, 1},
    {"datetime", ExtFn::kDatetime, 1},
    {"duration", ExtFn::kDuration, 1},
    {"isIpv4", ExtFn::kIsIpv4, 1},
    {"isIpv6", ExtFn::kIsIpv6, 1},
    {"isLoopback", ExtFn::kIsLoopback, 1},
    {"isMulticast", ExtFn::kIsMulticast, 1},
    {"isInRange", ExtFn::kIsInRange, 2},
    {"lessThan", ExtFn::kLessThan, 2},
    {"lessThanOrEqual", ExtFn::kLessThanOrEqual, 2},
    {"greaterThan", ExtFn::kGreaterThan, 2},
    {"greaterThanOrEqual", ExtFn::kGreaterThanOrEqual, 2},
    {"offset", ExtFn::kOffset, 2},
    {"durationSince", ExtFn::kDurationSince, 2},
    {"toDate", ExtFn::kToDate, 1},
    {"toTime", ExtFn::kToTime, 1},
    {"toMilliseconds", ExtFn::kToMilliseconds, 1},
    {"toSeconds", ExtFn::kToSeconds, 1},
    {"toMinutes", ExtFn::kToMinutes, 1},
    {"toHours", ExtFn::kToHours, 1},
    {"toDays", ExtFn::kToDays, 1},
};
}  // namespace

std::optional<ExtFn> ExtFnByName(std::string_view name) {
  for (const auto& f : kExtFns) {
    if (f.name == name) return f.fn;
  }
  return std::nullopt;
}

size_t ExtArity(ExtFn fn) {
  for (const auto& f : kExtFns) {
    if (f.fn == fn) return f.arity;
  }
  return 0;
}

Result<Value> CallExtension(ExtFn fn, std::span<const Value> a) {
  // Cedar checks extension-call arity at evaluation time, not when parsing.
  if (a.size() != ExtArity(fn)) {
    for (const auto& f : kExtFns) {
      if (f.fn == fn) {
        return InvalidArgument("wrong number of arguments to `" + std::string(f.name) +
                               "`: expected " + std::to_string(f.arity) + ", got " +
                               std::to_string(a.size()));
      }
    }
  }
  auto str = [&](std::string_view name) -> Result<Value> {
    if (!a[0].is_string()) return TypeErr(name, "a string", a[0]);
    return ConstructExtension(name, a[0].as_string());
  };
  auto ip0 = [&](std::string_view name) -> Result<const ext::IpAddr*> {
    const auto* x = ExtAs<ext::IpAddr>(a[0]);
    if (!x) return TypeErr(name, "an ipaddr", a[0]);
    return x;
  };
  auto dec2 = [&](std::string_view name) -> Result<int> {
    const auto* x = ExtAs<ext::Decimal>(a[0]);
    if (!x) return TypeErr(name, "a decimal", a[0]);
    const auto* y = ExtAs<ext::Decimal>(a[1]);
    if (!y) return TypeErr(name, "a decimal", a[1]);
    return Cmp3(*x, *y);
  };
  auto dur0 = [&](std::string_view name) -> Result<const ext::Duration*> {
    const auto* x = ExtAs<ext::Duration>(a[0]);
    if (!x) return TypeErr(name, "a duration", a[0]);
    return x;
  };
  auto dt = [&](std::string_view name, size_t i) -> Result<const ext::Datetime*> {
    const auto* x = ExtAs<ext::Datetime>(a[i]);
    if (!x) return TypeErr(name, "a datetime", a[i]);
    return x;
  };
  switch (fn) {
    case ExtFn::kIp:
      return str("ip");
    case ExtFn::kDecimal:
      return str("decimal");
    case ExtFn::kDatetime:
      return str("datetime");
    case ExtFn::kDuration:
      return str("duration");
    case ExtFn::kIsIpv4: {
      SLUICE_ASSIGN_OR_RETURN(auto x, ip0("isIpv4"));
      return Value::Bool(x->IsV4());
    }
    case ExtFn::kIsIpv6: {
      SLUICE_ASSIGN_OR_RETURN(auto x, ip0("isIpv6"));
      return Value::Bool(x->IsV6());
    }
    case ExtFn::kIsLoopback: {
      SLUICE_ASSIGN_OR_RETURN(auto x, ip0("isLoopback"));
      return Value::Bool(x->IsLoopback());
    }
    case ExtFn::kIsMulticast: {
      SLUICE_ASSIGN_OR_RETURN(auto x, ip0("isMulticast"));
      return Value::Bool(x->IsMulticast());
    }
    case ExtFn::kIsInRange: {
      SLUICE_ASSIGN_OR_RETURN(auto x, ip0("isInRange"));
      const auto* y = ExtAs<ext::IpAddr>(a[1]);
      if (!y) return TypeErr("isInRange", "an ipaddr", a[1]);
      return Value::Bool(x->IsInRange(*y));
    }
    case ExtFn::kLessThan: {
      SLUICE_ASSIGN_OR_RETURN(int c, dec2("lessThan"));
      return Value::Bool(c < 0);
    }
    case ExtFn::kLessThanOrEqual: {
      SLUICE_ASSIGN_OR_RETURN(int c, dec2("lessThanOrEqual"));
      return Value::Bool(c <= 0);
    }
    case ExtFn::kGreaterThan: {
      SLUICE_ASSIGN_OR_RETURN(int c, dec2("greaterThan"));
      return Value::Bool(c > 0);
    }
    case ExtFn::kGreaterThanOrEqual: {
      SLUICE_ASSIGN_OR_RETURN(int c, dec2("greaterThanOrEqual"));
      return Value::Bool(c >= 0);
    }
    case ExtFn::kOffset: {
      SLUICE_ASSIGN_OR_RETURN(auto x, dt("offset", 0));
      const auto* d = ExtAs<ext::Duration>(a[1]);
      if (!d) return TypeErr("offset", "a duration", a[1]);
      auto r = x->Offset(*d);
      if (!r.ok()) return ExtErr("offset", r.status());
      return MakeExt(*r);
    }
    case ExtFn::kDurationSince: {
      SLUICE_ASSIGN_OR_RETURN(auto x, dt("durationSince", 0));
      SLUICE_ASSIGN_OR_RETURN(auto y, dt("durationSince", 1));
      auto r = x->DurationSince(*y);
      if (!r.ok()) return ExtErr("durationSince", r.status());
      return MakeExt(*r);
    }
    case ExtFn::kToDate: {
      SLUICE_ASSIGN_OR_RETURN(auto x, dt("toDate", 0));
      auto r = x->ToDate();
      if (!r.ok()) return ExtErr("toDate", r.status());
      return MakeExt(*r);
    }
    case ExtFn::kToTime: {
      SLUICE_ASSIGN_OR_RETURN(auto x, dt("toTime", 0));
      return MakeExt(x->ToTime());
    }
    case ExtFn::kToMilliseconds: {
      SLUICE_ASSIGN_OR_RETURN(auto x, dur0("toMilliseconds"));
      return Value::Long(x->ToMilliseconds());
    }
    case ExtFn::kToSeconds: {
      SLUICE_ASSIGN_OR_RETURN(auto x, dur0("toSeconds"));
      return Value::Long(x->ToSeconds());
    }
    case ExtFn::kToMinutes: {
      SLUICE_ASSIGN_OR_RETURN(auto x, dur0("toMinutes"));
      return Value::Long(x->ToMinutes());
    }
    case ExtFn::kToHours: {
      SLUICE_ASSIGN_OR_RETURN(auto x, dur0("toHours"));
      return Value::Long(x->ToHours());
    }
    case ExtFn::kToDays: {
      SLUICE_ASSIGN_OR_RETURN(auto x, dur0("toDays"));
      return Value::Long(x->ToDays());
    }
  }
  return Internal("unknown extension function");
}

}  // namespace sluice::policy
