// Value: a Cedar runtime value.
//
// Kinds: bool, long (int64), string, entity uid, set, record, extension value
// (ipaddr, decimal, datetime, duration). Equality is Cedar's structural
// equality: values of different kinds are unequal (never an error), sets are
// compared as sets, records by their fields.
//
// Representation: scalars inline; sets, records and extension values are
// immutable and shared through shared_ptr<const ...>. Sharing (rather than
// unique ownership) is deliberate: an attribute value read from the entity
// store is handed to the evaluator without a deep copy, and nothing is ever
// mutated after construction.
//
// Invariants: a set's elements are sorted by Value::Compare and unique; a
// record's fields are sorted by name and names are unique.
//
// Thread-safety: immutable once built; safe to share across threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "policy/entity_uid.h"

namespace sluice::policy {

struct ExtValue;  // see policy/extension_value.h
class Value;

struct SetData {
  std::vector<Value> elems;  // sorted by Value::Compare, unique
};

struct RecordData {
  std::vector<std::pair<std::string, Value>> fields;  // sorted by name, unique
};

enum class ValueKind { kBool, kLong, kString, kEntity, kSet, kRecord, kExt };

// Cedar's type name for a kind ("bool", "long", "string", "entity", "set",
// "record", "extension"), used in error messages.
std::string_view KindName(ValueKind k);

class Value {
 public:
  Value() : v_(false) {}
  static Value Bool(bool b) { return Value(b); }
  static Value Long(int64_t i) { return Value(i); }
  static Value String(std::string s) { return Value(std::move(s)); }
  static Value Entity(EntityUid u) { return Value(std::move(u)); }
  // Sorts and removes duplicates.
  static Value Set(std::vector<Value> elems);
  // Fields must have unique names (callers check); they are sorted here.
  static Value Record(std::vector<std::pair<std::string, Value>> fields);
  static Value Ext(std::shared_ptr<const ExtValue> e) { return Value(std::move(e)); }
  static Value EmptyRecord();

  ValueKind kind() const { return static_cast<ValueKind>(v_.index()); }
  bool is_bool() const { return kind() == ValueKind::kBool; }
  bool is_long() const { return kind() == ValueKind::kLong; }
  bool is_string() const { return kind() == ValueKind::kString; }
  bool is_entity() const { return kind() == ValueKind::kEntity; }
  bool is_set() const { return kind() == ValueKind::kSet; }
  bool is_record() const { return kind() == ValueKind::kRecord; }
  bool is_ext() const { return kind() == ValueKind::kExt; }

  // Preconditions: the matching is_*() holds.
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_long() const { return std::get<int64_t>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const EntityUid& as_entity() const { return std::get<EntityUid>(v_); }
  const SetData& as_set() const { return *std::get<std::shared_ptr<const SetData>>(v_); }
  const RecordData& as_record() const { return *std::get<std::shared_ptr<const RecordData>>(v_); }
  const ExtValue& as_ext() const { return *std::get<std::shared_ptr<const ExtValue>>(v_); }

  // Record field lookup (binary search); nullptr when absent.
  // Precondition: is_record().
  const Value* FindField(std::string_view name) const;
  // Set membership (binary search). Precondition: is_set().
  bool SetContains(const Value& v) const;

  // Total order used to keep sets canonical: kind first, then contents.
  static int Compare(const Value& a, const Value& b);
  bool operator==(const Value& o) const { return Compare(*this, o) == 0; }

  // Cedar surface syntax, e.g. `[1, "a", User::"x"]`, `{"k": true}`,
  // `ip("10.0.0.1")`.
  std::string ToString() const;

  // Human-readable type name for errors: "long", "set", "ipaddr", ...
  std::string TypeName() const;

 private:
  explicit Value(bool b) : v_(b) {}
  explicit Value(int64_t i) : v_(i) {}
  explicit Value(std::string s) : v_(std::move(s)) {}
  explicit Value(EntityUid u) : v_(std::move(u)) {}
  explicit Value(std::shared_ptr<const SetData> s) : v_(std::move(s)) {}
  explicit Value(std::shared_ptr<const RecordData> r) : v_(std::move(r)) {}
  explicit Value(std::shared_ptr<const ExtValue> e) : v_(std::move(e)) {}

  std::variant<bool, int64_t, std::string, EntityUid, std::shared_ptr<const SetData>,
               std::shared_ptr<const RecordData>, std::shared_ptr<const ExtValue>>
      v_;
};

// Implemented with the extension types (extensions.cc): total order, printing
// and type name of extension values.
int CompareExt(const ExtValue& a, const ExtValue& b);
std::string ExtToString(const ExtValue& e);
std::string ExtTypeName(const ExtValue& e);

}  // namespace sluice::policy
