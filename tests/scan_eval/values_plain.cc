// Ordinary values of the evaluation set, the columns around the sensitive ones: free-text notes,
// SKUs, amounts, quantities, statuses, countries, currencies, cities (several of which are also
// first names or surnames) and product names.
#include <string>
#include <vector>

#include "scan_eval/values.h"

namespace sluice::scan_eval {
namespace values {

namespace {

const std::vector<std::string_view> kCities = {
    "Austin",  "Jackson",  "Madison", "Lincoln",   "Charlotte", "Houston",  "Phoenix",
    "Denver",  "Boston",   "Chicago", "Seattle",   "Portland",  "Dallas",   "Columbus",
    "Raleigh", "Savannah", "Tucson",  "Milwaukee", "Richmond",  "Florence", "Tyler"};

const std::vector<std::string_view> kCountries = {"US", "GB", "DE", "FR", "NL",
                                                  "ES", "CA", "AU", "JP", "IE"};

const std::vector<std::string_view> kStatuses = {"pending",  "paid",      "shipped", "delivered",
                                                 "refunded", "cancelled", "active",  "closed"};

const std::vector<std::string_view> kProducts = {
    "Deluxe Widget",     "Trail Runner 3",      "Espresso Maker Pro", "Noise-Cancelling Headphones",
    "Standing Desk",     "Ceramic Mug",         "USB-C Hub",          "Yoga Mat",
    "Cast Iron Skillet", "LED Desk Lamp",       "Wireless Mouse",     "Camping Tent 4P",
    "Water Bottle 1L",   "Mechanical Keyboard", "Garden Hose 50ft",   "Office Chair"};

const std::vector<std::string_view> kNoteWords = {
    "customer",  "asked",   "to",     "reschedule", "delivery", "the",     "package",     "arrived",
    "late",      "and",     "was",    "damaged",    "refund",   "issued",  "after",       "review",
    "follow",    "up",      "next",   "week",       "about",    "invoice", "please",      "check",
    "stock",     "levels",  "before", "shipping",   "order",    "updated", "per",         "request",
    "warehouse", "moved",   "pallet", "gate",       "closed",   "on",      "Friday",      "notes",
    "from",      "support", "call",   "no",         "action",   "needed",  "backordered", "item"};

}  // namespace

std::string Notes(Rng& r) {
  std::string s;
  int words = Between(r, 4, 18);
  for (int i = 0; i < words; ++i) {
    if (i > 0) s += Below(r, 8) == 0 ? ", " : " ";
    s += Pick(r, kNoteWords);
  }
  s[0] = static_cast<char>(s[0] >= 'a' && s[0] <= 'z' ? s[0] - 'a' + 'A' : s[0]);
  return s + ".";
}

std::string Sku(Rng& r) {
  switch (Below(r, 3)) {
    case 0:
      return "SKU-" + Digits(r, 5) + "-" + std::string(Pick(r, {"BL", "RD", "GR", "XL", "SM"}));
    case 1:
      return Upper(r, 2) + "-" + Digits(r, 4) + "-" + std::string(Pick(r, {"S", "M", "L", "XL"}));
    default:
      return Upper(r, 3) + Digits(r, 6);
  }
}

std::string Amount(Rng& r) {
  return std::to_string(Below(r, 100000)) + "." + Pad(Below(r, 100), 2);
}

std::string Quantity(Rng& r) {
  return std::to_string(Between(r, 1, 500));
}

std::string Status(Rng& r) {
  return std::string(Pick(r, kStatuses));
}

std::string Country(Rng& r) {
  return std::string(Pick(r, kCountries));
}

std::string Currency(Rng& r) {
  return std::string(Pick(r, {"USD", "EUR", "GBP", "CAD", "JPY"}));
}

std::string City(Rng& r) {
  return std::string(Pick(r, kCities));
}

std::string ProductName(Rng& r) {
  return std::string(Pick(r, kProducts));
}

}  // namespace values

}  // namespace sluice::scan_eval
