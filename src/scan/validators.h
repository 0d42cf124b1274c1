// Validators: pure functions that decide whether one value really is what a detector's
// first-pass pattern says it might be. One per detector (detectors.h wires them to names,
// patterns, context words and tags); docs/scanning.md explains each rule. They are implemented
// by family, one file each: validators_network.cc (email, phone, IP), validators_identity.cc
// (SSN, birth dates, person names, passport and driver's licence numbers),
// validators_finance.cc (payment cards, IBAN), validators_health.cc (medical record numbers,
// ICD-10, health terms) and validators_secrets.cc (AWS keys, private keys, JWTs).
//
// "Is..." functions judge the whole value (ASCII whitespace around it ignored); "Contains..."
// functions look for a valid occurrence anywhere inside free text. None allocates except where
// noted (JWT decodes its header; health terms fold the value's case into a buffer).
//
// Thread-safety: pure functions; the name lists (names.h) are built once, thread-safely.
#pragma once

#include <compare>
#include <optional>
#include <string_view>

namespace sluice::scan {

// ---- Network (validators_network.cc) ------------------------------------------------------------

// Email: local@domain with RFC 5321 limits (local part <= 64, address <= 254), an atom local
// part without leading, trailing or doubled dots, and a domain of at least two labels whose last
// is alphabetic (or an IDN "xn--" label).
bool IsValidEmail(std::string_view value);
bool ContainsEmail(std::string_view text);

// Phone: NANP (10 digits, or 11 with a leading 1, grouped 3-3-4, 1-3-3-4, 3-7 or not at all;
// area code [2-9][0-8][0-9] but not N11, exchange [2-9][0-9][0-9] but not N11), or
// international (+ or 00, then an assigned country code and 7 to 15 digits in all; +1 must
// also be NANP). An extension ("x123", "ext. 123") may follow.
bool IsValidNanpDigits(std::string_view ten_digits);
bool IsValidPhone(std::string_view value);

// IP addresses as inet_pton(3) reads them (IPv4 dotted quad, IPv6 in any RFC 4291 form).
bool IsValidIpv4(std::string_view value);
bool IsValidIpv6(std::string_view value);
bool IsValidIp(std::string_view value);

// ---- Identity (validators_identity.cc) ----------------------------------------------------------

// US SSN: AAA-GG-SSSS (dashes or spaces), or 9 bare digits only when `allow_bare` (a column
// named like an SSN). Area not 000, 666 or 900-999; group not 00; serial not 0000; the
// well-known invalid 078-05-1120 and 219-09-9999 refused.
bool IsValidSsn(std::string_view value, bool allow_bare);
// A formatted SSN anywhere in the text (not inside a longer run of digits and dashes).
bool ContainsSsn(std::string_view text);

// Calendar dates as people write them: YYYY-MM-DD (also / or .; a time may follow),
// MM/DD/YYYY or DD/MM/YYYY (also - or .; US reading first), YYYYMMDD, "March 5, 1985",
// "5 Mar 1985", "05-Mar-1985".
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};
std::optional<CivilDate> ParseDate(std::string_view value);
CivilDate TodayUtc();
// A date (or a bare four-digit year) no later than `today` and no more than 120 years before.
bool IsPlausibleBirthDate(std::string_view value, CivilDate today);

// Person name: one to four words of letters (with ' - . inside), optionally "Last, First",
// titles (Mr, Dr, ...) and suffixes (Jr, III, ...) ignored, no digits or company suffixes
// (Inc, LLC, ...), and at least one word in the shipped lists of common first names and
// surnames (names.h).
bool IsPersonName(std::string_view value);

// US passport: 9 digits, or a letter and 8 digits (the 2021 Next Generation format).
bool IsUsPassportNumber(std::string_view value);
// Driver's licence, the shapes US states use: up to two letters, 4-14 digits, up to two
// letters, 5-16 characters in all once spaces and dashes are removed, at least 5 digits.
bool IsDriversLicenseNumber(std::string_view value);
// ---- Finance (validators_finance.cc) ------------------------------------------------------------

// Payment card: 12-19 digits (single spaces or dashes between groups allowed), the Luhn check,
// and an issuer's prefix and length: Visa, Mastercard, Amex, Discover, JCB, Diners Club,
// UnionPay, Maestro.
bool PassesLuhn(std::string_view digits);
enum class CardNetwork { kVisa, kMastercard, kAmex, kDiscover, kJcb, kDiners, kUnionPay, kMaestro };
std::optional<CardNetwork> CardNetworkOf(std::string_view digits);
bool IsValidCardNumber(std::string_view value);

// IBAN: country code with its registry length, two check digits, alphanumeric BBAN, and
// mod-97 == 1 (ISO 13616). Single spaces between groups and lower case are accepted.
bool IsValidIban(std::string_view value);

// ---- Health (validators_health.cc) --------------------------------------------------------------

// Medical record number: an optional prefix of up to 4 letters (and a dash or space), then
// 5-12 digits (dashes allowed between them), not all zeros.
bool IsMedicalRecordNumber(std::string_view value);
// ICD-10 code: a chapter letter, two characters within that chapter's range (A00-B99, C00-D89,
// E00-E89, F01-F99, G00-G99, H00-H95, I00-I99, J00-J99, K00-K95, L00-L99, M00-M99, N00-N99,
// O00-O9A, P00-P96, Q00-Q99, R00-R99, S00-T98, U00-U85, V00-Y99, Z00-Z99), then optionally a
// dot and 1-4 letters or digits.
bool IsIcd10Code(std::string_view value);
// A term of the health vocabulary (diabetes, hypertension, asthma, ...) at a word start.
bool ContainsHealthTerm(std::string_view text);

// ---- Secrets (validators_secrets.cc) ------------------------------------------------------------

// AWS access key id: AKIA or ASIA then 16 of [A-Z2-7], not inside a longer word.
bool IsAwsAccessKeyId(std::string_view value);
bool ContainsAwsAccessKeyId(std::string_view text);
// A PEM private key header: -----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED ]PRIVATE KEY----- (or
// the PGP PRIVATE KEY BLOCK).
bool ContainsPrivateKeyHeader(std::string_view text);
// JWT: three base64url parts (the signature may be empty), the header decoding to a JSON object
// with a string "alg", the payload to a JSON object.
bool IsJwt(std::string_view token);
bool ContainsJwt(std::string_view text);

}  // namespace sluice::scan
