#include "core/text.h"

#include <gtest/gtest.h>

namespace bates {
namespace {

TEST(TextTest, ConvertsLegacyCharsets) {
  auto latin = ConvertToUtf8("caf\xe9 \x93quoted\x94", "windows-1252");
  ASSERT_TRUE(latin.ok());
  EXPECT_EQ(*latin, "café “quoted”");
  auto utf16 = ConvertToUtf8(std::string("h\0i\0", 4), "UTF-16LE");
  ASSERT_TRUE(utf16.ok());
  EXPECT_EQ(*utf16, "hi");
  EXPECT_EQ(ConvertToUtf8("x", "no-such-charset").status().code(), StatusCode::kUnsupportedFormat);
}

TEST(TextTest, RepairReplacesBadSequencesAndDropsNul) {
  EXPECT_TRUE(IsValidUtf8("café"));
  EXPECT_FALSE(IsValidUtf8("caf\xe9"));
  EXPECT_EQ(RepairUtf8(std::string("a\xff"
                                   "b\0c",
                                   5)),
            "a\xEF\xBF\xBD"
            "bc");
}

TEST(TextTest, CodePointOffsets) {
  std::string s = "né 123";
  EXPECT_EQ(CountCodePoints(s), 6u);
  EXPECT_EQ(ByteOffsetOfCodePoint(s, 2), 3u);
  EXPECT_EQ(ByteOffsetOfCodePoint(s, 99), s.size());
  EXPECT_EQ(TruncateUtf8("née", 2), "né");
}

TEST(TextTest, CollapseWhitespaceKeepsLineBreaks) {
  EXPECT_EQ(CollapseWhitespace("  a \t b\r\n\n c  "), "a b\nc");
}

TEST(TextTest, EscapesHtml) {
  EXPECT_EQ(HtmlEscaped("a<b> & \"c\" 'd'"), "a&lt;b&gt; &amp; &quot;c&quot; 'd'");
  std::string out = "x";
  AppendHtmlEscaped(out, "é<");
  EXPECT_EQ(out, "xé&lt;");
}

TEST(TextTest, FoldsDiacritics) {
  EXPECT_EQ(FoldDiacritics("plain ascii"), "plain ascii");
  EXPECT_EQ(FoldDiacritics("Müller café Łódź naïve"), "Muller cafe Lodz naive");
  EXPECT_EQ(FoldDiacritics("Søren Đorđe"), "Soren Dorde");
  // Already decomposed: e + combining acute.
  EXPECT_EQ(FoldDiacritics("cafe\xCC\x81"), "cafe");
  // Letters without diacritics stay, whatever the script.
  EXPECT_EQ(FoldDiacritics("Москва 東京"), "Москва 東京");
}

}  // namespace
}  // namespace bates
