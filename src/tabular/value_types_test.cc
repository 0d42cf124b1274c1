#include "tabular/value_types.h"

#include <gtest/gtest.h>

namespace sluice::tabular {
namespace {

TEST(ValueTypesTest, TypesCsvFieldsBySpelling) {
  struct Case {
    const char* text;
    std::optional<ColumnType> type;
  };
  for (const Case& c : {
           Case{"", std::nullopt},
           Case{"true", ColumnType::kBoolean},
           Case{"FALSE", ColumnType::kBoolean},
           Case{"True", ColumnType::kBoolean},
           Case{"yes", ColumnType::kString},
           Case{"0", ColumnType::kInteger},
           Case{"-17", ColumnType::kInteger},
           Case{"9223372036854775807", ColumnType::kInteger},
           Case{"-9223372036854775808", ColumnType::kInteger},
           Case{"9223372036854775808", ColumnType::kFloat},
           Case{"007", ColumnType::kString},
           Case{"+5", ColumnType::kString},
           Case{"-", ColumnType::kString},
           Case{"1.5", ColumnType::kFloat},
           Case{"-0.25e-3", ColumnType::kFloat},
           Case{"2E10", ColumnType::kFloat},
           Case{".5", ColumnType::kString},
           Case{"1.", ColumnType::kString},
           Case{"1e", ColumnType::kString},
           Case{"NaN", ColumnType::kString},
           Case{"1,5", ColumnType::kString},
           Case{" 1", ColumnType::kString},
           Case{"2024-02-29", ColumnType::kDate},
           Case{"2023-02-29", ColumnType::kString},
           Case{"2024-13-01", ColumnType::kString},
           Case{"2024-1-01", ColumnType::kString},
           Case{"2024-02-29T12:30:00Z", ColumnType::kTimestamp},
           Case{"2024-02-29 12:30", ColumnType::kTimestamp},
           Case{"2024-02-29t12:30:59.123456789+05:30", ColumnType::kTimestamp},
           Case{"2024-02-29T23:59:60-0800", ColumnType::kTimestamp},
           Case{"2024-02-29T12:30:00+01", ColumnType::kTimestamp},
           Case{"2024-02-29T24:00:00Z", ColumnType::kString},
           Case{"2024-02-29T12:30:00.Z", ColumnType::kString},
           Case{"2024-02-29T12:30:00+1", ColumnType::kString},
           Case{"2024-02-29T12", ColumnType::kString},
           Case{"2024-02-29Z", ColumnType::kString},
           Case{"hello", ColumnType::kString},
       }) {
    EXPECT_EQ(CsvFieldType(c.text), c.type) << c.text;
  }
}

TEST(ValueTypesTest, JsonValuesKeepTheirKindButStringsMayBeDates) {
  EXPECT_EQ(JsonValueType(JsonKind::kNull, "null"), std::nullopt);
  EXPECT_EQ(JsonValueType(JsonKind::kBool, "true"), ColumnType::kBoolean);
  EXPECT_EQ(JsonValueType(JsonKind::kInteger, "1"), ColumnType::kInteger);
  EXPECT_EQ(JsonValueType(JsonKind::kFloat, "1.0"), ColumnType::kFloat);
  EXPECT_EQ(JsonValueType(JsonKind::kArray, "[]"), ColumnType::kArray);
  EXPECT_EQ(JsonValueType(JsonKind::kString, "12"), ColumnType::kString);
  EXPECT_EQ(JsonValueType(JsonKind::kString, ""), ColumnType::kString);
  EXPECT_EQ(JsonValueType(JsonKind::kString, "true"), ColumnType::kString);
  EXPECT_EQ(JsonValueType(JsonKind::kString, "2024-01-31"), ColumnType::kDate);
  EXPECT_EQ(JsonValueType(JsonKind::kString, "2024-01-31T00:00:00Z"), ColumnType::kTimestamp);
}

TEST(ValueTypesTest, Widening) {
  using T = ColumnType;
  EXPECT_EQ(WidenTypes(T::kInteger, T::kInteger), T::kInteger);
  EXPECT_EQ(WidenTypes(T::kInteger, T::kFloat), T::kFloat);
  EXPECT_EQ(WidenTypes(T::kFloat, T::kInteger), T::kFloat);
  EXPECT_EQ(WidenTypes(T::kDate, T::kTimestamp), T::kTimestamp);
  EXPECT_EQ(WidenTypes(T::kTimestamp, T::kDate), T::kTimestamp);
  EXPECT_EQ(WidenTypes(T::kBoolean, T::kInteger), T::kString);
  EXPECT_EQ(WidenTypes(T::kDate, T::kInteger), T::kString);
  EXPECT_EQ(WidenTypes(T::kArray, T::kString), T::kString);
  EXPECT_EQ(WidenTypes(T::kArray, T::kFloat), T::kString);
  EXPECT_EQ(WidenTypes(T::kString, T::kFloat), T::kString);
}

}  // namespace
}  // namespace sluice::tabular
