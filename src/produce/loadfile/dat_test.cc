#include "produce/loadfile/dat.h"

#include <gtest/gtest.h>

#include <random>

#include "produce/loadfile/csv.h"

namespace bates::produce::loadfile {
namespace {

// A DAT as another tool writes it: þ qualifiers, ASCII 20 delimiters, ® for newlines. Written in
// UTF-8 here; the tests re-encode it.
const char kDat[] =
    "\xC3\xBE"
    "BEGBATES\xC3\xBE\x14\xC3\xBE"
    "ENDBATES\xC3\xBE\x14\xC3\xBE"
    "SUBJECT\xC3\xBE\r\n"
    "\xC3\xBE"
    "ABC\xE2\x80\x90"
    "000001\xC3\xBE\x14\xC3\xBE"
    "ABC-000002\xC3\xBE\x14\xC3\xBE"
    "Caf\xC3\xA9 line one\xC2\xAEline two\xC3\xBE\r\n";

std::string Utf16(std::string_view utf8, bool little, bool bom) {
  std::string out;
  auto unit = [&](char16_t u) {
    char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little ? lo : hi;
    out += little ? hi : lo;
  };
  if (bom) unit(0xFEFF);
  size_t pos = 0;
  while (pos < utf8.size()) unit(static_cast<char16_t>(NextCodePoint(utf8, pos)));  // BMP only
  return out;
}

std::string Windows1252(std::string_view utf8) {
  std::string out;
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t cp = NextCodePoint(utf8, pos);
    out += static_cast<char>(cp == 0x2010 ? '-' : cp);  // 1252 has no U+2010
  }
  return out;
}

void ExpectTable(const Result<LoadTable>& t) {
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->fields, (std::vector<std::string>{"BEGBATES", "ENDBATES", "SUBJECT"}));
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0][0], "ABC-000001");  // U+2010 read as '-'
  EXPECT_EQ(t->rows[0][1], "ABC-000002");
  EXPECT_EQ(t->rows[0][2], "Caf\xC3\xA9 line one\nline two");
}

TEST(ReadDat, Utf8WithBom) {
  auto t = ReadDat(std::string("\xEF\xBB\xBF") + kDat);
  ExpectTable(t);
  EXPECT_EQ(t->encoding, TextEncoding::kUtf8Bom);
}

TEST(ReadDat, Utf8WithoutBom) {
  auto t = ReadDat(kDat);
  ExpectTable(t);
  EXPECT_EQ(t->encoding, TextEncoding::kUtf8);
}

TEST(ReadDat, Utf16LittleEndianWithBom) {
  auto t = ReadDat(Utf16(kDat, true, true));
  ExpectTable(t);
  EXPECT_EQ(t->encoding, TextEncoding::kUtf16Le);
}

TEST(ReadDat, Utf16BigEndianWithBom) {
  auto t = ReadDat(Utf16(kDat, false, true));
  ExpectTable(t);
  EXPECT_EQ(t->encoding, TextEncoding::kUtf16Be);
}

TEST(ReadDat, Utf16LittleEndianWithoutBom) {
  auto t = ReadDat(Utf16(kDat, true, false));
  ExpectTable(t);
  EXPECT_EQ(t->encoding, TextEncoding::kUtf16Le);
}

TEST(ReadDat, Windows1252) {
  auto t = ReadDat(Windows1252(kDat));
  ExpectTable(t);
  EXPECT_EQ(t->encoding, TextEncoding::kWindows1252);
}

TEST(ReadDat, LineFeedsOnly) {
  std::string lf = kDat;
  for (size_t p; (p = lf.find("\r\n")) != std::string::npos;) lf.erase(p, 1);
  ExpectTable(ReadDat(lf));
}

