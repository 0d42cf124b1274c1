#include "masking/table_masker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tabular/csv_reader.h"

namespace sluice::masking {
namespace {

using platform::MaskMethod;
using ::testing::HasSubstr;
using ::testing::Not;

const ValueMasker kMasker("test-key");

// Reads every page of `file` as the server does: the first from the start, later ones as the
// header followed by the rest from the page's offset.
std::string AllCsvPages(const std::string& file, const ColumnMasks& masks, size_t page_bytes,
                        int* pages) {
  std::string out;
  PagePosition at;
  *pages = 0;
  while (true) {
    ++*pages;
    Result<MaskedPage> page = InvalidArgument("not read");
    if (at.offset == 0) {
      tabular::StringByteSource source(file, 7);
      page = MaskCsvPage(source, at, masks, kMasker, page_bytes);
    } else {
      tabular::StringByteSource header(file.substr(0, at.header_end));
      tabular::StringByteSource rest(file.substr(at.offset), 5);
      tabular::ConcatByteSource source(header, rest);
      page = MaskCsvPage(source, at, masks, kMasker, page_bytes);
    }
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (!page.ok()) return out;
    out += page->text;
    if (!page->next) return out;
    EXPECT_GT(page->next->offset, at.offset);
    at = *page->next;
  }
}

TEST(TableMaskerTest, MasksChosenCsvColumnsAndKeepsTheRest) {
  const std::string file =
      "id,email,card,note\r\n"
      "1,alice@example.com,4111111111111111,\"hello, world\"\r\n"
      "2,bob@example.com,5500000000000004,\"she said \"\"hi\"\"\"\r\n"
      "3,alice@example.com,,\"two\nlines\"\r\n";
  const ColumnMasks masks{{"email", MaskMethod::kTokenize}, {"card", MaskMethod::kPartial}};
  int pages = 0;
  const std::string out = AllCsvPages(file, masks, 1 << 20, &pages);
  EXPECT_EQ(pages, 1);
  const std::string alice = kMasker.Mask("alice@example.com", MaskMethod::kTokenize);
  const std::string bob = kMasker.Mask("bob@example.com", MaskMethod::kTokenize);
  EXPECT_EQ(out, "id,email,card,note\n1," + alice + ",************1111,\"hello, world\"\n2," + bob +
                     ",************0004,\"she said \"\"hi\"\"\"\n3," + alice +
                     ",,\"two\nlines\"\n");
  EXPECT_THAT(out, Not(HasSubstr("example.com")));
}

TEST(TableMaskerTest, PagesJoinUpToTheWholeFile) {
  std::string file = "\xEF\xBB\xBFname;ssn;city\r\n";
  std::string expected = "name;ssn;city\n";
  for (int i = 0; i < 500; ++i) {
    const std::string ssn = "123-45-" + std::to_string(1000 + i);
    file += "person " + std::to_string(i) + ";" + ssn + ";\"Paris;FR\"\r\n";
    expected += "person " + std::to_string(i) + ";" + kMasker.Mask(ssn, MaskMethod::kRedact) +
                ";\"Paris;FR\"\n";
  }
  int pages = 0;
  EXPECT_EQ(AllCsvPages(file, {{"ssn", MaskMethod::kRedact}}, 300, &pages), expected);
  EXPECT_GT(pages, 20);
}

TEST(TableMaskerTest, MalformedCsvRowsAreDroppedNotPassedThrough) {
  const std::string file = "a,secret\n1,x\n2,\"unbalanced\n3,y\n";
  tabular::StringByteSource source(file);
  Result<MaskedPage> page = MaskCsvPage(source, {}, {{"secret", MaskMethod::kRedact}}, kMasker);
  if (page.ok()) {
    EXPECT_THAT(page->text, Not(HasSubstr("unbalanced")));
  } else {
    EXPECT_EQ(page.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(TableMaskerTest, MasksJsonLinesByDottedPath) {
  const std::string file =
      "{\"id\":1,\"customer\":{\"email\":\"alice@example.com\",\"dob\":\"1984-03-12\"},"
      "\"tags\":[1,2]}\n"
      "\n"
      "not json\n"
      "{\"id\":2,\"customer\":{\"email\":null,\"dob\":\"2001-01-02\"},\"customer.email\":\"x@y."
      "z\"}";
  const ColumnMasks masks{{"customer.email", MaskMethod::kTokenize},
                          {"customer.dob", MaskMethod::kYear},
                          {"tags", MaskMethod::kRedact}};
  tabular::StringByteSource source(file, 3);
  Result<MaskedPage> page = MaskJsonlPage(source, {}, masks, kMasker);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  const std::string alice = kMasker.Mask("alice@example.com", MaskMethod::kTokenize);
  EXPECT_EQ(page->text,
            "{\"customer\":{\"dob\":\"1984\",\"email\":\"" + alice +
                "\"},\"id\":1,\"tags\":\"***\"}\n"
                "{\"customer\":{\"dob\":\"2001\",\"email\":null},\"customer.email\":\"" +
                kMasker.Mask("x@y.z", MaskMethod::kTokenize) + "\",\"id\":2}\n");
  EXPECT_EQ(page->rows, 2u);
  EXPECT_EQ(page->bad_rows, 1u);
  EXPECT_FALSE(page->next);
}

TEST(TableMaskerTest, JsonLinesPagesJoinUp) {
  std::string file;
  std::string expected;
  for (int i = 0; i < 200; ++i) {
    const std::string email = "user" + std::to_string(i) + "@example.com";
    file += "{\"n\":" + std::to_string(i) + ",\"email\":\"" + email + "\"}\n";
    expected += "{\"email\":\"" + kMasker.Mask(email, MaskMethod::kTokenize) +
                "\",\"n\":" + std::to_string(i) + "}\n";
  }
  std::string out;
  PagePosition at;
  int pages = 0;
  while (true) {
    ++pages;
    tabular::StringByteSource source(file.substr(at.offset), 11);
    Result<MaskedPage> page =
        MaskJsonlPage(source, at, {{"email", MaskMethod::kTokenize}}, kMasker, 500);
    ASSERT_TRUE(page.ok());
    out += page->text;
    if (!page->next) break;
    at = *page->next;
  }
  EXPECT_EQ(out, expected);
  EXPECT_GT(pages, 10);
}

}  // namespace
}  // namespace sluice::masking
