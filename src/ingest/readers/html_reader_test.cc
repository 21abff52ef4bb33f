#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/file.h"
#include "core/text.h"
#include "ingest/html_text.h"
#include "ingest/reader.h"
#include "ingest/testing/fake_read_context.h"

namespace bates::ingest {
namespace {

std::string TestData(const std::string& relative) {
  Result<std::string> bytes = ReadFile(std::filesystem::path(BATES_TESTDATA_DIR) / relative);
  EXPECT_TRUE(bytes.ok()) << relative << ": " << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

const Reader& HtmlReader() {
  const Reader* reader = ReaderRegistry::Global().ByName("html");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

TEST(HtmlReaderTest, VisibleTextTitleAndMeta) {
  std::string bytes = TestData("text/page.html");
  testing::FakeReadContext context;
  ASSERT_TRUE(HtmlReader().Read(Input::FromMemory(bytes, "page.html"), context).ok());
  const Extracted& doc = context.document();
  EXPECT_EQ(doc.meta.title, "Fictional General Order & Policy");
  EXPECT_EQ(doc.meta.author, "Chief Dana Ortiz (fictional)");
  EXPECT_EQ(doc.text,
            "Fictional General Order & Policy\n\n"
            "Use of Force\n\n"
            "This policy is fictional.\n"
            "Second line \u2013 caf\u00e9 \u201cquoted\u201d.\n\n"
            "Block one\nBlock two\n\n"
            "Cell A\tCell B\nCell C\tCell D\n\n"
            "Item one\nItem two\n\n"
            "  keep   this\n  spacing\n\n"
            "Price \u20ac5 <not a tag>\n\n"
            "No script text");
  EXPECT_EQ(doc.text.find("do not index"), std::string::npos);
  EXPECT_EQ(doc.text.find("color"), std::string::npos);
  EXPECT_EQ(doc.text.find("comment"), std::string::npos);
}

TEST(HtmlReaderTest, RegisteredForHtmlAndXhtml) {
  EXPECT_EQ(ReaderRegistry::Global().ForMimeType("text/html"), &HtmlReader());
  EXPECT_EQ(ReaderRegistry::Global().ForMimeType("application/xhtml+xml"), &HtmlReader());
  std::string bytes = TestData("text/xhtml.xhtml");
  testing::FakeReadContext context;
  ASSERT_TRUE(HtmlReader().Read(Input::FromMemory(bytes, "x.xhtml"), context).ok());
  EXPECT_EQ(context.document().meta.title, "Fictional XHTML");
  EXPECT_EQ(context.document().text, "Fictional XHTML\n\nHello from a fictional XHTML page.");
}

TEST(HtmlTextTest, CharsetPrecedence) {
  // <meta> charset is used when the caller declares none.
  std::string latin =
      "<html><head><meta http-equiv=\"Content-Type\" "
      "content=\"text/html; charset=ISO-8859-1\"></head><body>caf\xE9</body></html>";
  HtmlText from_meta = HtmlToText(latin);
  EXPECT_EQ(from_meta.text, "caf\u00e9");
  EXPECT_EQ(from_meta.charset, "windows-1252");
  // The caller's (transport) charset comes before <meta>.
  std::string utf8 = "<meta charset=\"windows-1252\"><p>caf\xC3\xA9 \xE2\x82\xAC</p>";
  HtmlTextOptions options;
  options.charset = "utf-8";
  EXPECT_EQ(HtmlToText(utf8, options).text, "caf\u00e9 \u20ac");
  // No declaration at all: detection.
  EXPECT_EQ(HtmlToText("<p>na\xEFve caf\xE9</p>").text, "na\u00efve caf\u00e9");
  EXPECT_EQ(HtmlDeclaredCharset("<html><META CHARSET='KOI8-R'>"), "koi8-r");
  EXPECT_EQ(HtmlDeclaredCharset("<html><body>charset=nothing</body>"), "");
}

TEST(HtmlTextTest, FragmentsEntitiesAndHostileInput) {
  EXPECT_EQ(HtmlToText("Just &lt;text&gt; &amp; &#8364; &eacute;").text,
            "Just <text> & \u20ac \u00e9");
  EXPECT_EQ(HtmlToText("").text, "");
  HtmlTextOptions no_title;
  no_title.include_title = false;
  HtmlText mail = HtmlToText("<title>Boilerplate</title><p>Body</p>", no_title);
  EXPECT_EQ(mail.text, "Body");
  EXPECT_EQ(mail.title, "Boilerplate");
  // Deep nesting and unclosed tags neither crash nor lose the text.
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div><span>";
  deep += "bottom";
  EXPECT_NE(HtmlToText(deep).text.find("bottom"), std::string::npos);
  std::string binary("<p>a\0b\xFF\xFE</p>", 10);
  EXPECT_TRUE(IsValidUtf8(HtmlToText(binary).text));
}

}  // namespace
}  // namespace bates::ingest