TEST(ReadDat, RawNewlineInsideQualifierStaysInField) {
  auto t = ReadDat(
      "\xC3\xBE"
      "A\xC3\xBE\r\n\xC3\xBE"
      "one\r\ntwo\xC3\xBE\r\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0][0], "one\ntwo");
}

TEST(ReadDat, UnqualifiedFieldsAndBlankLines) {
  auto t = ReadDat(
      "A\x14"
      "B\n\nx\x14y\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"x", "y"}));
}

TEST(ReadDat, WrongNumberOfValuesIsCorruptAndNamesTheLine) {
  auto t = ReadDat(
      "\xC3\xBE"
      "A\xC3\xBE\x14\xC3\xBE"
      "B\xC3\xBE\r\n\xC3\xBE"
      "x\xC3\xBE\r\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(t.status().message().find("line 2"), std::string::npos) << t.status().message();
}

TEST(ReadDat, UnclosedQualifierIsCorrupt) {
  EXPECT_FALSE(ReadDat("\xC3\xBE"
                       "A\r\n")
                   .ok());
}

TEST(WriteDat, RoundTripsValuesWithNewlinesAndNonAscii) {
  LoadTable t;
  t.fields = {"BEGBATES", "SUBJECT", "TO"};
  t.rows = {{"X000001", "r\xC3\xA9sum\xC3\xA9\r\nsecond line\nthird", ""},
            {"X000002", "\xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x93\x84", "a@b.example; c@d.example"}};
  std::string bytes = WriteDat(t);
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(bytes.find("\xC3\xBE\x14\xC3\xBE"), std::string::npos);  // þ<DC4>þ between values
  auto back = ReadDat(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->fields, t.fields);
  ASSERT_EQ(back->rows.size(), 2u);
  EXPECT_EQ(back->rows[0][1], "r\xC3\xA9sum\xC3\xA9\nsecond line\nthird");
  EXPECT_EQ(back->rows[1], t.rows[1]);
}

TEST(WriteDat, QualifierAndDelimiterInsideAValueCannotBreakTheRecord) {
  LoadTable t;
  t.fields = {"A", "B"};
  t.rows = {{"x\xC3\xBEy\x14z", "w"}};
  auto back = ReadDat(WriteDat(t));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->rows.size(), 1u);
  EXPECT_EQ(back->rows[0][0], "x y z");
  EXPECT_EQ(back->rows[0][1], "w");
}

// Random tables of awkward values (newlines, CRLF, commas, quotes, non-ASCII, empty) read back
// exactly, with a newline for CR, LF or CRLF, since the format keeps only "a newline".
TEST(WriteDat, RandomTablesRoundTrip) {
  const std::vector<std::string> pieces = {"a",
                                           " ",
                                           "\n",
                                           "\r\n",
                                           ",",
                                           "\"",
                                           "",
                                           "\xC3\xA9",
                                           "\xE2\x80\x94",
                                           "ICE",
                                           "\xF0\x9F\x93\x84",
                                           "\t",
                                           "CITY-000001",
                                           "x y"};
  std::mt19937 rng(8);
  for (int round = 0; round < 200; ++round) {
    LoadTable t;
    size_t columns = 1 + rng() % 6;
    for (size_t c = 0; c < columns; ++c) t.fields.push_back("F" + std::to_string(c));
    size_t rows = rng() % 5;
    for (size_t r = 0; r < rows; ++r) {
      std::vector<std::string> row;
      for (size_t c = 0; c < columns; ++c) {
        std::string v;
        for (size_t k = rng() % 5; k > 0; --k) v += pieces[rng() % pieces.size()];
        row.push_back(v);
      }
      t.rows.push_back(row);
    }
    auto back = ReadDat(WriteDat(t));
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    ASSERT_EQ(back->rows.size(), t.rows.size());
    for (size_t r = 0; r < rows; ++r) {
      for (size_t c = 0; c < columns; ++c) {
        std::string want = t.rows[r][c];
        for (size_t p; (p = want.find("\r\n")) != std::string::npos;) want.erase(p, 1);
        EXPECT_EQ(back->rows[r][c], want) << "round " << round;
      }
    }
  }
}

TEST(WriteCsv, QuotesEveryValueAndDoublesQuotes) {
  LoadTable t;
  t.fields = {"A", "B"};
  t.rows = {{"say \"hi\"", "1,2"}};
  EXPECT_EQ(WriteCsv(t), "\xEF\xBB\xBF\"A\",\"B\"\r\n\"say \"\"hi\"\"\",\"1,2\"\r\n");
}

}  // namespace
}  // namespace bates::produce::loadfile
