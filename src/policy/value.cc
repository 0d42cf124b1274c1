#include "policy/value.h"

#include <algorithm>

namespace sluice::policy {

std::string_view KindName(ValueKind k) {
  switch (k) {
    case ValueKind::kBool:
      return "bool";
    case ValueKind::kLong:
      return "long";
    case ValueKind::kString:
      return "string";
    case ValueKind::kEntity:
      return "entity";
    case ValueKind::kSet:
      return "set";
    case ValueKind::kRecord:
      return "record";
    case ValueKind::kExt:
      return "extension";
  }
  return "?";
}

Value Value::Set(std::vector<Value> elems) {
  std::sort(elems.begin(), elems.end(),
            [](const Value& a, const Value& b) { return Compare(a, b) < 0; });
  elems.erase(std::unique(elems.begin(), elems.end(),
                          [](const Value& a, const Value& b) { return Compare(a, b) == 0; }),
              elems.end());
  auto d = std::make_shared<SetData>();
  d->elems = std::move(elems);
  return Value(std::shared_ptr<const SetData>(std::move(d)));
}

Value Value::Record(std::vector<std::pair<std::string, Value>> fields) {
  std::sort(fields.begin(), fields.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  auto d = std::make_shared<RecordData>();
  d->fields = std::move(fields);
  return Value(std::shared_ptr<const RecordData>(std::move(d)));
}

Value Value::EmptyRecord() {
  static const Value* empty = new Value(Record({}));
  return *empty;
}

const Value* Value::FindField(std::string_view name) const {
  const auto& f = as_record().fields;
  auto it = std::lower_bound(f.begin(), f.end(), name,
                             [](const auto& p, std::string_view n) { return p.first < n; });
  if (it == f.end() || it->first != name) return nullptr;
  return &it->second;
}

bool Value::SetContains(const Value& v) const {
  const auto& e = as_set().elems;
  auto it = std::lower_bound(e.begin(), e.end(), v,
                             [](const Value& a, const Value& b) { return Compare(a, b) < 0; });
  return it != e.end() && Compare(*it, v) == 0;
}

namespace {
template <typename T>
int Cmp3(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}
}  // namespace

int Value::Compare(const Value& a, const Value& b) {
  if (a.v_.index() != b.v_.index()) return a.v_.index() < b.v_.index() ? -1 : 1;
  switch (a.kind()) {
    case ValueKind::kBool:
      return Cmp3(a.as_bool(), b.as_bool());
    case ValueKind::kLong:
      return Cmp3(a.as_long(), b.as_long());
    case ValueKind::kString:
      return a.as_string().compare(b.as_string()) < 0 ? -1
                                                      : (a.as_string() == b.as_string() ? 0 : 1);
    case ValueKind::kEntity: {
      const auto& x = a.as_entity();
      const auto& y = b.as_entity();
      if (int c = x.type.compare(y.type); c != 0) return c < 0 ? -1 : 1;
      int c = x.id.compare(y.id);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueKind::kSet: {
      const auto& x = a.as_set().elems;
      const auto& y = b.as_set().elems;
      if (&x == &y) return 0;
      size_t n = std::min(x.size(), y.size());
      for (size_t i = 0; i < n; ++i) {
        if (int c = Compare(x[i], y[i]); c != 0) return c;
      }
      return Cmp3(x.size(), y.size());
    }
    case ValueKind::kRecord: {
      const auto& x = a.as_record().fields;
      const auto& y = b.as_record().fields;
      if (&x == &y) return 0;
      size_t n = std::min(x.size(), y.size());
      for (size_t i = 0; i < n; ++i) {
        if (int c = x[i].first.compare(y[i].first); c != 0) return c < 0 ? -1 : 1;
        if (int c = Compare(x[i].second, y[i].second); c != 0) return c;
      }
      return Cmp3(x.size(), y.size());
    }
    case ValueKind::kExt:
      return CompareExt(a.as_ext(), b.as_ext());
  }
  return 0;
}

std::string Value::ToString() const {
  switch (kind()) {
    case ValueKind::kBool:
      return as_bool() ? "true" : "false";
    case ValueKind::kLong:
      return std::to_string(as_long());
    case ValueKind::kString:
      return "\"" + EscapeCedarString(as_string()) + "\"";
    case ValueKind::kEntity:
      return as_entity().ToString();
    case ValueKind::kSet: {
      std::string s = "[";
      bool first = true;
      for (const auto& e : as_set().elems) {
        if (!first) s += ", ";
        first = false;
        s += e.ToString();
      }
      return s + "]";
    }
    case ValueKind::kRecord: {
      std::string s = "{";
      bool first = true;
      for (const auto& [k, v] : as_record().fields) {
        if (!first) s += ", ";
        first = false;
        s += "\"" + EscapeCedarString(k) + "\": " + v.ToString();
      }
      return s + "}";
    }
    case ValueKind::kExt:
      return ExtToString(as_ext());
  }
  return "";
}

std::string Value::TypeName() const {
  if (is_ext()) return ExtTypeName(as_ext());
  return std::string(KindName(kind()));
}

}  // namespace sluice::policy
