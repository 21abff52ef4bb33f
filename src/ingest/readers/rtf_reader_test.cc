#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/time.h"
#include "ingest/reader.h"
#include "ingest/readers/rtf_text.h"
#include "ingest/testing/fake_read_context.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::FakeReadContext;

const Reader& Rtf() {
  const Reader* reader = ReaderRegistry::Global().ByName("rtf");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

std::string TextOf(std::string_view rtf) {
  Result<RtfText> out = RtfToText(rtf);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? out->text : std::string();
}

fs::path TikaDir() {
  const char* root = std::getenv("BATES_CORPORA");
  if (root == nullptr) return {};
  fs::path dir = fs::path(root) / "tika-test-documents" / "files";
  return fs::is_directory(dir) ? dir : fs::path();
}

TEST(RtfTextTest, ParagraphsTabsAndEscapes) {
  EXPECT_EQ(TextOf("{\\rtf1\\ansi Hello\\par World}"), "Hello\nWorld");
  EXPECT_EQ(TextOf("{\\rtf1 a\\tab b\\line c}"), "a\tb\nc");
  EXPECT_EQ(TextOf("{\\rtf1 braces \\{ \\} and \\\\ backslash}"), "braces { } and \\ backslash");
  // A control word's delimiting space is not text; a second space is.
  EXPECT_EQ(TextOf("{\\rtf1 {\\b bold}  text}"), "bold  text");
  EXPECT_EQ(TextOf("{\\rtf1 \\ldblquote q\\rdblquote  \\emdash \\bullet}"),
            "\u201Cq\u201D \u2014\u2022");
}

TEST(RtfTextTest, CodePagesAndUnicode) {
  // \'e9 in the document's code page (1252); \'c0 in a Cyrillic font (\fcharset204 → 1251).
  EXPECT_EQ(TextOf("{\\rtf1\\ansi\\ansicpg1252 caf\\'e9}"), "caf\u00e9");
  EXPECT_EQ(TextOf("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}{\\f1\\fcharset204 Arial "
                   "Cyr;}}\\f1 \\'c0\\'e1\\f0  ok}"),
            "\u0410\u0431 ok");
  // Shift_JIS double-byte pairs decode together.
  EXPECT_EQ(TextOf("{\\rtf1\\ansi\\ansicpg932 \\'93\\'fa\\'96\\'7b}"), "\u65e5\u672c");
  // \uN with its fallback skipped (\uc1 default, then \uc2), negative values, surrogate pairs.
  EXPECT_EQ(TextOf("{\\rtf1 \\u8364?x}"), "\u20acx");
  EXPECT_EQ(TextOf("{\\rtf1\\uc2 \\u8364\\'80\\'80x}"), "\u20acx");
  EXPECT_EQ(TextOf("{\\rtf1 \\u-4064?}"), "\uf020");
  EXPECT_EQ(TextOf("{\\rtf1 \\u55357?\\u56832?}"), "\U0001F600");
  // \upr holds an ANSI rendering and its Unicode twin; only the twin is text.
  EXPECT_EQ(TextOf("{\\rtf1 {\\upr{ansi}{\\*\\ud{\\u8364?}}}}"), "\u20ac");
}

TEST(RtfTextTest, SkipsDestinationsKeepsFieldResults) {
  std::string rtf =
      "{\\rtf1{\\fonttbl{\\f0 Times New Roman;}}{\\colortbl;\\red255\\green0\\blue0;}"
      "{\\stylesheet{\\s0 Normal;}}{\\*\\generator Fictional Writer;}"
      "Before {\\field{\\*\\fldinst HYPERLINK \"http://city.example\"}{\\fldrslt the link}} after"
      "{\\pict\\pngblip 89504e47}{\\*\\unknowndest hidden}{\\*\\bkmkstart b1}"
      "{\\footnote A footnote.}\\par}";
  EXPECT_EQ(TextOf(rtf), "Before the link afterA footnote.");
  // Comments keep their place, set apart.
  EXPECT_EQ(TextOf("{\\rtf1 Some text{\\*\\atnid MM}{\\*\\annotation{\\*\\atnref 0}"
                   "{\\pard A comment.}}.}"),
            "Some text [comment: A comment.] .");
}

TEST(RtfTextTest, TablesBecomeTabsAndRows) {
  std::string rtf =
      "{\\rtf1\\trowd\\cellx1000\\cellx2000 \\intbl Name\\cell Badge\\cell\\row"
      "\\trowd\\cellx1000\\cellx2000 \\intbl Ramos\\cell 7\\cell\\row}";
  EXPECT_EQ(TextOf(rtf), "Name\tBadge\nRamos\t7");
}

TEST(RtfTextTest, BinaryDataIsSkippedByCount) {
  std::string rtf = "{\\rtf1 a{\\pict\\bin6 }{}\\\\}}b}";
  EXPECT_EQ(TextOf(rtf), "ab");
  // A \bin count past the end stops at the end, without reading beyond it.
  EXPECT_EQ(TextOf("{\\rtf1 a\\bin999999999 xyz"), "a");
}

TEST(RtfTextTest, InfoMetadata) {
  std::string rtf =
      "{\\rtf1{\\info{\\title Evidence Policy}{\\author Chief Ramos}{\\operator Sgt. Lee}"
      "{\\subject Storage}{\\keywords custody}{\\company City of Example}"
      "{\\creatim\\yr2018\\mo1\\dy24\\hr10\\min15}{\\revtim\\yr2019\\mo3\\dy5\\hr12\\min0}"
      "{\\nofpages1}}Body text.}";
  Result<RtfText> out = RtfToText(rtf);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->text, "Body text.");
  EXPECT_EQ(out->title, "Evidence Policy");
  EXPECT_EQ(out->author, "Chief Ramos");
  EXPECT_EQ(out->last_author, "Sgt. Lee");
  EXPECT_EQ(out->subject, "Storage");
  EXPECT_EQ(out->keywords, "custody");
  EXPECT_EQ(out->company, "City of Example");
  ASSERT_TRUE(out->created.has_value());
  EXPECT_TRUE(out->created->floating);
  EXPECT_EQ(FormatIso8601(*out->created), "2018-01-24T10:15:00");
  ASSERT_TRUE(out->modified.has_value());
  EXPECT_EQ(FormatIso8601(*out->modified), "2019-03-05T12:00:00");
}

