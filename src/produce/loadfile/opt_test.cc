#include "produce/loadfile/opt.h"

#include <gtest/gtest.h>

namespace bates::produce::loadfile {
namespace {

TEST(Opt, RoundTrips) {
  std::vector<OptRecord> records = {
      {"CITY000001", "VOL001", "IMAGES\\0001\\CITY000001.pdf", true, "", "", 2},
      {"CITY000002", "VOL001", "IMAGES\\0001\\CITY000002.pdf", false, "", "", 0},
      {"CITY000003", "VOL001", "IMAGES\\0001\\CITY000003.pdf", true, "", "", 1}};
  std::string bytes = WriteOpt(records);
  EXPECT_EQ(bytes.substr(0, bytes.find("\r\n")),
            "CITY000001,VOL001,IMAGES\\0001\\CITY000001.pdf,Y,,,2");
  auto back = ReadOpt(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*back)[i].image_key, records[i].image_key);
    EXPECT_EQ((*back)[i].path, records[i].path);
    EXPECT_EQ((*back)[i].doc_break, records[i].doc_break);
    EXPECT_EQ((*back)[i].page_count, records[i].page_count);
  }
}

TEST(Opt, ReadsOtherToolsQuirks) {
  // LF endings, a blank line, short lines, a Unicode hyphen in the key, UTF-16LE with a BOM.
  std::string text =
      "ABC\xE2\x80\x90"
      "01,V1,img\\1.tif,Y,,,1\n\nABC-02,V1,img\\2.tif\n";
  std::string utf16 = "\xFF\xFE";
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = 0;
    unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      cp = b;
      ++pos;
    } else {
      cp = 0x2010;
      pos += 3;
    }
    utf16 += static_cast<char>(cp & 0xFF);
    utf16 += static_cast<char>(cp >> 8);
  }
  for (const std::string& bytes : {text, utf16}) {
    auto r = ReadOpt(bytes);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ((*r)[0].image_key, "ABC-01");
    EXPECT_TRUE((*r)[0].doc_break);
    EXPECT_EQ((*r)[0].page_count, 1);
    EXPECT_EQ((*r)[1].path, "img\\2.tif");
    EXPECT_FALSE((*r)[1].doc_break);
  }
}

TEST(Opt, BadPageCountIsCorrupt) {
  auto r = ReadOpt("A,V,p,Y,,,two\r\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace bates::produce::loadfile
