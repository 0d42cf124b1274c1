#include "scan/validators.h"

#include <gtest/gtest.h>

#include "scan/names.h"

namespace sluice::scan {
namespace {

TEST(EmailTest, AcceptsAddressesAndRefusesLookalikes) {
  EXPECT_TRUE(IsValidEmail("jane.doe@example.com"));
  EXPECT_TRUE(IsValidEmail(" j+tag@mail.example.co.uk "));
  EXPECT_TRUE(IsValidEmail("x@xn--bcher-kva.example"));
  EXPECT_FALSE(IsValidEmail("jane.doe@localhost"));
  EXPECT_FALSE(IsValidEmail("jane..doe@example.com"));
  EXPECT_FALSE(IsValidEmail(".jane@example.com"));
  EXPECT_FALSE(IsValidEmail("jane@-example.com"));
  EXPECT_FALSE(IsValidEmail("jane@example.c0m"));
  EXPECT_FALSE(IsValidEmail("@example.com"));
  EXPECT_FALSE(IsValidEmail("user@@example.com"));
  EXPECT_FALSE(IsValidEmail(std::string(65, 'a') + "@example.com"));
  EXPECT_TRUE(ContainsEmail("Contact: Jane <jane@example.com>."));
  EXPECT_FALSE(ContainsEmail("meet @ noon at example.com"));
}

TEST(PhoneTest, NanpRules) {
  EXPECT_TRUE(IsValidPhone("212-555-0134"));
  EXPECT_TRUE(IsValidPhone("(415) 867-5309"));
  EXPECT_TRUE(IsValidPhone("415.867.5309"));
  EXPECT_TRUE(IsValidPhone("4158675309"));
  EXPECT_TRUE(IsValidPhone("1-415-867-5309"));
  EXPECT_TRUE(IsValidPhone("+1 415 867 5309"));
  EXPECT_TRUE(IsValidPhone("415-867-5309 x123"));
  EXPECT_TRUE(IsValidPhone("415-867-5309 ext. 12"));
  EXPECT_FALSE(IsValidPhone("115-867-5309"));  // area code starts with 1
  EXPECT_FALSE(IsValidPhone("015-867-5309"));  // or 0
  EXPECT_FALSE(IsValidPhone("911-867-5309"));  // N11
  EXPECT_FALSE(IsValidPhone("497-867-5309"));  // middle digit 9 is reserved
  EXPECT_FALSE(IsValidPhone("415-067-5309"));  // exchange starts with 0
  EXPECT_FALSE(IsValidPhone("415-411-5309"));  // exchange N11
  EXPECT_FALSE(IsValidPhone("41-58675-309"));  // not grouped like a phone number
  EXPECT_FALSE(IsValidPhone("415-867-530"));
  EXPECT_FALSE(IsValidPhone("2-415-867-5309"));
  EXPECT_FALSE(IsValidPhone("415--867-5309"));
}

TEST(PhoneTest, E164) {
  EXPECT_TRUE(IsValidPhone("+44 20 7946 0958"));
  EXPECT_TRUE(IsValidPhone("+4915112345678"));
  EXPECT_TRUE(IsValidPhone("0049 151 12345678"));
  EXPECT_TRUE(IsValidPhone("+14158675309"));
  EXPECT_FALSE(IsValidPhone("+11158675309"));  // +1 must follow NANP rules
  EXPECT_FALSE(IsValidPhone("+2812345678"));   // 28x is not assigned
  EXPECT_FALSE(IsValidPhone("+0441234567"));
  EXPECT_FALSE(IsValidPhone("+44 12"));             // too short
  EXPECT_FALSE(IsValidPhone("+4412345678901234"));  // more than 15 digits
}

TEST(SsnTest, AreaGroupSerialRules) {
  EXPECT_TRUE(IsValidSsn("123-45-6789", false));
  EXPECT_TRUE(IsValidSsn("536 22 1234", false));
  EXPECT_FALSE(IsValidSsn("536-22 1234", false));  // mixed separators
  EXPECT_FALSE(IsValidSsn("000-12-3456", false));
  EXPECT_FALSE(IsValidSsn("666-12-3456", false));
  EXPECT_FALSE(IsValidSsn("900-12-3456", false));
  EXPECT_FALSE(IsValidSsn("999-12-3456", false));
  EXPECT_FALSE(IsValidSsn("123-00-4567", false));
  EXPECT_FALSE(IsValidSsn("123-45-0000", false));
  EXPECT_FALSE(IsValidSsn("078-05-1120", false));  // the Woolworth wallet card
  EXPECT_FALSE(IsValidSsn("536221234", false));    // bare digits need name context
  EXPECT_TRUE(IsValidSsn("536221234", true));
  EXPECT_FALSE(IsValidSsn("666221234", true));
  EXPECT_TRUE(ContainsSsn("SSN on file: 536-22-1234."));
  EXPECT_FALSE(ContainsSsn("ref 1536-22-1234"));
}

TEST(CardTest, LuhnAndIssuer) {
  EXPECT_TRUE(PassesLuhn("79927398713"));
  EXPECT_FALSE(PassesLuhn("79927398710"));
  EXPECT_TRUE(IsValidCardNumber("4111111111111111"));  // Visa
  EXPECT_TRUE(IsValidCardNumber("4111 1111 1111 1111"));
  EXPECT_TRUE(IsValidCardNumber("4111-1111-1111-1111"));
  EXPECT_TRUE(IsValidCardNumber("5555555555554444"));  // Mastercard 51-55
  EXPECT_TRUE(IsValidCardNumber("2223003122003222"));  // Mastercard 2221-2720
  EXPECT_TRUE(IsValidCardNumber("378282246310005"));   // Amex
  EXPECT_TRUE(IsValidCardNumber("3782 822463 10005"));
  EXPECT_TRUE(IsValidCardNumber("6011111111111117"));   // Discover
  EXPECT_TRUE(IsValidCardNumber("6445644564456445"));   // Discover 644-649
  EXPECT_TRUE(IsValidCardNumber("3530111333300000"));   // JCB
  EXPECT_FALSE(IsValidCardNumber("4111111111111112"));  // Luhn fails
  // Luhn-valid but no issuer's range or length: order numbers that pass by chance.
  EXPECT_TRUE(PassesLuhn("1234567812345670"));
  EXPECT_FALSE(IsValidCardNumber("1234567812345670"));
  EXPECT_TRUE(PassesLuhn("9999999999999995"));
  EXPECT_FALSE(IsValidCardNumber("9999999999999995"));
  EXPECT_FALSE(IsValidCardNumber("37828224631000"));       // Amex prefix, 14 digits
  EXPECT_FALSE(IsValidCardNumber("41111111111111111"));    // Visa prefix, 17 digits
  EXPECT_FALSE(IsValidCardNumber("4111 1111-1111 1111"));  // mixed separators
  EXPECT_FALSE(IsValidCardNumber("4111  1111 1111 1111"));
  EXPECT_EQ(CardNetworkOf("378282246310005"), CardNetwork::kAmex);
  EXPECT_EQ(CardNetworkOf("2720990000000007"), CardNetwork::kMastercard);
  EXPECT_EQ(CardNetworkOf("2721000000000004"), std::nullopt);
}

TEST(IbanTest, LengthAndMod97) {
  EXPECT_TRUE(IsValidIban("GB82WEST12345698765432"));
  EXPECT_TRUE(IsValidIban("GB82 WEST 1234 5698 7654 32"));
  EXPECT_TRUE(IsValidIban("de89370400440532013000"));
  EXPECT_TRUE(IsValidIban("NO9386011117947"));
  EXPECT_FALSE(IsValidIban("GB83WEST12345698765432"));  // bad check digits
  EXPECT_FALSE(IsValidIban("GB82WEST1234569876543"));   // wrong length for GB
  EXPECT_FALSE(IsValidIban("XX82WEST12345698765432"));  // no such country
  EXPECT_FALSE(IsValidIban("GB82-WEST-1234-5698-7654-32"));
}

TEST(IpTest, Ipv4AndIpv6) {
  EXPECT_TRUE(IsValidIp("192.168.0.1"));
  EXPECT_TRUE(IsValidIp("2001:db8::1"));
  EXPECT_TRUE(IsValidIp("::ffff:10.0.0.1"));
  EXPECT_FALSE(IsValidIp("256.1.1.1"));
  EXPECT_FALSE(IsValidIp("1.2.3"));
  EXPECT_FALSE(IsValidIp("12:30:45"));
  EXPECT_FALSE(IsValidIp("2001:db8:::1"));
}

TEST(DateTest, ParsesCommonFormats) {
  EXPECT_EQ(ParseDate("1985-03-04"), (CivilDate{1985, 3, 4}));
  EXPECT_EQ(ParseDate("1985-03-04T00:00:00Z"), (CivilDate{1985, 3, 4}));
  EXPECT_EQ(ParseDate("03/04/1985"), (CivilDate{1985, 3, 4}));
  EXPECT_EQ(ParseDate("25/12/1985"), (CivilDate{1985, 12, 25}));
  EXPECT_EQ(ParseDate("19850304"), (CivilDate{1985, 3, 4}));
  EXPECT_EQ(ParseDate("March 4, 1985"), (CivilDate{1985, 3, 4}));
  EXPECT_EQ(ParseDate("4 Mar 1985"), (CivilDate{1985, 3, 4}));
  EXPECT_EQ(ParseDate("04-Mar-1985"), (CivilDate{1985, 3, 4}));
  EXPECT_EQ(ParseDate("1985-02-30"), std::nullopt);
  EXPECT_EQ(ParseDate("13/13/1985"), std::nullopt);
  EXPECT_EQ(ParseDate("hello"), std::nullopt);
}

TEST(DateTest, PlausibleBirthDates) {
  const CivilDate today{2024, 6, 1};
  EXPECT_TRUE(IsPlausibleBirthDate("1985-03-04", today));
  EXPECT_TRUE(IsPlausibleBirthDate("2024-05-31", today));
  EXPECT_TRUE(IsPlausibleBirthDate("1962", today));
  EXPECT_FALSE(IsPlausibleBirthDate("2024-06-02", today));  // the future
  EXPECT_FALSE(IsPlausibleBirthDate("1850-01-01", today));  // too long ago
  EXPECT_FALSE(IsPlausibleBirthDate("N/A", today));
}

TEST(PersonNameTest, NeedsAKnownName) {
  EXPECT_GE(FirstNameCount(), 300u);
  EXPECT_GE(SurnameCount(), 300u);
  EXPECT_TRUE(IsPersonName("James"));
  EXPECT_TRUE(IsPersonName("SMITH"));
  EXPECT_TRUE(IsPersonName("Mary Johnson"));
  EXPECT_TRUE(IsPersonName("Garcia, Maria"));
  EXPECT_TRUE(IsPersonName("Dr. John Q. Public Jr."));
  EXPECT_TRUE(IsPersonName("Zebulon Smith"));  // an unlisted first name, a listed surname
  EXPECT_FALSE(IsPersonName("Widget Pro"));
  EXPECT_FALSE(IsPersonName("Smith & Sons"));
  EXPECT_FALSE(IsPersonName("Johnson Controls Inc"));
  EXPECT_FALSE(IsPersonName("R2D2"));
  EXPECT_FALSE(IsPersonName(""));
}

TEST(DocumentTest, PassportDriversLicenseMrn) {
  EXPECT_TRUE(IsUsPassportNumber("123456789"));
  EXPECT_TRUE(IsUsPassportNumber("A12345678"));
  EXPECT_FALSE(IsUsPassportNumber("000000000"));
  EXPECT_FALSE(IsUsPassportNumber("AB1234567"));
  EXPECT_FALSE(IsUsPassportNumber("12345678"));
  EXPECT_TRUE(IsDriversLicenseNumber("D1234567"));
  EXPECT_TRUE(IsDriversLicenseNumber("S123-456-78-901-0"));
  EXPECT_TRUE(IsDriversLicenseNumber("123 456 789"));
  EXPECT_FALSE(IsDriversLicenseNumber("ABC1234"));
  EXPECT_FALSE(IsDriversLicenseNumber("MIT"));
  EXPECT_FALSE(IsDriversLicenseNumber("A00000"));
  EXPECT_TRUE(IsMedicalRecordNumber("MRN-0012345"));
  EXPECT_TRUE(IsMedicalRecordNumber("00123456"));
  EXPECT_FALSE(IsMedicalRecordNumber("MRN-12"));
  EXPECT_FALSE(IsMedicalRecordNumber("ABCDE-123456"));
  EXPECT_FALSE(IsMedicalRecordNumber("-12345678"));
  EXPECT_FALSE(IsMedicalRecordNumber("12345678-"));
}

TEST(Icd10Test, ChapterRanges) {
  EXPECT_TRUE(IsIcd10Code("E11.9"));
  EXPECT_TRUE(IsIcd10Code("I10"));
  EXPECT_TRUE(IsIcd10Code("S72.001A"));
  EXPECT_TRUE(IsIcd10Code("O9A.11"));
  EXPECT_TRUE(IsIcd10Code("F01.50"));
  EXPECT_TRUE(IsIcd10Code("j45909"));
  EXPECT_FALSE(IsIcd10Code("E95.1"));  // E chapter ends at E89
  EXPECT_FALSE(IsIcd10Code("F00.0"));  // F starts at F01
  EXPECT_FALSE(IsIcd10Code("K99"));    // K ends at K95
  EXPECT_FALSE(IsIcd10Code("P97"));
  EXPECT_FALSE(IsIcd10Code("A1"));
  EXPECT_FALSE(IsIcd10Code("E11.12345"));
  EXPECT_FALSE(IsIcd10Code("B7C"));
}

TEST(HealthTermTest, VocabularyAtWordStarts) {
  EXPECT_TRUE(ContainsHealthTerm("Type 2 Diabetes"));
  EXPECT_TRUE(ContainsHealthTerm("diabetic"));
  EXPECT_TRUE(ContainsHealthTerm("HYPERTENSION"));
  EXPECT_TRUE(ContainsHealthTerm("chronic kidney disease"));
  EXPECT_FALSE(ContainsHealthTerm("heart"));
  EXPECT_FALSE(ContainsHealthTerm("prediabetic"));  // not at a word start: a different term
  EXPECT_FALSE(ContainsHealthTerm("healthy"));
}

TEST(SecretTest, AwsKeys) {
  EXPECT_TRUE(IsAwsAccessKeyId("AKIAIOSFODNN7EXAMPLE"));
  EXPECT_TRUE(IsAwsAccessKeyId("ASIAY34FZKBOKMUTVV7A"));
  EXPECT_FALSE(IsAwsAccessKeyId("AKIAIOSFODNN7EXAMPL"));   // 19 characters
  EXPECT_FALSE(IsAwsAccessKeyId("AKIAIOSFODNN1EXAMPLE"));  // 1 is not base32
  EXPECT_FALSE(IsAwsAccessKeyId("akiaiosfodnn7example"));
  EXPECT_TRUE(ContainsAwsAccessKeyId("export KEY=AKIAIOSFODNN7EXAMPLE;"));
  EXPECT_FALSE(ContainsAwsAccessKeyId("XAKIAIOSFODNN7EXAMPLE"));
}

TEST(SecretTest, PrivateKeyHeaders) {
  EXPECT_TRUE(ContainsPrivateKeyHeader("-----BEGIN RSA PRIVATE KEY-----\nMIIE..."));
  EXPECT_TRUE(ContainsPrivateKeyHeader("key: -----BEGIN PRIVATE KEY-----"));
  EXPECT_TRUE(ContainsPrivateKeyHeader("-----BEGIN OPENSSH PRIVATE KEY-----"));
  EXPECT_FALSE(ContainsPrivateKeyHeader("-----BEGIN PUBLIC KEY-----"));
  EXPECT_FALSE(ContainsPrivateKeyHeader("-----BEGIN CERTIFICATE-----"));
}

TEST(SecretTest, Jwt) {
  // {"alg":"HS256","typ":"JWT"} . {"sub":"1234567890","name":"John Doe","iat":1516239022}
  const std::string jwt =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
      "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
      "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
  EXPECT_TRUE(IsJwt(jwt));
  EXPECT_TRUE(ContainsJwt("Authorization: Bearer " + jwt));
  // {"typ":"JWT"}: no "alg".
  EXPECT_FALSE(IsJwt("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.c2ln"));
  // A header that is not JSON.
  EXPECT_FALSE(IsJwt("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ.eyJzdWIiOiIxIn0.c2ln"));
  EXPECT_FALSE(IsJwt("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0"));  // two parts
  EXPECT_FALSE(IsJwt("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e$$.c2ln"));
}

}  // namespace
}  // namespace sluice::scan
