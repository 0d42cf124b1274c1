// The evaluation set's Generator: each column Kind drawn by its family's generator (values.h),
// written as CSV or JSON Lines; which detector each kind must get; and DigitsOf. The value
// generators are in values_*.cc by detector family, the table templates in eval_tables.cc.
#include "scan_eval/eval_set.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scan_eval/values.h"

namespace sluice::scan_eval {
namespace {

bool IsInteger(Kind k) {
  return k == Kind::kId || k == Kind::kQuantity || k == Kind::kInvoiceNo;
}

void AppendCsvField(std::string_view v, std::string* out) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(v);
    return;
  }
  *out += '"';
  for (char c : v) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

}  // namespace

std::string_view ExpectedDetector(Kind kind) {
  switch (kind) {
    case Kind::kEmail:
      return "email";
    case Kind::kPhoneNanp:
    case Kind::kPhoneIntl:
      return "phone";
    case Kind::kSsn:
      return "ssn";
    case Kind::kCard:
      return "card";
    case Kind::kIban:
      return "iban";
    case Kind::kIp:
      return "ip";
    case Kind::kDob:
      return "dob";
    case Kind::kFirstName:
    case Kind::kLastName:
    case Kind::kFullName:
      return "person_name";
    case Kind::kPassport:
      return "passport";
    case Kind::kDriversLicense:
      return "drivers_license";
    case Kind::kMrn:
      return "mrn";
    case Kind::kIcd10:
      return "icd10";
    case Kind::kHealthTerm:
      return "health_term";
    case Kind::kAwsKey:
      return "aws_key";
    case Kind::kPrivateKey:
      return "private_key";
    case Kind::kJwt:
      return "jwt";
    default:
      return "";
  }
}

std::string Generator::Value(const ColumnSpec& spec, std::uint64_t row) {
  values::Rng& r = rng_;
  switch (spec.kind) {
    case Kind::kEmail:
      return values::Email(r);
    case Kind::kPhoneNanp:
      return values::PhoneNanp(r, spec.style);
    case Kind::kPhoneIntl:
      return values::PhoneIntl(r, spec.style);
    case Kind::kSsn:
      return values::Ssn(r, spec.style);
    case Kind::kCard:
      return values::Card(r, spec.style);
    case Kind::kIban:
      return values::Iban(r, spec.style);
    case Kind::kIp:
      return values::Ip(r, spec.style);
    case Kind::kDob:
      return values::Dob(r, spec.style);
    case Kind::kFirstName:
      return values::FirstName(r);
    case Kind::kLastName:
      return values::LastName(r);
    case Kind::kFullName:
      return values::FullName(r);
    case Kind::kPassport:
      return values::Passport(r);
    case Kind::kDriversLicense:
      return values::DriversLicense(r);
    case Kind::kMrn:
      return values::Mrn(r, spec.style);
    case Kind::kIcd10:
      return values::Icd10(r);
    case Kind::kHealthTerm:
      return values::HealthTerm(r, spec.style);
    case Kind::kAwsKey:
      return values::AwsKey(r);
    case Kind::kPrivateKey:
      return values::PrivateKey(r);
    case Kind::kJwt:
      return values::Jwt(r);
    case Kind::kId:
      return std::to_string(row + 1);
    case Kind::kOrderId:
      return values::OrderId(r);
    case Kind::kPartNo:
      return values::PartNo(r, spec.style);
    case Kind::kEventDate:
      return values::EventDate(r);
    case Kind::kEventTimestamp:
      return values::Timestamp(r);
    case Kind::kHireDate:
      return values::HireDate(r);
    case Kind::kInvoiceNo:
      return values::InvoiceNo(r);
    case Kind::kNotes:
      return values::Notes(r);
    case Kind::kSku:
      return values::Sku(r);
    case Kind::kAmount:
      return values::Amount(r);
    case Kind::kQuantity:
      return values::Quantity(r);
    case Kind::kStatus:
      return values::Status(r);
    case Kind::kCountry:
      return values::Country(r);
    case Kind::kCurrency:
      return values::Currency(r);
    case Kind::kCity:
      return values::City(r);
    case Kind::kProductName:
      return values::ProductName(r);
    case Kind::kItemCondition:
      return values::ItemCondition(r);
    case Kind::kVersion:
      return values::Version(r);
    case Kind::kPublicKey:
      return values::PublicKey(r);
  }
  return "";
}

void Generator::AppendCsvHeader(const std::vector<ColumnSpec>& columns, std::string* out) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) *out += ',';
    AppendCsvField(columns[i].name, out);
  }
  *out += '\n';
}

void Generator::AppendCsvRow(const std::vector<ColumnSpec>& columns, std::uint64_t row,
                             double null_rate, std::string* out) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) *out += ',';
    if (columns[i].nullable && values::Unit(rng_) < null_rate) continue;  // empty field: null
    AppendCsvField(Value(columns[i], row), out);
  }
  *out += '\n';
}

void Generator::AppendJsonRow(const std::vector<ColumnSpec>& columns, std::uint64_t row,
                              double null_rate, std::string* out) {
  nlohmann::ordered_json obj = nlohmann::ordered_json::object();
  for (const ColumnSpec& c : columns) {
    std::size_t dot = c.name.find('.');
    nlohmann::ordered_json& parent = dot == std::string::npos ? obj : obj[c.name.substr(0, dot)];
    std::string key = dot == std::string::npos ? c.name : c.name.substr(dot + 1);
    if (c.nullable && values::Unit(rng_) < null_rate) {
      if (values::Below(rng_, 2) == 0)
        parent[key] = nullptr;  // else absent: also null to a scanner
      if (parent.is_null()) parent = nlohmann::ordered_json::object();
      continue;
    }
    std::string v = Value(c, row);
    if (IsInteger(c.kind)) {
      parent[key] = std::stoll(v);
    } else if (c.kind == Kind::kAmount) {
      parent[key] = std::stod(v);
    } else {
      parent[key] = v;
    }
  }
  *out += obj.dump();
  *out += '\n';
}

std::string DigitsOf(std::string_view s) {
  std::string d;
  for (char c : s) {
    if (c >= '0' && c <= '9') d += c;
  }
  return d;
}

}  // namespace sluice::scan_eval
