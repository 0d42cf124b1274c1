#include "attest/statement.h"

#include <limits>
#include <utility>

#include "attest/bounded_json.h"

namespace sluice::attest {
namespace {

using Json = nlohmann::json;

// Members read with the in-toto rule that an unset, null or empty field
// means the same thing: a missing or null member reads as absent.
const Json* Member(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string Path(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

// A string member; absent reads as "". `required` refuses the empty string.
Status ReadString(const Json& object, const char* key, std::string_view parent, bool required,
                  std::string* out) {
  const Json* value = Member(object, key);
  if (value != nullptr && !value->is_string()) {
    return InvalidArgument(Path(parent, key) + " must be a string");
  }
  *out = value != nullptr ? value->get<std::string>() : std::string();
  if (required && out->empty()) {
    return InvalidArgument(Path(parent, key) + " is required (a non-empty string)");
  }
  return Status::Ok();
}

// A required integer in [0, 2^63): JSON numbers written with a fraction or
// an exponent are doubles to the parser and refused, so a time or version
// never silently loses precision.
Status ReadCount(const Json& object, const char* key, std::string_view parent, std::int64_t* out) {
  const Json* value = Member(object, key);
  if (value == nullptr) {
    return InvalidArgument(Path(parent, key) + " is required (a non-negative integer)");
  }
  if (value->is_number_unsigned()) {
    const auto v = value->get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return InvalidArgument(Path(parent, key) + " is out of range");
    }
    *out = static_cast<std::int64_t>(v);
    return Status::Ok();
  }
  if (value->is_number_integer() && value->get<std::int64_t>() >= 0) {
    *out = value->get<std::int64_t>();
    return Status::Ok();
  }
  return InvalidArgument(Path(parent, key) + " must be a non-negative integer");
}

// An array of objects; absent reads as empty.
Status ReadObjects(const Json& object, const char* key, std::string_view parent,
                   std::vector<Json>* out) {
  out->clear();
  const Json* value = Member(object, key);
  if (value == nullptr) return Status::Ok();
  if (!value->is_array()) return InvalidArgument(Path(parent, key) + " must be an array");
  for (std::size_t i = 0; i < value->size(); ++i) {
    if (!(*value)[i].is_object()) {
      return InvalidArgument(Path(parent, key) + "[" + std::to_string(i) + "] must be an object");
    }
    out->push_back((*value)[i]);
  }
  return Status::Ok();
}

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<Subject> ReadSubject(const Json& value, const std::string& path) {
  if (!value.is_object()) return InvalidArgument(path + " must be an object");
  Subject subject;
  SLUICE_RETURN_IF_ERROR(ReadString(value, "name", path, /*required=*/true, &subject.name));
  const Json* digest = Member(value, "digest");
  if (digest == nullptr || !digest->is_object() || digest->empty()) {
    return InvalidArgument(path + ".digest is required (an object of algorithm: hex digest)");
  }
  for (auto it = digest->begin(); it != digest->end(); ++it) {
    const std::string where = path + ".digest[" + QuoteExcerpt(it.key()) + "]";
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
      return InvalidArgument(where + " must be a non-empty string");
    }
    subject.digest.emplace(it.key(), it->get<std::string>());
  }
  auto sha256 = subject.digest.find("sha256");
  if (sha256 == subject.digest.end()) return InvalidArgument(path + ".digest.sha256 is required");
  if (sha256->second.size() != 64 || !IsLowerHex(sha256->second)) {
    return InvalidArgument(path + ".digest.sha256 must be 64 lowercase hex digits");
  }
  return subject;
}

Status ReadApproval(const Json& approval, const std::string& path) {
  std::string text;
  std::int64_t ms = 0;
  SLUICE_RETURN_IF_ERROR(ReadString(approval, "approver", path, /*required=*/true, &text));
  SLUICE_RETURN_IF_ERROR(ReadString(approval, "content_hash", path, /*required=*/true, &text));
  SLUICE_RETURN_IF_ERROR(ReadString(approval, "comment", path, /*required=*/false, &text));
  return ReadCount(approval, "decided_ms", path, &ms);
}

Result<PromotionPredicate> ReadPredicate(const Json& value) {
  constexpr std::string_view kPath = "predicate";
  if (!value.is_object()) return InvalidArgument("predicate is required (an object)");
  PromotionPredicate p;
  SLUICE_RETURN_IF_ERROR(ReadString(value, "promotion_id", kPath, true, &p.promotion_id));
  SLUICE_RETURN_IF_ERROR(ReadString(value, "from", kPath, true, &p.from));
  SLUICE_RETURN_IF_ERROR(ReadString(value, "to", kPath, true, &p.to));
  SLUICE_RETURN_IF_ERROR(ReadString(value, "requester", kPath, true, &p.requester));
  SLUICE_RETURN_IF_ERROR(ReadString(value, "runner", kPath, true, &p.runner));
  SLUICE_RETURN_IF_ERROR(ReadString(value, "justification", kPath, false, &p.justification));
  SLUICE_RETURN_IF_ERROR(ReadString(value, "content_hash", kPath, true, &p.content_hash));
  SLUICE_RETURN_IF_ERROR(ReadCount(value, "promoted_ms", kPath, &p.promoted_ms));
  SLUICE_RETURN_IF_ERROR(ReadObjects(value, "gates", kPath, &p.gates));
  SLUICE_RETURN_IF_ERROR(ReadObjects(value, "approvals", kPath, &p.approvals));
  for (std::size_t i = 0; i < p.approvals.size(); ++i) {
    SLUICE_RETURN_IF_ERROR(
        ReadApproval(p.approvals[i], "predicate.approvals[" + std::to_string(i) + "]"));
  }
  SLUICE_RETURN_IF_ERROR(ReadString(value, "platform", kPath, true, &p.platform));
  SLUICE_RETURN_IF_ERROR(ReadString(value, "platform_digest", kPath, true, &p.platform_digest));
  SLUICE_RETURN_IF_ERROR(ReadCount(value, "policy_version", kPath, &p.policy_version));
  if (const Json* rollback = Member(value, "rollback"); rollback != nullptr) {
    if (!rollback->is_boolean()) return InvalidArgument("predicate.rollback must be a boolean");
    p.rollback = rollback->get<bool>();
  }
  return p;
}

// `key` must be the string `want`: a statement of another type or version
// is not one this code knows how to read.
Status ExpectType(const Json& statement, const char* key, std::string_view want) {
  const Json* value = Member(statement, key);
  if (value == nullptr || !value->is_string()) {
    return InvalidArgument(std::string(key) + " is required (\"" + std::string(want) + "\")");
  }
  if (value->get_ref<const std::string&>() != want) {
    return InvalidArgument(std::string(key) + " is " +
                           QuoteExcerpt(value->get_ref<const std::string&>()) + ", not \"" +
                           std::string(want) + "\"");
  }
  return Status::Ok();
}

}  // namespace

nlohmann::json MakeStatement(const std::vector<Subject>& subjects,
                             const PromotionPredicate& predicate) {
  Json subject = Json::array();
  for (const Subject& s : subjects) {
    subject.push_back({{"name", s.name}, {"digest", s.digest}});
  }
  Json p = {{"promotion_id", predicate.promotion_id},
            {"from", predicate.from},
            {"to", predicate.to},
            {"requester", predicate.requester},
            {"runner", predicate.runner},
            {"justification", predicate.justification},
            {"content_hash", predicate.content_hash},
            {"promoted_ms", predicate.promoted_ms},
            {"gates", Json(predicate.gates)},
            {"approvals", Json(predicate.approvals)},
            {"platform", predicate.platform},
            {"platform_digest", predicate.platform_digest},
            {"policy_version", predicate.policy_version},
            {"rollback", predicate.rollback}};
  return {{"_type", kStatementType},
          {"subject", std::move(subject)},
          {"predicateType", kPromotionPredicateType},
          {"predicate", std::move(p)}};
}

Result<ParsedStatement> ParseStatement(std::string_view json) {
  SLUICE_ASSIGN_OR_RETURN(Json value, ParseBoundedJson(json, "statement", kMaxStatementBytes));
  if (!value.is_object()) return InvalidArgument("statement must be a JSON object");
  SLUICE_RETURN_IF_ERROR(ExpectType(value, "_type", kStatementType));
  SLUICE_RETURN_IF_ERROR(ExpectType(value, "predicateType", kPromotionPredicateType));

  ParsedStatement out;
  const Json* subjects = Member(value, "subject");
  if (subjects == nullptr || !subjects->is_array() || subjects->empty()) {
    return InvalidArgument("subject is required (a non-empty array)");
  }
  for (std::size_t i = 0; i < subjects->size(); ++i) {
    SLUICE_ASSIGN_OR_RETURN(Subject s,
                            ReadSubject((*subjects)[i], "subject[" + std::to_string(i) + "]"));
    out.subjects.push_back(std::move(s));
  }
  const Json* predicate = Member(value, "predicate");
  if (predicate == nullptr) return InvalidArgument("predicate is required (an object)");
  SLUICE_ASSIGN_OR_RETURN(out.predicate, ReadPredicate(*predicate));
  out.json = std::move(value);
  return out;
}

}  // namespace sluice::attest
