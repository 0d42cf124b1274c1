// Validators for health data: medical record numbers, ICD-10 codes (each chapter's range) and
// terms of a small health vocabulary found at the start of a word. validators.h states each
// rule.
#include <string_view>

#include "scan/text.h"
#include "scan/validators.h"

namespace sluice::scan {

bool IsMedicalRecordNumber(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() < 5 || s.size() > 24) return false;
  size_t i = 0;
  while (i < s.size() && IsAlpha(s[i])) ++i;
  if (i > 4) return false;
  if (i > 0 && i < s.size() && (s[i] == '-' || s[i] == ' ' || s[i] == '#')) ++i;
  size_t digits = 0;
  bool nonzero = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (IsDigit(c)) {
      ++digits;
      nonzero |= c != '0';
    } else if (c != '-' || i == 0 || !IsDigit(s[i - 1]) || i + 1 == s.size()) {
      return false;
    }
  }
  return digits >= 5 && digits <= 12 && nonzero;
}

bool IsIcd10Code(std::string_view value) {
  std::string_view s = TrimAscii(value);
  if (s.size() < 3 || s.size() > 8) return false;
  char letter = ToUpper(s[0]);
  if (!IsAlpha(letter) || !IsDigit(s[1])) return false;
  char third = ToUpper(s[2]);
  int category;  // the two characters after the letter; a letter third (O9A, C4A) counts as 9.5
  if (IsDigit(third)) {
    category = (s[1] - '0') * 10 + (third - '0');
  } else if (third == 'A' || third == 'B') {
    category = (s[1] - '0') * 10 + 9;
  } else {
    return false;
  }
  int lo = 0, hi = 99;
  switch (letter) {
    case 'D':
      hi = 89;
      break;
    case 'E':
      hi = 89;
      break;
    case 'F':
      lo = 1;
      break;
    case 'H':
      hi = 95;
      break;
    case 'K':
      hi = 95;
      break;
    case 'P':
      hi = 96;
      break;
    case 'T':
      hi = 98;
      break;
    case 'U':
      hi = 85;
      break;
    default:
      break;
  }
  if (category < lo || category > hi) return false;
  if (!IsDigit(third) &&
      !((letter == 'O' && s[1] == '9' && third == 'A') ||
        (letter == 'C' && (s[1] == '4' || s[1] == '7')) || (letter == 'D' && s[1] == '3') ||
        (letter == 'M' && s[1] == '1') || (letter == 'Z' && s[1] == '3'))) {
    return false;
  }
  std::string_view rest = s.substr(3);
  if (rest.empty()) return true;
  if (rest[0] == '.') rest.remove_prefix(1);
  if (rest.empty() || rest.size() > 4) return false;
  for (char c : rest) {
    if (!IsAlnum(c)) return false;
  }
  return true;
}

bool ContainsHealthTerm(std::string_view text) {
  // Stems: matched at the start of a word, so "diabet" finds diabetes and diabetic.
  static constexpr std::string_view kTerms[] = {"diabet",
                                                "hypertens",
                                                "hypotens",
                                                "asthma",
                                                "cancer",
                                                "carcinoma",
                                                "tumor",
                                                "tumour",
                                                "leukemia",
                                                "leukaemia",
                                                "lymphoma",
                                                "melanoma",
                                                "copd",
                                                "emphysema",
                                                "bronchitis",
                                                "pneumonia",
                                                "tuberculosis",
                                                "influenza",
                                                "covid",
                                                "hepatitis",
                                                "hiv",
                                                "aids",
                                                "depress",
                                                "anxiety",
                                                "bipolar",
                                                "schizophreni",
                                                "ptsd",
                                                "adhd",
                                                "autism",
                                                "dementia",
                                                "alzheimer",
                                                "parkinson",
                                                "epilep",
                                                "seizure",
                                                "migraine",
                                                "stroke",
                                                "arthritis",
                                                "osteoporosis",
                                                "osteoarthritis",
                                                "fibromyalgia",
                                                "lupus",
                                                "psoriasis",
                                                "eczema",
                                                "dermatitis",
                                                "anemia",
                                                "anaemia",
                                                "hemophilia",
                                                "haemophilia",
                                                "obesity",
                                                "obese",
                                                "hypothyroid",
                                                "hyperthyroid",
                                                "thyroid",
                                                "hyperlipid",
                                                "cholesterol",
                                                "coronary",
                                                "heart disease",
                                                "heart failure",
                                                "cardiomyopathy",
                                                "arrhythmia",
                                                "atrial fibrillation",
                                                "myocardial",
                                                "angina",
                                                "kidney disease",
                                                "renal failure",
                                                "renal disease",
                                                "cirrhosis",
                                                "crohn",
                                                "colitis",
                                                "celiac",
                                                "coeliac",
                                                "ulcer",
                                                "gerd",
                                                "glaucoma",
                                                "cataract",
                                                "sclerosis",
                                                "cystic fibrosis",
                                                "sleep apnea",
                                                "insomnia",
                                                "gout",
                                                "sepsis",
                                                "allerg",
                                                "pregnan",
                                                "infertil",
                                                "chlamydia",
                                                "gonorrh",
                                                "syphilis",
                                                "herpes",
                                                "hpv",
                                                "opioid",
                                                "substance abuse",
                                                "alcoholism",
                                                "addiction",
                                                "anorexia",
                                                "bulimia",
                                                "chemotherapy",
                                                "dialysis",
                                                "mastectomy",
                                                "appendicitis",
                                                "sinusitis",
                                                "hypoglyc",
                                                "hyperglyc"};
  if (text.empty() || text.size() > 512) return false;
  // Fold to lower case letters and digits, every other byte a space, with a space in front so
  // that " term" finds a term at a word start.
  char buf[514];
  size_t n = 0;
  buf[n++] = ' ';
  for (char c : text) buf[n++] = IsAlnum(c) ? ToLower(c) : ' ';
  std::string_view folded(buf, n);
  for (std::string_view term : kTerms) {
    for (size_t at = folded.find(term); at != std::string_view::npos;
         at = folded.find(term, at + 1)) {
      if (folded[at - 1] == ' ') return true;
    }
  }
  return false;
}

}  // namespace sluice::scan
