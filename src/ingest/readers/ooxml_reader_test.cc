#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/time.h"
#include "ingest/reader.h"
#include "ingest/readers/office_test_util.h"
#include "ingest/readers/package.h"
#include "ingest/testing/fake_read_context.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::ContentTypesXml;
using testing::FakeReadContext;
using testing::kWordNs;
using testing::kXmlDecl;
using testing::Paragraph;
using testing::Rels;
using testing::ZipBuilder;

const Reader& Ooxml() {
  const Reader* reader = ReaderRegistry::Global().ByName("ooxml");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

std::string Extra(const model::Metadata& meta, std::string_view key) {
  for (const auto& [k, v] : meta.extra) {
    if (k == key) return v;
  }
  return {};
}

Status Read(const std::string& bytes, FakeReadContext& context, const char* name = "x.docx") {
  return Ooxml().Read(Input::FromMemory(bytes, name), context);
}

size_t Find(const std::string& text, std::string_view what) {
  size_t at = text.find(what);
  EXPECT_NE(at, std::string::npos) << "missing \"" << what << "\" in:\n" << text;
  return at;
}

std::string WordPart(std::string_view root, std::string_view inner) {
  return std::string(kXmlDecl) + "<w:" + std::string(root) + " " + std::string(kWordNs) + ">" +
         std::string(inner) + "</w:" + std::string(root) + ">";
}

TEST(OoxmlReaderTest, WordTextInReadingOrder) {
  std::string body =
      Paragraph("Budget memo, fictional.") +
      "<w:p><w:r><w:t>Before</w:t></w:r><w:ins w:author=\"B. Auditor\"><w:r><w:t "
      "xml:space=\"preserve\"> added words</w:t></w:r></w:ins><w:del w:author=\"B. Auditor\">"
      "<w:r><w:delText xml:space=\"preserve\"> removed words</w:delText></w:r></w:del>"
      "<w:r><w:t xml:space=\"preserve\"> after</w:t><w:footnoteReference w:id=\"1\"/></w:r>"
      "<w:r><w:commentReference w:id=\"0\"/></w:r></w:p>"
      "<w:tbl><w:tr><w:tc>" +
      Paragraph("Line") + "</w:tc><w:tc>" + Paragraph("Amount") + "</w:tc></w:tr><w:tr><w:tc>" +
      Paragraph("Paper") + "</w:tc><w:tc>" + Paragraph("42") +
      "</w:tc></w:tr></w:tbl>"
      "<w:p><w:r><w:t>Tab</w:t><w:tab/><w:t>and</w:t><w:br/><w:t>break</w:t></w:r>"
      "<w:r><w:instrText> HYPERLINK \"http://city.example\" </w:instrText></w:r></w:p>"
      "<w:p><w:r><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-"
      "compatibility/2006\"><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>" +
      Paragraph("Text box once") +
      "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>" +
      Paragraph("Text box once") +
      "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
      "<w:sectPr><w:headerReference r:id=\"rIdH\"/><w:footerReference r:id=\"rIdF\"/></w:sectPr>";
  std::string docx = testing::MakeDocx(
      body, {},
      {{"word/header1.xml", WordPart("hdr", Paragraph("City of Example - header"))},
       {"word/footer1.xml", WordPart("ftr", Paragraph("Page footer text"))},
       {"word/footnotes.xml",
        WordPart("footnotes", "<w:footnote w:type=\"separator\" w:id=\"-1\">" + Paragraph("-----") +
                                  "</w:footnote><w:footnote w:id=\"1\">" +
                                  Paragraph("A footnote, fictional.") + "</w:footnote>")},
       {"word/comments.xml",
        WordPart("comments", "<w:comment w:id=\"0\" w:author=\"C. Reviewer\">" +
                                 Paragraph("Check the total.") + "</w:comment>")},
       {"docProps/app.xml",
        std::string(kXmlDecl) +
            "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-"
            "properties\"><Application>Fictional Writer</Application><Company>City of "
            "Example</Company><Pages>2</Pages></Properties>"}},
      {{"rIdH", "header", "header1.xml"},
       {"rIdF", "footer", "footer1.xml"},
       {"rIdN", "footnotes", "footnotes.xml"},
       {"rIdC", "comments", "comments.xml"}});
  FakeReadContext context;
  Status status = Read(docx, context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  const std::string& text = context.document().text;
  size_t header = Find(text, "City of Example - header");
  size_t first = Find(text, "Budget memo, fictional.");
  Find(text, "Before[inserted:  added words][deleted:  removed words] after");
  size_t table = Find(text, "Line\tAmount\nPaper\t42\n");
  Find(text, "Tab\tand\nbreak");
  size_t footer = Find(text, "Page footer text");
  size_t note = Find(text, "A footnote, fictional.");
  size_t comment = Find(text, "[comment by C. Reviewer: Check the total.]");
  EXPECT_LT(header, first);
  EXPECT_LT(first, table);
  EXPECT_LT(table, footer);
  EXPECT_LT(footer, note);
  EXPECT_LT(note, comment);
  EXPECT_EQ(text.find("-----"), std::string::npos);      // separator notes are not text
  EXPECT_EQ(text.find("HYPERLINK"), std::string::npos);  // field instructions are not text
  // The text box once, not once per rendering.
  EXPECT_EQ(text.find("Text box once"), text.rfind("Text box once"));

  const model::Metadata& m = context.document().meta;
  EXPECT_EQ(m.title, "Fictional Budget Memo");
  EXPECT_EQ(m.author, "A. Clerk");
  EXPECT_EQ(m.last_author, "B. Auditor");
  ASSERT_TRUE(m.created.has_value());
  EXPECT_EQ(FormatIso8601(*m.created), "2019-03-04T10:15:00+00:00");
  ASSERT_TRUE(m.modified.has_value());
  EXPECT_EQ(FormatIso8601(*m.modified), "2019-03-05T08:00:00-05:00");
  EXPECT_EQ(Extra(m, "application"), "Fictional Writer");
  EXPECT_EQ(Extra(m, "company"), "City of Example");
  EXPECT_EQ(Extra(m, "page_count"), "2");
  EXPECT_EQ(context.document().mime_type,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
}

TEST(OoxmlReaderTest, EmbeddedFilesAreChildren) {
  std::string xlsx = testing::MakeXlsx({{"Sheet1", {{"embedded", "1"}}}});
  std::string docx = testing::MakeDocx(
      Paragraph("Has an embedded workbook."),
      {{"Microsoft_Excel_Worksheet.xlsx", xlsx}, {"oleObject1.bin", "OLE bytes"}});
  FakeReadContext context;
  ASSERT_TRUE(Read(docx, context).ok());
  ASSERT_EQ(context.children.size(), 2u);
  EXPECT_EQ(context.children[0].name, "word/embeddings/Microsoft_Excel_Worksheet.xlsx");
  EXPECT_EQ(context.children[0].meta.file_name, "Microsoft_Excel_Worksheet.xlsx");
  EXPECT_EQ(context.children[0].bytes, xlsx);
  EXPECT_EQ(context.children[0].declared_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(context.children[1].bytes, "OLE bytes");
}

TEST(OoxmlReaderTest, ExcelSheetsCellsAndFormulas) {
  std::string xlsx = testing::MakeXlsx(
      {{"Budget 2019", {{"Line", "Amount"}, {"Paper", "42"}, {"Total", "=B2*2|84"}}},
       {"Notes", {{"", "", "third column"}}}});
  FakeReadContext context;
  ASSERT_TRUE(Read(xlsx, context, "x.xlsx").ok());
  EXPECT_EQ(context.document().text,
            "Budget 2019\nLine\tAmount\nPaper\t42\nTotal\t84\n\nNotes\n\t\tthird column");

  // Inline strings and booleans, and the phonetic guide that is not text.
  std::string sheet = std::string(kXmlDecl) +
                      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                      "main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>inline "
                      "text</t></is></c><c r=\"B1\" t=\"b\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>0"
                      "</v></c></row></sheetData><headerFooter><oddHeader>&amp;CCity "
                      "&amp;\"Arial,Bold\"Ledger</oddHeader></headerFooter></worksheet>";
  ZipBuilder zip;
  zip.Add("[Content_Types].xml",
          ContentTypesXml(
              {{"xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"}}));
  zip.Add("_rels/.rels", Rels({{"rId1", "officeDocument", "xl/workbook.xml"}}));
  zip.Add("xl/workbook.xml",
          std::string(kXmlDecl) +
              "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
              "relationships\"><sheets><sheet name=\"Only\" sheetId=\"1\" r:id=\"rId1\"/>"
              "</sheets></workbook>");
  zip.Add("xl/_rels/workbook.xml.rels", Rels({{"rId1", "worksheet", "worksheets/sheet1.xml"},
                                              {"rId2", "sharedStrings", "sharedStrings.xml"}}));
  zip.Add("xl/worksheets/sheet1.xml", sheet);
  zip.Add("xl/sharedStrings.xml",
          std::string(kXmlDecl) +
              "<sst><si><r><t>\u6771\u4eac</t></r><rPh sb=\"0\" eb=\"1\"><t>\u30c8\u30a6\u30ad"
              "\u30e7\u30a6</t></rPh></si></sst>");
  FakeReadContext inline_context;
  ASSERT_TRUE(Read(zip.Finish(), inline_context, "x.xlsm").ok());
  EXPECT_EQ(inline_context.document().text, "Only\ninline text\tTRUE\t\u6771\u4eac\nCity Ledger");
  EXPECT_EQ(inline_context.document().mime_type, "application/vnd.ms-excel.sheet.macroenabled.12");
}

TEST(OoxmlReaderTest, PowerPointSlidesInOrderWithNotes) {
  auto slide = [](std::string_view text) {
    return std::string(kXmlDecl) +
           "<p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" "
           "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><p:cSld><p:spTree>"
           "<p:sp><p:txBody><a:p><a:r><a:t>" +
           std::string(text) + "</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>";
  };
  std::string notes =
      std::string(kXmlDecl) +
      "<p:notes xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><p:cSld><p:spTree>"
      "<p:sp><p:nvSpPr><p:nvPr><p:ph type=\"sldNum\"/></p:nvPr></p:nvSpPr><p:txBody><a:p><a:r>"
      "<a:t>99</a:t></a:r></a:p></p:txBody></p:sp><p:sp><p:txBody><a:p><a:r><a:t>Speaker notes "
      "here</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>";
  ZipBuilder zip;
  zip.Add("[Content_Types].xml",
          ContentTypesXml({{"ppt/presentation.xml",
                            "application/vnd.openxmlformats-officedocument.presentationml."
                            "presentation.main+xml"}}));
  zip.Add("_rels/.rels", Rels({{"rId1", "officeDocument", "ppt/presentation.xml"}}));
  // Slide order is the list's, not the part names'.
  zip.Add("ppt/presentation.xml",
          std::string(kXmlDecl) +
              "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/"
              "main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
              "relationships\"><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId7\"/><p:sldId "
              "id=\"257\" r:id=\"rId6\"/></p:sldIdLst></p:presentation>");
  zip.Add("ppt/_rels/presentation.xml.rels",
          Rels({{"rId6", "slide", "slides/slide1.xml"}, {"rId7", "slide", "slides/slide2.xml"}}));
  zip.Add("ppt/slides/slide1.xml", slide("Second in order"));
  zip.Add("ppt/slides/slide2.xml", slide("First in order"));
  zip.Add("ppt/slides/_rels/slide2.xml.rels",
          Rels({{"rId1", "notesSlide", "../notesSlides/notesSlide1.xml"}}));
  zip.Add("ppt/notesSlides/notesSlide1.xml", notes);
  FakeReadContext context;
  ASSERT_TRUE(Read(zip.Finish(), context, "x.pptx").ok());
  EXPECT_EQ(context.document().text,
            "Slide 1\nFirst in order\nNotes:\nSpeaker notes here\n\nSlide 2\nSecond in order");
}

// An entity bomb (billion laughs: 10^9 "lol"s from 1 KiB) ends as an exception at once: pugixml
// would expand nothing, but then the text that uses the entity would be read without it, silently.
std::string EntityBomb(std::string_view root_open, std::string_view body, std::string_view close) {
  std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    bomb += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) bomb += "&lol" + std::to_string(i - 1) + ";";
    bomb += "\">\n";
  }
  return bomb + "]>\n" + std::string(root_open) + std::string(body) + std::string(close);
}

TEST(OoxmlReaderTest, EntityBombEndsAsAnExceptionAtOnce) {
  std::string bomb = EntityBomb(
      "<w:document " + std::string(kWordNs) + ">",
      "<w:body><w:p><w:r><w:t>Before &lol9; after</w:t></w:r></w:p></w:body>", "</w:document>");
  ZipBuilder zip;
  zip.Add("[Content_Types].xml", ContentTypesXml({}));
  zip.Add("_rels/.rels", Rels({{"rId1", "officeDocument", "word/document.xml"}}));
  zip.Add("word/document.xml", bomb);
  FakeReadContext context;
  auto start = std::chrono::steady_clock::now();
  Status status = Read(zip.Finish(), context);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  EXPECT_NE(status.message().find("word/document.xml declares XML entities"), std::string::npos)
      << status.ToString();

  // The same in a workbook's shared strings.
  std::string strings =
      EntityBomb("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
                 "<si><t>&lol9;</t></si>", "</sst>");
  ZipBuilder book;
  book.Add("[Content_Types].xml",
           ContentTypesXml({{"xl/workbook.xml",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet."
                             "main+xml"}}));
  book.Add("_rels/.rels", Rels({{"rId1", "officeDocument", "xl/workbook.xml"}}));
  book.Add("xl/workbook.xml",
           std::string(kXmlDecl) +
               "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
               "<sheets/></workbook>");
  book.Add("xl/_rels/workbook.xml.rels", Rels({{"rIdS", "sharedStrings", "sharedStrings.xml"}}));
  book.Add("xl/sharedStrings.xml", strings);
  FakeReadContext sheet_context;
  start = std::chrono::steady_clock::now();
  status = Read(book.Finish(), sheet_context, "bomb.xlsx");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  EXPECT_NE(status.message().find("xl/sharedStrings.xml declares XML entities"), std::string::npos)
      << status.ToString();
}

// A DOCTYPE without entity declarations is harmless and read as usual.
TEST(OoxmlReaderTest, DoctypeWithoutEntitiesIsRead) {
  EXPECT_FALSE(package::EntityDeclarationAt("<?xml version=\"1.0\"?><!DOCTYPE x><x/>"));
  EXPECT_FALSE(package::EntityDeclarationAt("<x><!DOCTYPE y [<!ENTITY z \"z\">]></x>"));
  EXPECT_FALSE(package::EntityDeclarationAt("<!-- <!DOCTYPE y [<!ENTITY z \"z\">]> --><x/>"));
  EXPECT_TRUE(
      package::EntityDeclarationAt("<!DOCTYPE y [<!ENTITY z SYSTEM \"/etc/passwd\">]><x/>"));
  EXPECT_TRUE(package::EntityDeclarationAt(
      "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE y [\n<!ENTITY z \"z\">]><x/>"));
  std::string doc = std::string(kXmlDecl) + "<!DOCTYPE w:document>" + "<w:document " +
                    std::string(kWordNs) + "><w:body>" + Paragraph("Plain text") +
                    "</w:body></w:document>";
  ZipBuilder zip;
  zip.Add("[Content_Types].xml", ContentTypesXml({}));
  zip.Add("_rels/.rels", Rels({{"rId1", "officeDocument", "word/document.xml"}}));
  zip.Add("word/document.xml", doc);
  FakeReadContext context;
  ASSERT_TRUE(Read(zip.Finish(), context).ok());
  EXPECT_NE(context.document().text.find("Plain text"), std::string::npos);
}

// A part past the size cap is refused while it is read, not after it is held.
TEST(OoxmlReaderTest, HugePartIsAnExceptionNotAnAllocation) {
  std::string huge = std::string(kXmlDecl) + "<w:document " + std::string(kWordNs) + "><w:body>";
  while (huge.size() < (2u << 20)) huge += Paragraph("filler paragraph of a huge document");
  huge += "</w:body></w:document>";
  ZipBuilder zip;
  zip.Add("[Content_Types].xml", ContentTypesXml({}));
  zip.Add("_rels/.rels", Rels({{"rId1", "officeDocument", "word/document.xml"}}));
  zip.Add("word/document.xml", huge);
  Limits limits;
  limits.max_text_bytes = 1 << 20;  // the part cap follows the text limit
  FakeReadContext context(limits);
  Status status = Read(zip.Finish(), context);
  EXPECT_EQ(status.code(), StatusCode::kResourceExhausted) << status.ToString();
  EXPECT_NE(status.message().find("word/document.xml"), std::string::npos);
}

TEST(OoxmlReaderTest, BrokenPackages) {
  FakeReadContext not_zip;
  EXPECT_EQ(Read("not a zip", not_zip).code(), StatusCode::kCorrupt);
  FakeReadContext no_main;
  EXPECT_EQ(Read(ZipBuilder().Add("readme.txt", "x").Finish(), no_main).code(),
            StatusCode::kCorrupt);
  ZipBuilder bad;
  bad.Add("[Content_Types].xml", ContentTypesXml({}));
  bad.Add("_rels/.rels", Rels({{"rId1", "officeDocument", "word/document.xml"}}));
  bad.Add("word/document.xml", "<w:document><w:body><w:p>unclosed");
  FakeReadContext malformed;
  Status status = Read(bad.Finish(), malformed);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_NE(status.message().find("not well-formed"), std::string::npos) << status.ToString();
}

struct Sample {
  const char* file;
  std::vector<const char*> phrases;  // in this order
};

TEST(OoxmlReaderTest, TikaSamples) {
  fs::path dir = testing::TikaFiles();
  if (dir.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  const Sample samples[] = {
      {"testWORD.docx",
       {"This is the header for our document", "Sample Word Document Title", "Nested table",
        "This is the footer for our document"}},
      {"testWORD_various.docx",
       {"This is the header text.", "Row 1 Col 1\tRow 1 Col 2\tRow 1 Col 3",
        "\u30be\u30eb\u30b2\u3068\u5c3e\u5d0e", "This is the footer text.", "This is a footnote."}},
      {"footnotes.docx", {"snoska"}},
      {"testComment.docx",
       {"Here is some text.",
        "[comment by Michael McCandless: Here is a "
        "comment]"}},
      {"testEXCEL.xlsx",
       {"Feuil1", "Sample Excel Worksheet - Numbers and their Squares", "\t15\t225", "Feuil2"}},
      {"testPPT_various.pptx", {"Slide 1", "Row 1 Col 1\tRow 1 Col 2", "Here is a text box"}},
      {"testPPT_comment.pptx", {"[comment: I'm afraid I'm going to have to ask you"}},
      {"testWORD_macros.docm", {"quick brown fox"}},
      {"testEXCEL.strict.xlsx", {"First Sheet", "2nd row\t2nd row 2nd column", "Sheet Number 2"}},
  };
  for (const Sample& s : samples) {
    Result<std::string> bytes = ReadFile(dir / "microsoft" / s.file);
    ASSERT_TRUE(bytes.ok()) << s.file;
    FakeReadContext context;
    Status status = Read(*bytes, context, s.file);
    ASSERT_TRUE(status.ok()) << s.file << ": " << status.ToString();
    const std::string& text = context.document().text;
    size_t last = 0;
    for (const char* phrase : s.phrases) {
      size_t at = text.find(phrase, last);
      EXPECT_NE(at, std::string::npos) << s.file << " lacks (in order) \"" << phrase << "\"\n"
                                       << text.substr(0, 3000);
      if (at != std::string::npos) last = at;
    }
  }
  Result<std::string> word = ReadFile(dir / "microsoft" / "testWORD.docx");
  FakeReadContext context;
  ASSERT_TRUE(Read(*word, context).ok());
  EXPECT_EQ(context.document().meta.author, "Keith Bennett");
  EXPECT_EQ(context.document().meta.last_author, "Nick Burch");
  EXPECT_EQ(context.document().meta.title, "Sample Word Document");
  EXPECT_EQ(FormatIso8601Utc(context.document().meta.created->utc_seconds), "2008-12-11T16:04:00Z");

  // A workbook with an embedded PDF: the OLE object is a child.
  Result<std::string> embedded = ReadFile(dir / "microsoft" / "testEXCEL_embeddedPDF_windows.xlsx");
  FakeReadContext with_object;
  ASSERT_TRUE(Read(*embedded, with_object, "x.xlsx").ok());
  ASSERT_EQ(with_object.children.size(), 1u);
  EXPECT_EQ(with_object.children[0].name, "xl/embeddings/oleObject1.bin");

  // Binary workbooks: metadata, and an honest exception for the cells.
  Result<std::string> xlsb = ReadFile(dir / "microsoft" / "testEXCEL.xlsb");
  FakeReadContext binary;
  EXPECT_EQ(Read(*xlsb, binary, "x.xlsb").code(), StatusCode::kUnsupportedFormat);

  // Every OOXML sample reads (the encrypted ones are compound files, not packages).
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "microsoft")) {
    std::string ext = entry.path().extension().string();
    if (ext != ".docx" && ext != ".xlsx" && ext != ".pptx" && ext != ".docm" && ext != ".xlsm" &&
        ext != ".pptm" && ext != ".dotx" && ext != ".ppsx") {
      continue;
    }
    Result<std::string> bytes = ReadFile(entry.path());
    if (!bytes.ok() || bytes->starts_with("\xD0\xCF\x11\xE0")) continue;
    ++files;
    FakeReadContext c;
    Status status = Read(*bytes, c, entry.path().filename().c_str());
    // A truncated sample is corrupt by design; everything else reads.
    if (entry.path().filename() == "testWORD_truncated.docx") {
      EXPECT_FALSE(status.ok());
      continue;
    }
    EXPECT_TRUE(status.ok()) << entry.path() << ": " << status.ToString();
  }
  EXPECT_GT(files, 80);
}

}  // namespace
}  // namespace bates::ingest
