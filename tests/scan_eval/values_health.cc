// Health values of the evaluation set: medical record numbers, ICD-10 codes across the chapters,
// diagnoses as clinicians write them; and their decoy, item conditions ("used", "refurbished")
// in a column that a health scanner might take for a condition.
#include <cstdint>
#include <string>
#include <vector>

#include "scan_eval/values.h"

namespace sluice::scan_eval {
namespace values {

namespace {

const std::vector<std::string_view> kIcd10 = {
    "E11.9",  "I10",     "J45.909", "E78.5",  "I25.10",   "K21.9",    "F32.9",  "M54.5",
    "N18.3",  "Z79.4",   "E66.9",   "J44.9",  "G47.33",   "F41.1",    "I48.91", "R51.9",
    "M17.11", "C50.911", "A09",     "B20",    "E03.9",    "G43.909",  "J18.9",  "K57.30",
    "L40.0",  "M06.9",   "N39.0",   "F20.9",  "F31.9",    "G20",      "G35",    "E10.65",
    "I50.9",  "J06.9",   "R07.9",   "Z00.00", "S72.001A", "T78.40XA", "O80",    "H40.11X0"};

const std::vector<std::string_view> kHealthTerms = {"Type 2 diabetes",
                                                    "Hypertension",
                                                    "Asthma",
                                                    "Major depressive disorder",
                                                    "Chronic kidney disease",
                                                    "COPD",
                                                    "Hyperlipidemia",
                                                    "Atrial fibrillation",
                                                    "Osteoarthritis",
                                                    "Migraine",
                                                    "Obesity",
                                                    "Hypothyroidism",
                                                    "GERD",
                                                    "Generalized anxiety disorder",
                                                    "Coronary artery disease",
                                                    "Breast cancer",
                                                    "HIV",
                                                    "Epilepsy",
                                                    "Rheumatoid arthritis",
                                                    "Sleep apnea",
                                                    "Pneumonia",
                                                    "Influenza",
                                                    "Bronchitis",
                                                    "Schizophrenia",
                                                    "Bipolar disorder",
                                                    "Alzheimer's disease",
                                                    "Parkinson's disease",
                                                    "Multiple sclerosis",
                                                    "Psoriasis",
                                                    "Hepatitis C"};

const std::vector<std::string_view> kConditions = {"new",      "used",      "refurbished",
                                                   "like new", "for parts", "open box"};

}  // namespace

std::string Mrn(Rng& r, int style) {
  // Hospitals zero-pad their MRNs to a fixed width; numbers fill most of it.
  static constexpr int kWidths[] = {7, 8, 10};
  static constexpr std::uint64_t kLimits[] = {10000000, 100000000, 10000000000};
  return Pad(Below(r, kLimits[style % 3]), kWidths[style % 3]);
}

std::string Icd10(Rng& r) {
  return std::string(Pick(r, kIcd10));
}

std::string HealthTerm(Rng& r, int style) {
  std::string term(Pick(r, kHealthTerms));
  return style == 1 ? Lower(term) : term;
}

std::string ItemCondition(Rng& r) {
  return std::string(Pick(r, kConditions));
}

}  // namespace values

}  // namespace sluice::scan_eval
