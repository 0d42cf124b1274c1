#include "scan/detectors.h"

#include <hs/hs.h>

#include <array>

#include "scan/text.h"

namespace sluice::scan {
namespace {

constexpr std::string_view kPii[] = {"PII"};
constexpr std::string_view kPci[] = {"PCI"};
constexpr std::string_view kPhi[] = {"PHI"};
constexpr std::string_view kCredential[] = {"credential"};
constexpr std::span<const std::string_view> kNone;

// Names of identifiers that are not personal data but look like it (order numbers that pass
// Luhn, part numbers shaped like phone numbers): a column named so is negative context for the
// numeric detectors.
constexpr std::string_view kIdentifierWords[] = {
    "order",    "orders",    "invoice",      "sku",         "part",     "parts",
    "tracking", "serial",    "product",      "item",        "isbn",     "upc",
    "ean",      "gtin",      "barcode",      "imei",        "batch",    "lot",
    "model",    "shipment",  "confirmation", "transaction", "txn",      "ticket",
    "catalog",  "catalogue", "version",      "build",       "zip",      "postal",
    "postcode", "routing",   "checksum",     "hash",        "sequence", "seq"};

// First-pass patterns, for the detectors that find a value inside free text by a rare literal.
// Matches are located by their end offset only (no HS_FLAG_SOM_LEFTMOST: it costs several
// times the scan speed). Whole-field numbers (cards, phones, SSNs, IBANs, IPs, ICD-10 codes)
// are flagged by their shape instead (value_shape.h explains why).
constexpr std::string_view kEmailPatterns[] = {R"([A-Za-z0-9._%+\-]@[A-Za-z0-9\-]+\.[A-Za-z]{2})"};
constexpr std::string_view kAwsPatterns[] = {R"((?:AKIA|ASIA)[A-Z2-7]{16})"};
constexpr std::string_view kPemPatterns[] = {R"(-----BEGIN [A-Z ]{0,24}PRIVATE KEY)"};
constexpr std::string_view kJwtPatterns[] = {R"(eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{2,}\.)"};

// Context words (column_name.h): whole words, substrings of the joined name, negative words.
constexpr std::string_view kEmailWords[] = {"email", "mail", "emails"};
constexpr std::string_view kEmailSubs[] = {"email"};

constexpr std::string_view kPhoneWords[] = {"phone",  "phones",  "tel",       "telephone",
                                            "mobile", "cell",    "cellphone", "fax",
                                            "msisdn", "contact", "sms",       "whatsapp"};
constexpr std::string_view kPhoneSubs[] = {"phone", "mobile"};

constexpr std::string_view kSsnWords[] = {"ssn", "ssns", "social",  "sin",
                                          "tin", "itin", "taxpayer"};
constexpr std::string_view kSsnSubs[] = {"socialsecurity", "ssnumber"};

constexpr std::string_view kCardWords[] = {"card", "cards",      "cc",         "ccn",
                                           "pan",  "cardnumber", "creditcard", "debitcard"};
constexpr std::string_view kCardSubs[] = {"creditcard", "debitcard", "cardnumber",
                                          "cardno",     "ccnum",     "paymentcard"};
constexpr std::string_view kCardNegative[] = {
    "order",      "orders",  "invoice", "sku",      "part",     "parts",        "tracking",
    "serial",     "product", "item",    "isbn",     "upc",      "ean",          "gtin",
    "barcode",    "imei",    "batch",   "lot",      "shipment", "confirmation", "transaction",
    "txn",        "ticket",  "catalog", "gift",     "loyalty",  "reward",       "rewards",
    "membership", "library", "routing", "checksum", "sequence", "seq"};

constexpr std::string_view kIbanWords[] = {"iban", "bank", "account", "acct"};
constexpr std::string_view kIbanSubs[] = {"iban", "bankaccount"};

constexpr std::string_view kIpWords[] = {"ip",     "ipv",    "ipaddr", "ipaddress", "host",
                                         "client", "remote", "src",    "dst",       "peer"};
constexpr std::string_view kIpSubs[] = {"ipaddr", "ipv4", "ipv6"};
constexpr std::string_view kIpNegative[] = {"version", "ver", "release", "build",
                                            "oid",     "mib", "semver"};

constexpr std::string_view kDobWords[] = {"dob", "born", "bday", "birth", "birthday", "birthdate"};
constexpr std::string_view kDobSubs[] = {"birth", "dateofbirth"};

constexpr std::string_view kNameWords[] = {
    "name",        "names",    "first",     "last",      "surname",  "given",      "family",
    "fname",       "lname",    "fullname",  "forename",  "middle",   "maiden",     "firstname",
    "lastname",    "person",   "customer",  "patient",   "employee", "author",     "owner",
    "recipient",   "sender",   "applicant", "passenger", "student",  "cardholder", "holder",
    "beneficiary", "guardian", "spouse",    "physician", "doctor",   "nurse",      "contact",
    "signer",      "buyer",    "seller",    "tenant",    "insured",  "subscriber", "guest",
    "attendee",    "driver",   "assignee",  "reporter",  "manager"};
constexpr std::string_view kNameSubs[] = {"firstname",  "lastname",   "surname",     "fullname",
                                          "givenname",  "familyname", "forename",    "middlename",
                                          "maidenname", "personname", "patientname", "customername",
                                          "contactname"};
constexpr std::string_view kNameNegative[] = {
    "product",    "company",      "file",         "filename",   "host",     "hostname",  "brand",
    "city",       "street",       "country",      "state",      "category", "type",      "business",
    "org",        "organization", "organisation", "vendor",     "merchant", "store",     "shop",
    "bank",       "model",        "server",       "table",      "column",   "field",     "domain",
    "app",        "application",  "event",        "team",       "project",  "device",    "service",
    "item",       "dataset",      "path",         "place",      "location", "school",    "hospital",
    "department", "dept",         "job",          "title",      "role",     "group",     "course",
    "tag",        "label",        "key",          "database",   "db",       "schema",    "class",
    "package",    "pet",          "breed",        "species",    "venue",    "building",  "campaign",
    "plan",       "feature",      "metric",       "sku",        "part",     "login",     "seen",
    "modified",   "updated",      "access",       "activity",   "payment",  "order",     "page",
    "screen",     "display",      "drug",         "medication", "disease",  "diagnosis", "test",
    "region",     "county",       "district",     "station"};

constexpr std::string_view kPassportWords[] = {"passport"};
constexpr std::string_view kPassportSubs[] = {"passport"};
constexpr std::string_view kDocumentNegative[] = {
    "expiry",   "expiration", "exp",   "expires", "date",   "country", "issued",
    "issue",    "status",     "type",  "photo",   "plate",  "vehicle", "software",
    "key",      "class",      "state", "product", "server", "seat",    "fishing",
    "business", "nursing",    "count", "verified"};

constexpr std::string_view kDlWords[] = {"dl",      "dln",     "driver", "drivers",
                                         "driving", "license", "licence"};
constexpr std::string_view kDlSubs[] = {"driverslicense", "driverlicense",  "driverslicence",
                                        "driverlicence",  "drivinglicense", "drivinglicence",
                                        "licensenumber",  "licencenumber",  "dlnumber"};

constexpr std::string_view kMrnWords[] = {"mrn", "mrno", "chart"};
constexpr std::string_view kMrnSubs[] = {"medicalrecord", "patientid", "patientnumber",
                                         "patientno",     "mrnumber",  "healthrecord"};

constexpr std::string_view kIcd10Words[] = {"icd", "dx", "diag", "diagnosis", "diagnoses"};
constexpr std::string_view kIcd10Subs[] = {"icd", "diagnosis", "diagnoses", "diagcode", "dxcode"};

constexpr std::string_view kHealthWords[] = {
    "diagnosis", "diagnoses", "condition",   "conditions",    "disease",   "diseases",  "illness",
    "medical",   "health",    "symptom",     "symptoms",      "allergy",   "allergies", "dx",
    "ailment",   "disorder",  "comorbidity", "comorbidities", "complaint", "problem"};
constexpr std::string_view kHealthSubs[] = {"diagnos",         "medicalcondition", "medicalhistory",
                                            "healthcondition", "chronic",          "comorbid",
                                            "allerg"};

constexpr std::string_view kAwsWords[] = {"aws", "key", "access"};
constexpr std::string_view kAwsSubs[] = {"accesskey", "awskey"};
constexpr std::string_view kPemWords[] = {"key", "pem", "private", "privatekey"};
constexpr std::string_view kPemSubs[] = {"privatekey"};
constexpr std::string_view kJwtWords[] = {"jwt", "token", "bearer", "auth", "authorization"};
constexpr std::string_view kJwtSubs[] = {"jwt", "token"};

// Validators in the common signature; most ignore the context.
bool ValidateEmail(std::string_view v, const ValidationContext&) {
  return ContainsEmail(v);
}
bool ValidatePhone(std::string_view v, const ValidationContext&) {
  return IsValidPhone(v);
}
bool ValidateSsn(std::string_view v, const ValidationContext& c) {
  return IsValidSsn(v, c.name_context) || ContainsSsn(v);
}
bool ValidateCard(std::string_view v, const ValidationContext&) {
  return IsValidCardNumber(v);
}
bool ValidateIban(std::string_view v, const ValidationContext&) {
  return IsValidIban(v);
}
bool ValidateIp(std::string_view v, const ValidationContext&) {
  return IsValidIp(v);
}
bool ValidateDob(std::string_view v, const ValidationContext& c) {
  return IsPlausibleBirthDate(v, c.today);
}
bool ValidatePersonName(std::string_view v, const ValidationContext&) {
  return IsPersonName(v);
}
bool ValidatePassport(std::string_view v, const ValidationContext&) {
  return IsUsPassportNumber(v);
}
bool ValidateDriversLicense(std::string_view v, const ValidationContext&) {
  return IsDriversLicenseNumber(v);
}
bool ValidateMrn(std::string_view v, const ValidationContext&) {
  return IsMedicalRecordNumber(v);
}
bool ValidateIcd10(std::string_view v, const ValidationContext& c) {
  if (!IsIcd10Code(v)) return false;
  // Without name context only the dotted form counts ("E11.9"): a letter and two digits alone
  // ("A12": a seat, a grid cell) or run together with more ("A123456": a product code) are
  // too common outside medicine, and random ones fall in the chapter ranges 96% of the time.
  return c.name_context || TrimAscii(v).find('.') == 3;
}
bool ValidateHealthTerm(std::string_view v, const ValidationContext&) {
  return ContainsHealthTerm(v);
}
bool ValidateAwsKey(std::string_view v, const ValidationContext&) {
  return ContainsAwsAccessKeyId(v);
}
bool ValidatePrivateKey(std::string_view v, const ValidationContext&) {
  return ContainsPrivateKeyHeader(v);
}
bool ValidateJwt(std::string_view v, const ValidationContext&) {
  return ContainsJwt(v);
}

constexpr unsigned kFlags = HS_FLAG_DOTALL;

const std::array<Detector, kDetectorCount> kDetectors = {{
    {DetectorId::kEmail,
     "email",
     kPii,
     kEmailPatterns,
     kFlags,
     nullptr,
     ValidateEmail,
     {kEmailWords, kEmailSubs, kNone},
     false,
     0.0,
     false,
     MaskStyle::kEmail,
     "@"},
    {DetectorId::kPhone,
     "phone",
     kPii,
     kNone,
     kFlags,
     LooksLikePhone,
     ValidatePhone,
     {kPhoneWords, kPhoneSubs, kIdentifierWords},
     false,
     0.5,
     false,
     MaskStyle::kKeepLast4,
     ""},
    {DetectorId::kSsn,
     "ssn",
     kPii,
     kNone,
     kFlags,
     LooksLikeSsn,
     ValidateSsn,
     {kSsnWords, kSsnSubs, kIdentifierWords},
     false,
     0.3,
     false,
     MaskStyle::kKeepLast4,
     ""},
    {DetectorId::kCard,
     "card",
     kPci,
     kNone,
     kFlags,
     LooksLikeCard,
     ValidateCard,
     {kCardWords, kCardSubs, kCardNegative},
     false,
     0.0,
     false,
     MaskStyle::kKeepLast4,
     ""},
    {DetectorId::kIban,
     "iban",
     kPii,
     kNone,
     kFlags,
     LooksLikeIban,
     ValidateIban,
     {kIbanWords, kIbanSubs, kNone},
     false,
     0.0,
     false,
     MaskStyle::kKeepLast4,
     ""},
    {DetectorId::kIp,
     "ip",
     kPii,
     kNone,
     kFlags,
     LooksLikeIp,
     ValidateIp,
     {kIpWords, kIpSubs, kIpNegative},
     false,
     0.0,
     false,
     MaskStyle::kFull,
     ""},
    {DetectorId::kDob,
     "dob",
     kPii,
     kNone,
     kFlags,
     nullptr,
     ValidateDob,
     {kDobWords, kDobSubs, kNone},
     true,
     0.0,
     false,
     MaskStyle::kFull,
     ""},
    {DetectorId::kPersonName,
     "person_name",
     kPii,
     kNone,
     kFlags,
     nullptr,
     ValidatePersonName,
     {kNameWords, kNameSubs, kNameNegative},
     true,
     0.0,
     false,
     MaskStyle::kFull,
     ""},
    {DetectorId::kPassport,
     "passport",
     kPii,
     kNone,
     kFlags,
     nullptr,
     ValidatePassport,
     {kPassportWords, kPassportSubs, kDocumentNegative},
     true,
     0.0,
     false,
     MaskStyle::kKeepLast4,
     ""},
    {DetectorId::kDriversLicense,
     "drivers_license",
     kPii,
     kNone,
     kFlags,
     nullptr,
     ValidateDriversLicense,
     {kDlWords, kDlSubs, kDocumentNegative},
     true,
     0.0,
     false,
     MaskStyle::kKeepLast4,
     ""},
    {DetectorId::kMrn,
     "mrn",
     kPhi,
     kNone,
     kFlags,
     nullptr,
     ValidateMrn,
     {kMrnWords, kMrnSubs, kNone},
     true,
     0.0,
     false,
     MaskStyle::kKeepLast4,
     ""},
    {DetectorId::kIcd10,
     "icd10",
     kPhi,
     kNone,
     kFlags,
     LooksLikeIcd10,
     ValidateIcd10,
     {kIcd10Words, kIcd10Subs, kNone},
     false,
     0.3,
     false,
     MaskStyle::kFull,
     ""},
    {DetectorId::kHealthTerm,
     "health_term",
     kPhi,
     kNone,
     kFlags,
     nullptr,
     ValidateHealthTerm,
     {kHealthWords, kHealthSubs, kNone},
     true,
     0.0,
     false,
     MaskStyle::kFull,
     ""},
    {DetectorId::kAwsKey,
     "aws_key",
     kCredential,
     kAwsPatterns,
     kFlags,
     nullptr,
     ValidateAwsKey,
     {kAwsWords, kAwsSubs, kNone},
     false,
     0.0,
     true,
     MaskStyle::kFull,
     ""},
    {DetectorId::kPrivateKey,
     "private_key",
     kCredential,
     kPemPatterns,
     kFlags,
     nullptr,
     ValidatePrivateKey,
     {kPemWords, kPemSubs, kNone},
     false,
     0.0,
     true,
     MaskStyle::kFull,
     "-----BEGIN "},
    {DetectorId::kJwt,
     "jwt",
     kCredential,
     kJwtPatterns,
     kFlags,
     nullptr,
     ValidateJwt,
     {kJwtWords, kJwtSubs, kNone},
     false,
     0.0,
     true,
     MaskStyle::kFull,
     "eyJ"},
}};

}  // namespace

std::span<const Detector> Detectors() {
  return kDetectors;
}

uint32_t ShapeCandidates(std::string_view value) {
  if (value.empty()) return 0;
  const ValueShape shape = ShapeOf(value);
  auto bit = [](DetectorId id) { return uint32_t{1} << static_cast<unsigned>(id); };
  uint32_t mask = 0;
  if (LooksLikePhone(value, shape)) mask |= bit(DetectorId::kPhone);
  if (LooksLikeSsn(value, shape)) mask |= bit(DetectorId::kSsn);
  if (LooksLikeCard(value, shape)) mask |= bit(DetectorId::kCard);
  if (LooksLikeIban(value, shape)) mask |= bit(DetectorId::kIban);
  if (LooksLikeIp(value, shape)) mask |= bit(DetectorId::kIp);
  if (LooksLikeIcd10(value, shape)) mask |= bit(DetectorId::kIcd10);
  return mask;
}

const Detector& GetDetector(DetectorId id) {
  return kDetectors[static_cast<size_t>(id)];
}

}  // namespace sluice::scan