TEST(RtfTextTest, HtmlEncapsulatedByOutlook) {
  std::string rtf =
      "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
      "{\\*\\htmltag19 <html>}{\\*\\htmltag34 <body>}\\htmlrtf {\\htmlrtf0 "
      "{\\*\\htmltag64 <p>}Meeting moved\\htmlrtf\\par\\htmlrtf0 {\\*\\htmltag72 </p>}"
      "{\\*\\htmltag64 <p>}to Tuesday{\\*\\htmltag72 </p>}\\htmlrtf }\\htmlrtf0 "
      "{\\*\\htmltag42 </body>}{\\*\\htmltag27 </html>}}";
  Result<RtfText> out = RtfToText(rtf);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->from_html);
  EXPECT_NE(out->html.find("<p>Meeting moved</p>"), std::string::npos) << out->html;
  EXPECT_NE(out->html.find("<p>to Tuesday</p>"), std::string::npos) << out->html;
  EXPECT_EQ(out->text.find("<p>"), std::string::npos) << out->text;
  EXPECT_NE(out->text.find("Meeting moved"), std::string::npos) << out->text;
}

// Tika's testRTFListOverride.rtf ends with bytes after the document's closing brace; they are
// not text (they came out as "ï¿½8\x11$DM…").
TEST(RtfTextTest, BytesAfterTheClosingBraceAreNotText) {
  EXPECT_EQ(TextOf("{\\rtf1 Body\\par}\n\xEF\xBF\xBD"
                   "8\x11$DM\xEF\xBF\xBD\x17q"),
            "Body");
  EXPECT_EQ(TextOf("{\\rtf1 One\\par}\njunk"), "One");
  // A stray brace with more to come is not the end (HostileInputStaysBounded: "a}}}b{{{c").
  EXPECT_EQ(TextOf("{\\rtf1 One}Two{\\b Three}"), "OneTwoThree");
}

TEST(RtfTextTest, HostileInputStaysBounded) {
  // 100,000 nested groups: skipped past the depth limit, no recursion, text after them kept.
  std::string deep = "{\\rtf1 start";
  deep += std::string(100000, '{') + "inner" + std::string(100000, '}') + " end}";
  Result<RtfText> out = RtfToText(deep);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->too_deep);
  EXPECT_EQ(out->text, "start end");
  // The text limit cuts and says so.
  RtfOptions small;
  small.max_text_bytes = 10;
  Result<RtfText> cut = RtfToText("{\\rtf1 " + std::string(1000, 'x') + "}", small);
  ASSERT_TRUE(cut.ok());
  EXPECT_TRUE(cut->truncated);
  EXPECT_LE(cut->text.size(), 10u);
  // Junk: unbalanced braces, a lone backslash at the end, bad hex.
  EXPECT_EQ(TextOf("{\\rtf1 a}}}b{{{c\\'zz\\"), "abczz");
  // \* in mid-group is not a destination marker: the text stays.
  EXPECT_EQ(TextOf("{\\rtf1 {\\i0\\*\\cs7 quick fox}}"), "quick fox");
  EXPECT_FALSE(RtfToText("plain text").ok());
}

