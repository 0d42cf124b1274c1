// ExtValue: the payload of an extension-typed Cedar Value (ipaddr, decimal,
// datetime, duration), wrapping the value classes of policy/ext/.
//
// Thread-safety: immutable; shared between threads through Value.
#pragma once

#include <variant>

#include "policy/ext/datetime.h"
#include "policy/ext/decimal.h"
#include "policy/ext/duration.h"
#include "policy/ext/ip.h"
#include "policy/value.h"

namespace sluice::policy {

struct ExtValue {
  std::variant<ext::IpAddr, ext::Decimal, ext::Datetime, ext::Duration> v;
};

template <typename T>
Value MakeExt(T t) {
  return Value::Ext(std::make_shared<const ExtValue>(ExtValue{std::move(t)}));
}

template <typename T>
const T* ExtAs(const Value& v) {
  if (!v.is_ext()) return nullptr;
  return std::get_if<T>(&v.as_ext().v);
}

}  // namespace sluice::policy
