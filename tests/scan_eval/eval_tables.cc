// The tables of the evaluation set: fifteen templates of tables a data platform really holds,
// each with its sensitive columns next to the decoys that occur beside them in practice, and
// MakeEvalSet, which draws tables from them (CSV, and JSON Lines with nested fields).
#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "scan_eval/eval_set.h"
#include "scan_eval/values.h"

namespace sluice::scan_eval {
namespace {

using values::Below;
using values::Between;
using values::Pad;
using values::Pick;
using values::Rng;

using Columns = std::vector<ColumnSpec>;

ColumnSpec Col(std::string name, Kind kind, int style = 0) {
  return ColumnSpec{std::move(name), kind, style, true};
}
ColumnSpec IdCol(std::string name) {
  return ColumnSpec{std::move(name), Kind::kId, 0, false};
}
std::string Name(Rng& r, std::initializer_list<std::string_view> names) {
  return std::string(Pick(r, names));
}

struct Template {
  std::string_view name;
  Columns (*make)(Rng&);
};

// Each template is a table a data platform really holds; the decoys sit where they occur in
// practice (order numbers next to card numbers, hire dates next to SSNs).
const std::vector<Template>& Templates() {
  static const std::vector<Template> kTemplates = {
      {"customers",
       [](Rng& r) {
         return Columns{
             IdCol("customer_id"),
             Col("first_name", Kind::kFirstName),
             Col("last_name", Kind::kLastName),
             Col(Name(r, {"email", "email_address", "contact_email"}), Kind::kEmail),
             Col(Name(r, {"phone", "phone_number", "mobile"}), Kind::kPhoneNanp, Between(r, 0, 5)),
             Col(Name(r, {"dob", "date_of_birth", "birth_date"}), Kind::kDob, Between(r, 0, 1)),
             Col("city", Kind::kCity),
             Col("country", Kind::kCountry),
             Col(Name(r, {"created", "created_at"}), Kind::kEventDate),
             Col("notes", Kind::kNotes)};
       }},
      {"payments",
       [](Rng& r) {
         return Columns{
             IdCol("payment_id"),
             Col(Name(r, {"card_number", "cc_number", "card"}), Kind::kCard, Between(r, 0, 3)),
             Col("amount", Kind::kAmount),
             Col("currency", Kind::kCurrency),
             Col("order_id", Kind::kOrderId),
             Col(Name(r, {"created_at", "paid_at"}), Kind::kEventTimestamp),
             Col("status", Kind::kStatus),
             Col("customer_email", Kind::kEmail)};
       }},
      {"patients",
       [](Rng& r) {
         return Columns{
             IdCol("patient_id"),
             Col(Name(r, {"mrn", "medical_record_number"}), Kind::kMrn, Between(r, 0, 2)),
             Col("full_name", Kind::kFullName),
             Col(Name(r, {"dob", "date_of_birth", "birth_date"}), Kind::kDob, Between(r, 0, 1)),
             Col("ssn", Kind::kSsn, Between(r, 0, 1)),
             Col("diagnosis_code", Kind::kIcd10),
             Col("condition", Kind::kHealthTerm, Between(r, 0, 1)),
             Col("phone", Kind::kPhoneNanp, Between(r, 0, 5)),
             Col("admitted_on", Kind::kEventDate),
             Col("notes", Kind::kNotes)};
       }},
      {"employees",
       [](Rng& r) {
         return Columns{
             IdCol("employee_id"),
             Col("full_name", Kind::kFullName),
             Col(Name(r, {"ssn", "social_security_number"}), Kind::kSsn, Between(r, 0, 1)),
             Col("hire_date", Kind::kHireDate),
             Col("drivers_license", Kind::kDriversLicense),
             Col("passport_number", Kind::kPassport),
             Col("work_email", Kind::kEmail),
             Col("salary", Kind::kAmount)};
       }},
      {"bank_accounts",
       [](Rng& r) {
         return Columns{IdCol("account_id"),
                        Col(Name(r, {"iban", "account_iban"}), Kind::kIban, Between(r, 0, 2)),
                        Col("full_name", Kind::kFullName),
                        Col("currency", Kind::kCurrency),
                        Col("balance", Kind::kAmount),
                        Col("created", Kind::kEventDate),
                        Col("country", Kind::kCountry)};
       }},
      {"payroll",
       [](Rng& r) {
         bool split = Below(r, 2) == 0;  // first_name alone, or full_name
         return Columns{
             IdCol("employee_id"),
             Col(split ? "first_name" : "full_name", split ? Kind::kFirstName : Kind::kFullName),
             Col("iban", Kind::kIban, Between(r, 0, 2)),
             Col("ssn", Kind::kSsn, Between(r, 0, 1)),
             Col("net_pay", Kind::kAmount),
             Col("currency", Kind::kCurrency),
             Col("pay_date", Kind::kEventDate),
             Col("invoice_no", Kind::kInvoiceNo)};
       }},
      {"access_logs",
       [](Rng& r) {
         return Columns{
             IdCol("request_id"),
             Col(Name(r, {"client_ip", "ip_address", "remote_addr"}), Kind::kIp, Between(r, 0, 2)),
             Col("timestamp", Kind::kEventTimestamp),
             Col("status", Kind::kStatus),
             Col("bytes", Kind::kQuantity),
             Col("client_version", Kind::kVersion),
             Col(Name(r, {"token", "session_token", "auth_token"}), Kind::kJwt)};
       }},
      {"service_accounts",
       [](Rng& r) {
         return Columns{IdCol("id"),
                        Col(Name(r, {"aws_access_key_id", "access_key_id"}), Kind::kAwsKey),
                        Col(Name(r, {"key", "private_key"}), Kind::kPrivateKey),
                        Col("public_key", Kind::kPublicKey),
                        Col(Name(r, {"token", "api_token"}), Kind::kJwt),
                        Col("created", Kind::kEventDate),
                        Col("description", Kind::kNotes)};
       }},
      {"deploy_keys",
       [](Rng&) {
         return Columns{IdCol("id"),
                        Col("product_name", Kind::kProductName),
                        Col("key", Kind::kPrivateKey),
                        Col("public_key", Kind::kPublicKey),
                        Col("aws_access_key_id", Kind::kAwsKey),
                        Col("created_at", Kind::kEventTimestamp)};
       }},
      {"shipments",  // decoys only: nothing may fire
       [](Rng& r) {
         return Columns{Col("order_id", Kind::kOrderId),
                        Col("part_no", Kind::kPartNo, Between(r, 0, 3)),
                        Col("shipped_at", Kind::kEventTimestamp),
                        Col("invoice_no", Kind::kInvoiceNo),
                        Col("sku", Kind::kSku),
                        Col("notes", Kind::kNotes),
                        Col("total", Kind::kAmount),
                        Col("quantity", Kind::kQuantity),
                        Col("created", Kind::kEventDate),
                        Col("delivery_date", Kind::kEventDate)};
       }},
      {"marketplace",
       [](Rng&) {
         return Columns{IdCol("listing_id"),
                        Col("product_name", Kind::kProductName),
                        Col("item_condition", Kind::kItemCondition),
                        Col("sku", Kind::kSku),
                        Col("price", Kind::kAmount),
                        Col("seller_email", Kind::kEmail),
                        Col("city", Kind::kCity),
                        Col("created", Kind::kEventDate),
                        Col("quantity", Kind::kQuantity)};
       }},
      {"travel",
       [](Rng& r) {
         return Columns{
             IdCol("booking_id"),
             Col("full_name", Kind::kFullName),
             Col("passport_number", Kind::kPassport),
             Col(Name(r, {"birth_date", "date_of_birth"}), Kind::kDob, Between(r, 0, 1)),
             Col(Name(r, {"phone", "contact_phone"}), Kind::kPhoneIntl, Between(r, 0, 2)),
             Col("email", Kind::kEmail),
             Col("invoice_no", Kind::kInvoiceNo),
             Col("fare", Kind::kAmount),
             Col("nationality", Kind::kCountry)};
       }},
      {"claims",
       [](Rng& r) {
         return Columns{
             IdCol("claim_id"),
             Col(Name(r, {"mrn", "medical_record_number"}), Kind::kMrn, Between(r, 0, 2)),
             Col("diagnosis_code", Kind::kIcd10),
             Col("condition", Kind::kHealthTerm, Between(r, 0, 1)),
             Col("card_number", Kind::kCard, Between(r, 0, 3)),
             Col("amount", Kind::kAmount),
             Col("invoice_no", Kind::kInvoiceNo),
             Col("service_date", Kind::kEventDate)};
       }},
      {"devices",
       [](Rng& r) {
         return Columns{IdCol("device_id"),
                        Col("ip_address", Kind::kIp, Between(r, 1, 2)),
                        Col("firmware_version", Kind::kVersion),
                        Col("part_no", Kind::kPartNo, Between(r, 0, 3)),
                        Col("shipped_at", Kind::kEventTimestamp),
                        Col("sku", Kind::kSku),
                        Col("notes", Kind::kNotes)};
       }},
      {"rentals",
       [](Rng& r) {
         return Columns{IdCol("rental_id"),
                        Col("full_name", Kind::kFullName),
                        Col("drivers_license", Kind::kDriversLicense),
                        Col(Name(r, {"dob", "date_of_birth"}), Kind::kDob, Between(r, 0, 1)),
                        Col("phone", Kind::kPhoneNanp, Between(r, 0, 5)),
                        Col("card_number", Kind::kCard, Between(r, 0, 3)),
                        Col("pickup_at", Kind::kEventTimestamp),
                        Col("city", Kind::kCity),
                        Col("total", Kind::kAmount)};
       }},
  };
  return kTemplates;
}

// JSON Lines tables nest some fields, as APIs write them; the scanner reports dotted paths.
void NestForJson(Columns* columns) {
  for (ColumnSpec& c : *columns) {
    switch (c.kind) {
      case Kind::kEmail:
      case Kind::kPhoneNanp:
      case Kind::kPhoneIntl:
        c.name = "contact." + c.name;
        break;
      case Kind::kCard:
        c.name = "payment." + c.name;
        break;
      case Kind::kJwt:
      case Kind::kAwsKey:
        c.name = "auth." + c.name;
        break;
      default:
        break;
    }
  }
}

}  // namespace

std::vector<EvalTable> MakeEvalSet(const EvalSetOptions& options) {
  Generator gen(options.seed);
  Rng& r = gen.rng();
  const std::vector<Template>& templates = Templates();
  std::vector<EvalTable> tables;
  // The JSON Lines tables use the templates whose fields APIs commonly nest.
  static constexpr std::size_t kJsonTemplates[] = {0, 1, 2, 3, 6, 7};
  int total = options.csv_tables + options.jsonl_tables;
  for (int t = 0; t < total; ++t) {
    bool jsonl = t >= options.csv_tables;
    std::size_t which = jsonl ? kJsonTemplates[static_cast<std::size_t>(t - options.csv_tables) %
                                               std::size(kJsonTemplates)]
                              : static_cast<std::size_t>(t) % templates.size();
    Columns columns = templates[which].make(r);
    if (jsonl) NestForJson(&columns);
    // Mixed column orders: a scanner must not depend on where a column sits.
    for (std::size_t i = columns.size(); i > 1; --i)
      std::swap(columns[i - 1], columns[Below(r, i)]);

    EvalTable table;
    table.name = std::string(templates[which].name) + "_" + Pad(static_cast<std::uint64_t>(t), 2);
    table.format = jsonl ? tabular::Format::kJsonl : tabular::Format::kCsv;
    table.rows = options.min_rows + Below(r, options.max_rows - options.min_rows + 1);
    for (const ColumnSpec& c : columns) {
      table.columns.push_back({c.name, std::string(ExpectedDetector(c.kind))});
    }
    if (!jsonl) Generator::AppendCsvHeader(columns, &table.text);
    for (std::size_t row = 0; row < table.rows; ++row) {
      if (jsonl) {
        gen.AppendJsonRow(columns, row, options.null_rate, &table.text);
      } else {
        gen.AppendCsvRow(columns, row, options.null_rate, &table.text);
      }
    }
    tables.push_back(std::move(table));
  }
  return tables;
}

}  // namespace sluice::scan_eval