TEST(CompressedRtfTest, DecompressesSpecExampleAndStoredForm) {
  // [MS-OXRTFCP] section 4.1, example 1.
  const unsigned char example[] = {0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a,
                                   0x46, 0x75, 0xf1, 0xc5, 0xc7, 0xa7, 0x03, 0x00, 0x0a, 0x00,
                                   0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a,
                                   0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77,
                                   0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f, 0xa0};
  Result<std::string> out =
      DecompressRtf(std::string_view(reinterpret_cast<const char*>(example), sizeof example));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");

  std::string stored("\x14\x00\x00\x00\x08\x00\x00\x00MELA\x00\x00\x00\x00{\\rtf1 }", 24);
  Result<std::string> plain = DecompressRtf(stored);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, "{\\rtf1 }");

  EXPECT_FALSE(DecompressRtf("short").ok());
  EXPECT_FALSE(DecompressRtf(std::string(16, 'x')).ok());
  // A RAWSIZE of 4 GiB does not make it allocate 4 GiB, and the cap holds.
  std::string huge(example, example + sizeof example);
  huge[4] = huge[5] = huge[6] = huge[7] = '\xff';
  Result<std::string> capped =
      DecompressRtf(std::string_view(huge.data(), huge.size()), /*max_bytes=*/10);
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped->size(), 10u);
}

TEST(RtfReaderTest, ReadsDocumentAndMetadata) {
  EXPECT_EQ(ReaderRegistry::Global().ForMimeType("text/rtf"), &Rtf());
  std::string rtf =
      "{\\rtf1\\ansi{\\info{\\title Fictional memo}{\\author A. Clerk}}"
      "Budget hearing\\par moved to {\\b Room 4}.{\\object\\objemb{\\*\\objdata 0105}"
      "{\\result shown}}}";
  FakeReadContext context;
  Status status = Rtf().Read(Input::FromMemory(rtf, "memo.rtf"), context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  const Extracted& doc = context.document();
  EXPECT_EQ(doc.text, "Budget hearing\nmoved to Room 4.shown");
  EXPECT_EQ(doc.meta.title, "Fictional memo");
  EXPECT_EQ(doc.meta.author, "A. Clerk");
  bool objects = false;
  for (const auto& [k, v] : doc.meta.extra) objects = objects || (k == "rtf_objects" && v == "1");
  EXPECT_TRUE(objects);
  EXPECT_TRUE(context.children.empty());

  FakeReadContext bad;
  EXPECT_EQ(Rtf().Read(Input::FromMemory("not rtf", "x.rtf"), bad).code(), StatusCode::kCorrupt);
}

struct CorpusRtf {
  const char* file;
  const char* expected;  // a phrase the text must contain
};

TEST(RtfReaderTest, TikaSamples) {
  fs::path dir = TikaDir();
  if (dir.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  const CorpusRtf cases[] = {
      {"microsoft/testRTF.rtf", "Test d\u2019indexation Word"},
      {"microsoft/testRTFJapanese.rtf", "\u30be\u30eb\u30b2\u306e\u51e6\u5211\u8a18\u9332"},
      {"microsoft/testRTFWindowsCodepage1250.rtf", "za\u017c\u00f3\u0142\u0107"},
      {"microsoft/testRTFUnicodeGothic.rtf", "\U00010332"},
      {"microsoft/testRTFTableCellSeparation.rtf", "a\tb"},
      {"microsoft/testRTFHyperlink.rtf", "frequently asked questions"},
      {"microsoft/testRTFIgnoredControlWord.rtf", "The quick brown fox jumps over the lazy dog"},
      {"microsoft/testRTFWithCurlyBraces.rtf", "{"},
  };
  for (const CorpusRtf& c : cases) {
    fs::path path = dir / c.file;
    Result<std::string> bytes = ReadFile(path);
    ASSERT_TRUE(bytes.ok()) << c.file;
    FakeReadContext context;
    Status status = Rtf().Read(Input::FromMemory(*bytes, path.filename().string()), context);
    ASSERT_TRUE(status.ok()) << c.file << ": " << status.ToString();
    EXPECT_NE(context.document().text.find(c.expected), std::string::npos)
        << c.file << " lacks \"" << c.expected << "\":\n"
        << context.document().text.substr(0, 2000);
  }
  // Every RTF sample reads without error and yields text, but those that hold only pictures,
  // objects or list definitions.
  const std::set<std::string> textless = {"testRTFEmbeddedFiles.rtf", "testRTFEmbeddedLink.rtf",
                                          "testBinControlWord.rtf", "test_list_override.rtf"};
  int files = 0;
  for (const auto& sub : {"microsoft", "standard-integration-tests"}) {
    for (const auto& entry : fs::directory_iterator(dir / sub)) {
      if (entry.path().extension() != ".rtf") continue;
      ++files;
      Result<std::string> bytes = ReadFile(entry.path());
      ASSERT_TRUE(bytes.ok());
      FakeReadContext context;
      Status status = Rtf().Read(Input::FromMemory(*bytes, "x.rtf"), context);
      EXPECT_TRUE(status.ok()) << entry.path() << ": " << status.ToString();
      if (status.ok() && textless.count(entry.path().filename().string()) == 0) {
        EXPECT_FALSE(context.document().text.empty()) << entry.path();
      }
    }
  }
  EXPECT_GT(files, 40);
}

}  // namespace
}  // namespace bates::ingest
