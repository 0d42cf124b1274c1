// JsonFlattener: turns the text of one JSON object into flat (column name, kind, text) fields,
// the shape in which JSON Lines records reach schema inference and profiling.
//
// - Nested objects are flattened to dotted paths: {"a":{"b":1}} gives the field "a.b". Keys are
//   used as written, so {"a.b":1} and {"a":{"b":1}} both give "a.b": fields are reported in
//   document order and duplicates are not removed (consumers decide). An empty nested object
//   gives no field.
// - An array is one field of kind kArray whose text is the array's compact JSON (objects and
//   arrays inside it are not flattened).
// - Text of a field: strings decoded (UTF-8); numbers as written in the input (floats) or in
//   decimal (integers); true/false; null; arrays as compact JSON.
// - Integers are 64-bit signed; an integer beyond that range is reported as kFloat so that an
//   integer column always fits an int64.
//
// Errors: kInvalidArgument if the text is not one JSON object (syntax errors give the column),
// without a line prefix (the caller knows the line). kResourceExhausted if the fields (names
// plus text) would exceed `max_output_bytes`: dotted names repeat their prefixes, so a
// pathological object could otherwise flatten to far more than its own size.
//
// Parsing is nlohmann::json's SAX parser: no document tree, no recursion, no exceptions escape.
//
// Ownership: fields() views point into the flattener; valid until the next Flatten.
// Thread-safety: none; reuse one flattener per reader to keep its buffers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sluice::tabular {

enum class JsonKind { kNull, kBool, kInteger, kFloat, kString, kArray };

// "null", "bool", "integer", "float", "string", "array".
std::string_view JsonKindName(JsonKind kind);

struct FlatField {
  std::string_view name;
  JsonKind kind = JsonKind::kNull;
  std::string_view text;
};

class JsonFlattener {
 public:
  explicit JsonFlattener(size_t max_output_bytes) : max_output_bytes_(max_output_bytes) {}

  // Replaces fields() with those of `json_text`. On error fields() is empty.
  Status Flatten(std::string_view json_text);

  const std::vector<FlatField>& fields() const { return fields_; }

 private:
  // Where a field's name and text sit in arena_ (views are made once parsing is done, since the
  // arena may move while it grows).
  struct Span {
    size_t name_begin;
    size_t name_end;
    JsonKind kind;
    size_t text_end;  // the text starts at name_end
  };
  friend class FlattenSax;

  size_t max_output_bytes_;
  std::string arena_;
  std::vector<Span> spans_;
  std::vector<FlatField> fields_;
};

}  // namespace sluice::tabular
