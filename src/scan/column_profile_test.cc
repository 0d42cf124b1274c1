#include "scan/column_profile.h"

#include <gtest/gtest.h>

#include "scan/hash.h"
#include "scan/value_shape.h"

namespace sluice::scan {
namespace {

using tabular::ColumnType;

void AddCsv(ColumnProfile& p, std::string_view v) {
  p.AddCsv(v, Hash64(v));
}

TEST(ColumnProfileTest, IntegersAreOrderedNumerically) {
  ColumnProfile p;
  for (auto v : {"9", "10", "-3", "007"}) AddCsv(p, v);  // "007" is a string: leading zero
  EXPECT_EQ(p.type(), ColumnType::kString);
  EXPECT_EQ(p.Min(), "-3");
  EXPECT_EQ(p.Max(), "9");  // bytewise once a string

  ColumnProfile q;
  for (auto v : {"9", "10", "-3", "123456789012345678901"}) AddCsv(q, v);
  EXPECT_EQ(q.type(), ColumnType::kFloat);  // beyond 64 bits
  EXPECT_EQ(q.Min(), "-3");
  EXPECT_EQ(q.Max(), "123456789012345678901");
}

TEST(ColumnProfileTest, TypesMatchSchemaInference) {
  ColumnProfile dates;
  for (auto v : {"2024-01-02", "2023-05-06"}) AddCsv(dates, v);
  EXPECT_EQ(dates.type(), ColumnType::kDate);
  EXPECT_EQ(dates.Min(), "2023-05-06");
  ColumnProfile mixed;
  for (auto v : {"1", "true"}) AddCsv(mixed, v);
  EXPECT_EQ(mixed.type(), ColumnType::kString);
  EXPECT_EQ(mixed.values(), 2u);
}

TEST(ValueShapeTest, Counts) {
  ValueShape s = ShapeOf("(415) 867-5309 x1");
  EXPECT_EQ(s.digits, 11);
  EXPECT_EQ(s.parens, 2);
  EXPECT_EQ(s.spaces, 2);
  EXPECT_EQ(s.dashes, 1);
  EXPECT_EQ(s.letters, 1);
  EXPECT_TRUE(LooksLikePhone("(415) 867-5309 x1", s));
  EXPECT_FALSE(LooksLikeCard("(415) 867-5309 x1", s));
  std::string v = "4111 1111 1111 1111";
  EXPECT_TRUE(LooksLikeCard(v, ShapeOf(v)));
  v = "GB82 WEST 1234 5698 7654 32";
  EXPECT_TRUE(LooksLikeIban(v, ShapeOf(v)));
  v = "2001:db8::1";
  EXPECT_TRUE(LooksLikeIp(v, ShapeOf(v)));
  v = "12:30:45";
  EXPECT_TRUE(LooksLikeIp(v, ShapeOf(v)));  // loose on purpose: the validator refuses it
}

}  // namespace
}  // namespace sluice::scan
