#include "tabular/json_flattener.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/json_writer.h"

namespace sluice::tabular {

std::string_view JsonKindName(JsonKind kind) {
  switch (kind) {
    case JsonKind::kNull:
      return "null";
    case JsonKind::kBool:
      return "bool";
    case JsonKind::kInteger:
      return "integer";
    case JsonKind::kFloat:
      return "float";
    case JsonKind::kString:
      return "string";
    case JsonKind::kArray:
      return "array";
  }
  return "null";
}

namespace {

constexpr size_t kMaxErrorExcerpt = 160;

// nlohmann's message without its "[json.exception...] parse error at line 1, column N: "
// preamble (the caller names the line), cut short and reduced to printable ASCII: the excerpt
// quotes input, which may be huge or not UTF-8, and the message ends up in JSON responses.
std::string DescribeParseError(size_t position, const std::string& what) {
  std::string_view detail = what;
  if (size_t at = detail.find("syntax error"); at != std::string_view::npos) {
    detail.remove_prefix(at);
  }
  std::string message = "invalid JSON at byte " + std::to_string(position) + ": ";
  for (char c : detail.substr(0, kMaxErrorExcerpt)) {
    unsigned char u = static_cast<unsigned char>(c);
    message.push_back(u >= 0x20 && u < 0x7F ? c : '?');
  }
  if (detail.size() > kMaxErrorExcerpt) message += "...";
  return message;
}

}  // namespace

// The SAX handler behind JsonFlattener::Flatten (a friend, so it is not in an anonymous
// namespace). Objects outside arrays move the dotted prefix; everything inside an array is
// written back out as JSON text by a JsonWriter.
class FlattenSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit FlattenSax(JsonFlattener& out) : out_(out) {}

  Status status;  // why parsing stopped, if it did

  bool null() override { return Scalar(JsonKind::kNull, "null"); }
  bool boolean(bool value) override { return Scalar(JsonKind::kBool, value ? "true" : "false"); }
  bool number_integer(number_integer_t value) override {
    return Scalar(JsonKind::kInteger, Decimal(value));
  }
  bool number_unsigned(number_unsigned_t value) override {
    constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    return Scalar(value <= kMax ? JsonKind::kInteger : JsonKind::kFloat, Decimal(value));
  }
  bool number_float(number_float_t, const string_t& text) override {
    return Scalar(JsonKind::kFloat, text);
  }
  bool string(string_t& value) override {
    if (array_depth_ > 0) {
      writer_->String(value);
      return CheckSize();
    }
    return Scalar(JsonKind::kString, value);
  }
  bool binary(binary_t&) override { return Fail(InvalidArgument("binary values are not JSON")); }

  bool start_object(std::size_t) override {
    if (array_depth_ > 0) {
      writer_->BeginObject();
      return true;
    }
    if (object_depth_ > 0) {
      prefix_ends_.push_back(prefix_.size());
      prefix_ += key_;
      prefix_ += '.';
    }
    ++object_depth_;
    return true;
  }
  bool key(string_t& key) override {
    if (array_depth_ > 0) {
      writer_->Key(key);
      return CheckSize();
    }
    key_ = key;
    return true;
  }
  bool end_object() override {
    if (array_depth_ > 0) {
      writer_->EndObject();
      return true;
    }
    --object_depth_;
    if (object_depth_ > 0) {  // a nested object: drop its key from the prefix
      prefix_.resize(prefix_ends_.back());
      prefix_ends_.pop_back();
    }
    return true;
  }
  bool start_array(std::size_t) override {
    if (array_depth_ == 0) {
      if (object_depth_ == 0) return Fail(InvalidArgument("expected a JSON object"));
      BeginField();
      writer_.emplace(out_.arena_);
    }
    ++array_depth_;
    writer_->BeginArray();
    return CheckSize();
  }
  bool end_array() override {
    writer_->EndArray();
    if (--array_depth_ == 0) {
      writer_.reset();
      EndField(JsonKind::kArray);
    }
    return CheckSize();
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& error) override {
    return Fail(InvalidArgument(DescribeParseError(position, error.what())));
  }

 private:
  template <typename Int>
  std::string_view Decimal(Int value) {
    auto [end, ec] = std::to_chars(digits_, digits_ + sizeof digits_, value);
    return std::string_view(digits_, static_cast<size_t>(end - digits_));
  }

  bool Scalar(JsonKind kind, std::string_view text) {
    if (array_depth_ > 0) {
      writer_->Raw(text);
      return CheckSize();
    }
    if (object_depth_ == 0) return Fail(InvalidArgument("expected a JSON object"));
    BeginField();
    out_.arena_.append(text);
    EndField(kind);
    return CheckSize();
  }

  // Appends the field's name; its text follows directly.
  void BeginField() {
    name_begin_ = out_.arena_.size();
    out_.arena_ += prefix_;
    out_.arena_ += key_;
    name_end_ = out_.arena_.size();
  }
  void EndField(JsonKind kind) {
    out_.spans_.push_back({name_begin_, name_end_, kind, out_.arena_.size()});
  }

  bool CheckSize() {
    if (out_.arena_.size() <= out_.max_output_bytes_) return true;
    return Fail(ResourceExhausted("flattened record exceeds " +
                                  std::to_string(out_.max_output_bytes_) + " bytes"));
  }
  bool Fail(Status why) {
    status = std::move(why);
    return false;
  }

  JsonFlattener& out_;
  int64_t object_depth_ = 0;  // open objects outside arrays
  int64_t array_depth_ = 0;   // open arrays (and anything inside the outermost one)
  std::string prefix_;        // "a.b." inside {"a":{"b":{...
  std::vector<size_t> prefix_ends_;
  std::string key_;
  size_t name_begin_ = 0;
  size_t name_end_ = 0;
  std::optional<JsonWriter> writer_;  // set while inside an array
  char digits_[24];
};

Status JsonFlattener::Flatten(std::string_view json_text) {
  arena_.clear();
  spans_.clear();
  fields_.clear();
  FlattenSax sax(*this);
  bool parsed = false;
  try {
    parsed = nlohmann::json::sax_parse(json_text.data(), json_text.data() + json_text.size(), &sax);
  } catch (const nlohmann::json::exception& e) {
    // The SAX parser reports errors through parse_error; this is the boundary's backstop.
    sax.status = InvalidArgument(DescribeParseError(0, e.what()));
  }
  if (!parsed || !sax.status.ok()) {
    spans_.clear();
    if (sax.status.ok()) return InvalidArgument("invalid JSON");
    return sax.status;
  }
  fields_.reserve(spans_.size());
  std::string_view arena = arena_;
  for (const Span& span : spans_) {
    fields_.push_back({arena.substr(span.name_begin, span.name_end - span.name_begin), span.kind,
                       arena.substr(span.name_end, span.text_end - span.name_end)});
  }
  return Status::Ok();
}

}  // namespace sluice::tabular
