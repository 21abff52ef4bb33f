#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/time.h"
#include "ingest/reader.h"
#include "ingest/readers/office_test_util.h"
#include "ingest/testing/fake_read_context.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::FakeReadContext;
using testing::ZipBuilder;

const Reader& Odf() {
  const Reader* reader = ReaderRegistry::Global().ByName("odf");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

std::string Extra(const model::Metadata& meta, std::string_view key) {
  for (const auto& [k, v] : meta.extra) {
    if (k == key) return v;
  }
  return {};
}

constexpr std::string_view kNamespaces =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
    "xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
    "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"";

std::string Content(std::string_view body) {
  return "<?xml version=\"1.0\"?><office:document-content " + std::string(kNamespaces) +
         "><office:body>" + std::string(body) + "</office:body></office:document-content>";
}

std::string Meta() {
  return "<?xml version=\"1.0\"?><office:document-meta " + std::string(kNamespaces) +
         "><office:meta><dc:title>Fictional Minutes</dc:title><meta:initial-creator>A. "
         "Clerk</meta:initial-creator><dc:creator>B. Auditor</dc:creator><meta:creation-date>"
         "2019-03-04T10:15:00</meta:creation-date><dc:date>2019-03-05T08:00:00.25Z</dc:date>"
         "<meta:keyword>minutes</meta:keyword><meta:user-defined meta:name=\"Case\">"
         "CASE-7</meta:user-defined></office:meta></office:document-meta>";
}

std::string Manifest(std::string_view extra_entries = {}) {
  return "<?xml version=\"1.0\"?><manifest:manifest " + std::string(kNamespaces) +
         "><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/"
         "vnd.oasis.opendocument.text\"/><manifest:file-entry manifest:full-path=\"content.xml\" "
         "manifest:media-type=\"text/xml\"/>" +
         std::string(extra_entries) + "</manifest:manifest>";
}

std::string Package(std::string_view mimetype, std::string_view content,
                    std::string_view styles = {}, std::string_view manifest_extra = {},
                    const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  ZipBuilder zip;
  zip.Add("mimetype", std::string(mimetype));
  zip.Add("content.xml", Content(content));
  zip.Add("meta.xml", Meta());
  if (!styles.empty()) {
    zip.Add("styles.xml", "<?xml version=\"1.0\"?><office:document-styles " +
                              std::string(kNamespaces) + "><office:master-styles>" +
                              std::string(styles) +
                              "</office:master-styles></office:document-styles>");
  }
  zip.Add("META-INF/manifest.xml", Manifest(manifest_extra));
  for (const auto& [name, data] : extra) zip.Add(name, data);
  return zip.Finish();
}

Status Read(const std::string& bytes, FakeReadContext& context, const char* name = "x.odt") {
  return Odf().Read(Input::FromMemory(bytes, name), context);
}

TEST(OdfReaderTest, TextDocumentInReadingOrder) {
  std::string body =
      "<office:text><text:tracked-changes><text:changed-region text:id=\"ct1\"><text:deletion>"
      "<office:change-info/><text:p>old wording</text:p></text:deletion></text:changed-region>"
      "<text:changed-region text:id=\"ct2\"><text:insertion><office:change-info/>"
      "</text:insertion></text:changed-region></text:tracked-changes>"
      "<text:h text:outline-level=\"1\">Council minutes</text:h>"
      "<text:p>Motion<text:s text:c=\"2\"/>carried<text:tab/>unanimously.<text:line-break/>"
      "Next line.</text:p>"
      "<text:p>Changed <text:change text:change-id=\"ct1\"/><text:change-start "
      "text:change-id=\"ct2\"/>new wording<text:change-end text:change-id=\"ct2\"/> here."
      "<office:annotation><dc:creator>C. Reviewer</dc:creator><dc:date>2019-03-04</dc:date>"
      "<text:p>Confirm the vote.</text:p></office:annotation></text:p>"
      "<text:list><text:list-item><text:p>First item</text:p></text:list-item></text:list>"
      "<table:table table:name=\"Votes\"><table:table-row><table:table-cell><text:p>Ayes</text:p>"
      "</table:table-cell><table:table-cell office:value-type=\"float\" office:value=\"5\">"
      "<text:p>5</text:p></table:table-cell></table:table-row></table:table>"
      "<text:p>A note<text:note><text:note-citation>1</text:note-citation><text:note-body>"
      "<text:p>Footnote text.</text:p></text:note-body></text:note> ends.</text:p>"
      "</office:text>";
  std::string styles =
      "<style:master-page style:name=\"Standard\"><style:header><text:p>City of Example "
      "<text:page-number>1</text:page-number></text:p></style:header><style:footer><text:p>"
      "Page footer</text:p></style:footer></style:master-page>";
  FakeReadContext context;
  Status status = Read(Package("application/vnd.oasis.opendocument.text", body, styles), context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(context.document().text,
            "City of Example\n\nCouncil minutes\nMotion  carried\tunanimously.\nNext line.\n"
            "Changed [deleted: old wording][inserted: new wording] here. [comment by C. "
            "Reviewer: Confirm the vote.]\nFirst item\nAyes\t5\nA note Footnote text.  ends.\n\n"
            "Page footer");
  const model::Metadata& m = context.document().meta;
  EXPECT_EQ(m.title, "Fictional Minutes");
  EXPECT_EQ(m.author, "A. Clerk");
  EXPECT_EQ(m.last_author, "B. Auditor");
  ASSERT_TRUE(m.created.has_value());
  EXPECT_TRUE(m.created->floating);
  EXPECT_EQ(FormatIso8601(*m.created), "2019-03-04T10:15:00");
  ASSERT_TRUE(m.modified.has_value());
  EXPECT_EQ(FormatIso8601(*m.modified), "2019-03-05T08:00:00+00:00");
  EXPECT_EQ(Extra(m, "keywords"), "minutes");
  EXPECT_EQ(Extra(m, "custom:Case"), "CASE-7");
  EXPECT_EQ(context.document().mime_type, "application/vnd.oasis.opendocument.text");
}

TEST(OdfReaderTest, SpreadsheetSheetsAndPresentationSlides) {
  std::string sheets =
      "<office:spreadsheet><table:table table:name=\"Budget\"><table:table-row>"
      "<table:table-cell><text:p>Paper</text:p></table:table-cell>"
      "<table:table-cell table:number-columns-repeated=\"2\"/>"
      "<table:table-cell office:value-type=\"float\" office:value=\"42\"><text:p>42</text:p>"
      "</table:table-cell></table:table-row><table:table-row table:number-rows-repeated="
      "\"1048570\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
      "</table:table><table:table table:name=\"Notes\"><table:table-row><table:table-cell "
      "table:number-columns-repeated=\"3\"><text:p>x</text:p></table:table-cell>"
      "</table:table-row></table:table></office:spreadsheet>";
  FakeReadContext calc;
  ASSERT_TRUE(
      Read(Package("application/vnd.oasis.opendocument.spreadsheet", sheets), calc, "x.ods").ok());
  EXPECT_EQ(calc.document().text, "Budget\nPaper\t\t\t42\n\nNotes\nx\tx\tx");

  std::string slides =
      "<office:presentation><draw:page draw:name=\"page1\"><draw:frame><draw:text-box><text:p>"
      "Agenda</text:p></draw:text-box></draw:frame><presentation:notes><draw:page-thumbnail/>"
      "<draw:frame><draw:text-box><text:p>Say hello</text:p></draw:text-box></draw:frame>"
      "</presentation:notes></draw:page><draw:page draw:name=\"page2\"><draw:frame>"
      "<draw:text-box><text:p>Budget</text:p></draw:text-box></draw:frame></draw:page>"
      "</office:presentation>";
  FakeReadContext impress;
  ASSERT_TRUE(
      Read(Package("application/vnd.oasis.opendocument.presentation", slides), impress, "x.odp")
          .ok());
  EXPECT_EQ(impress.document().text, "Slide 1\nAgenda\nNotes:\nSay hello\n\nSlide 2\nBudget");
}

TEST(OdfReaderTest, EncryptedPackageIsEncrypted) {
  std::string encrypted_entry =
      "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">"
      "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\" manifest:checksum=\"x\">"
      "<manifest:algorithm manifest:algorithm-name=\"Blowfish CFB\"/></manifest:encryption-data>"
      "</manifest:file-entry>";
  FakeReadContext context;
  Status status =
      Read(Package("application/vnd.oasis.opendocument.text",
                   "<office:text><text:p>x</text:p></office:text>", {}, encrypted_entry),
           context);
  EXPECT_EQ(status.code(), StatusCode::kEncrypted);
  ASSERT_TRUE(context.has_document());
  EXPECT_NE(context.document().flags & model::kFlagEncrypted, 0u);
}

TEST(OdfReaderTest, EmbeddedObjectsAreRepackagedChildren) {
  std::string chart_content = Content(
      "<office:chart><table:table table:name=\"data\"><table:table-row><table:table-cell>"
      "<text:p>Q1</text:p></table:table-cell></table:table-row></table:table>"
      "</office:chart>");
  std::string manifest_extra =
      "<manifest:file-entry manifest:full-path=\"Object 1/\" manifest:media-type=\"application/"
      "vnd.oasis.opendocument.chart\"/><manifest:file-entry manifest:full-path=\"Object 2\" "
      "manifest:media-type=\"application/vnd.sun.star.oleobject\"/>";
  std::string odt =
      Package("application/vnd.oasis.opendocument.text",
              "<office:text><text:p>With a chart</text:p></office:text>", {}, manifest_extra,
              {{"Object 1/content.xml", chart_content}, {"Object 2", "OLE bytes"}});
  FakeReadContext context;
  ASSERT_TRUE(Read(odt, context).ok());
  ASSERT_EQ(context.children.size(), 2u);
  const Child& chart = context.children[0];
  EXPECT_EQ(chart.name, "Object 1.odc");
  EXPECT_EQ(chart.declared_type, "application/vnd.oasis.opendocument.chart");
  FakeReadContext chart_context;
  ASSERT_TRUE(Read(chart.bytes, chart_context, "Object 1.odc").ok());
  EXPECT_NE(chart_context.document().text.find("Q1"), std::string::npos);
  EXPECT_EQ(context.children[1].name, "Object 2");
  EXPECT_EQ(context.children[1].bytes, "OLE bytes");
}

TEST(OdfReaderTest, FlatXmlDocument) {
  std::string flat = "<?xml version=\"1.0\"?><office:document " + std::string(kNamespaces) +
                     " office:mimetype=\"application/vnd.oasis.opendocument.text\"><office:meta>"
                     "<dc:title>Flat minutes</dc:title></office:meta><office:body><office:text>"
                     "<text:p>Flat body text</text:p><text:p><draw:frame><draw:image>"
                     "<office:binary-data>iVBORw0KGgo=</office:binary-data></draw:image>"
                     "</draw:frame></text:p></office:text></office:body></office:document>";
  FakeReadContext context;
  ASSERT_TRUE(Read(flat, context, "x.fodt").ok());
  EXPECT_EQ(context.document().text, "Flat body text");
  EXPECT_EQ(context.document().meta.title, "Flat minutes");
  EXPECT_EQ(context.document().mime_type, "application/vnd.oasis.opendocument.text-flat-xml");
}

// An entity bomb in content.xml, packaged or flat, ends as an exception at once (package.h).
TEST(OdfReaderTest, EntityBombEndsAsAnExceptionAtOnce) {
  std::string entities = "<!DOCTYPE office:document-content [<!ENTITY a \"aaaaaaaaaa\">";
  for (int i = 1; i <= 9; ++i) {
    std::string prev = i == 1 ? "a" : "a" + std::to_string(i - 1);
    entities += "<!ENTITY a" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) entities += "&" + prev + ";";
    entities += "\">";
  }
  entities += "]>";
  ZipBuilder zip;
  zip.Add("mimetype", "application/vnd.oasis.opendocument.text");
  zip.Add("content.xml", "<?xml version=\"1.0\"?>" + entities + "<office:document-content " +
                             std::string(kNamespaces) +
                             "><office:body><office:text><text:p>&a9;</text:p></office:text>"
                             "</office:body></office:document-content>");
  zip.Add("META-INF/manifest.xml", Manifest());
  FakeReadContext context;
  auto start = std::chrono::steady_clock::now();
  Status status = Read(zip.Finish(), context);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  EXPECT_NE(status.message().find("declares XML entities"), std::string::npos) << status.ToString();

  std::string flat = "<?xml version=\"1.0\"?>" + entities + "<office:document " +
                     std::string(kNamespaces) +
                     " office:mimetype=\"application/vnd.oasis.opendocument.text\"><office:body>"
                     "<office:text><text:p>&a9;</text:p></office:text></office:body>"
                     "</office:document>";
  FakeReadContext flat_context;
  EXPECT_EQ(Read(flat, flat_context, "x.fodt").code(), StatusCode::kCorrupt);
}

TEST(OdfReaderTest, TikaSamples) {
  fs::path dir = testing::TikaFiles();
  if (dir.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  auto read = [&](const char* file, FakeReadContext& context) {
    Result<std::string> bytes = ReadFile(dir / "miscoffice" / file);
    EXPECT_TRUE(bytes.ok()) << file;
    return Read(*bytes, context, file);
  };
  {
    FakeReadContext c;
    ASSERT_TRUE(read("testODFwithOOo3.odt", c).ok());
    const std::string& text = c.document().text;
    EXPECT_NE(text.find("Apache Tika"), std::string::npos);
    EXPECT_NE(text.find("[comment by Bart Hanssens: Tika is part of the Lucene project.]"),
              std::string::npos);
    EXPECT_NE(text.find("[inserted: difficult][deleted: complex]"), std::string::npos) << text;
    EXPECT_EQ(c.document().meta.author, "Bart Hanssens");
    EXPECT_EQ(c.document().meta.title, "Apache Tika");
    ASSERT_EQ(c.children.size(), 2u);  // an embedded spreadsheet and a formula
    EXPECT_EQ(c.children[0].declared_type, "application/vnd.oasis.opendocument.spreadsheet");
  }
  {
    FakeReadContext c;
    ASSERT_TRUE(read("testFooter.ods", c).ok());
    EXPECT_NE(c.document().text.find("Data 1\tData 2"), std::string::npos);
    EXPECT_NE(c.document().text.find("Here is a footer in the center area"), std::string::npos);
    EXPECT_EQ(c.document().text.find("???"), std::string::npos);
  }
  {
    FakeReadContext c;
    ASSERT_TRUE(read("testMasterFooter.odp", c).ok());
    EXPECT_NE(c.document().text.find("Master footer is here"), std::string::npos);
  }
  {
    FakeReadContext c;
    Status status = read("testODTEncrypted.odt", c);
    EXPECT_EQ(status.code(), StatusCode::kEncrypted) << status.ToString();
  }
  {
    FakeReadContext c;
    ASSERT_TRUE(read("testOpenOffice2.odf", c).ok());
    EXPECT_NE(c.document().text.find("The quick brown fox jumps over the lazy dog"),
              std::string::npos);
  }
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "miscoffice")) {
    std::string ext = entry.path().extension().string();
    if (ext != ".odt" && ext != ".ods" && ext != ".odp" && ext != ".fodt" && ext != ".fods" &&
        ext != ".fodp") {
      continue;
    }
    std::string name = entry.path().filename().string();
    if (name == "testODTnotaZipFile.odt" || name == "testODTEncrypted.odt") continue;
    ++files;
    FakeReadContext c;
    Status status = read(name.c_str(), c);
    EXPECT_TRUE(status.ok()) << name << ": " << status.ToString();
  }
  EXPECT_GE(files, 15);
}

}  // namespace
}  // namespace bates::ingest
