#include "ingest/detect.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file.h"
#include "ingest/charset.h"
#include "ingest/readers/cfb_writer.h"

namespace bates::ingest {
namespace {

std::string TestData(const std::string& relative) {
  Result<std::string> bytes = ReadFile(std::filesystem::path(BATES_TESTDATA_DIR) / relative);
  EXPECT_TRUE(bytes.ok()) << relative << ": " << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

Detection DetectFile(const std::string& relative, std::string_view declared = {}) {
  std::string bytes = TestData(relative);
  std::string name = std::filesystem::path(relative).filename().string();
  return Detect(std::string_view(bytes).substr(0, kDetectHeadBytes), bytes.size(), name, declared);
}

// A minimal ZIP: one stored member, then the central directory.
std::string MinimalZip() {
  std::string local("PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00", 14);
  local += std::string("\x00\x00\x00\x00\x05\x00\x00\x00\x05\x00\x00\x00\x05\x00\x00\x00", 16);
  local += "a.txt";
  local += "hello";
  std::string central("PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00", 16);
  central += std::string("\x00\x00\x00\x00\x05\x00\x00\x00\x05\x00\x00\x00\x05\x00", 14);
  central += std::string(12, '\0');
  central += std::string("\x00\x00\x00\x00", 4);
  central += "a.txt";
  std::string end("PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00", 12);
  uint32_t central_size = static_cast<uint32_t>(central.size());
  uint32_t central_offset = static_cast<uint32_t>(local.size());
  for (uint32_t v : {central_size, central_offset}) {
    for (int i = 0; i < 4; ++i) end.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  end += std::string(2, '\0');
  return local + central + end;
}

struct Case {
  const char* file;      // under tests/data
  const char* declared;  // declared type hint
  const char* expected_type;
  const char* expected_charset;  // nullptr: not checked
};

class DetectTableTest : public ::testing::TestWithParam<Case> {};

TEST_P(DetectTableTest, DetectsByContent) {
  const Case& c = GetParam();
  Detection d = DetectFile(c.file, c.declared);
  EXPECT_EQ(d.mime_type, c.expected_type) << c.file << " (" << d.description << ")";
  if (c.expected_charset != nullptr) {
    EXPECT_EQ(d.charset, c.expected_charset) << c.file;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Files, DetectTableTest,
    ::testing::Values(
        Case{"mail/alternative.eml", "", "message/rfc822", nullptr},
        Case{"mail/attachments.eml", "", "message/rfc822", nullptr},
        Case{"mail/html-only.eml", "", "message/rfc822", nullptr},
        Case{"mail/crlf.eml", "", "message/rfc822", nullptr},
        // An envelope "From " line before the header block: the .eml name says one message.
        Case{"mail/from-line.eml", "", "message/rfc822", nullptr},
        Case{"mail/three.mbox", "", "application/mbox", nullptr},
        Case{"mail/truncated.mbox", "", "application/mbox", nullptr},
        // Binary junk with a mail name stays unsupported.
        Case{"mail/junk.eml", "", "application/octet-stream", nullptr},
        Case{"mail/junk.eml", "message/rfc822", "application/octet-stream", nullptr},
        Case{"text/page.html", "", "text/html", "windows-1252"},
        Case{"text/xhtml.xhtml", "", "text/html", nullptr},
        Case{"text/windows-1252.txt", "", "text/plain", "windows-1252"},
        Case{"text/utf-16le-bom.txt", "", "text/plain", "utf-16le"},
        Case{"text/utf-16be-bom.txt", "", "text/plain", "utf-16be"},
        Case{"text/utf-16le-nobom.txt", "", "text/plain", "utf-16le"},
        Case{"text/utf-8.txt", "", "text/plain", "utf-8"},
        Case{"text/koi8-r.txt", "", "text/plain", "koi8-r"}));

TEST(DetectTest, MboxWithoutMailNameIsMbox) {
  std::string bytes = TestData("mail/from-line.eml");
  EXPECT_EQ(Detect(bytes, bytes.size(), "saved-mail").mime_type, "application/mbox");
  EXPECT_EQ(Detect(bytes, bytes.size(), "saved-mail", "message/rfc822").mime_type,
            "message/rfc822");
}

TEST(DetectTest, PdfAndZipByMagic) {
  std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
  Detection d = Detect(pdf, pdf.size(), "message.eml");
  EXPECT_EQ(d.mime_type, "application/pdf");
  EXPECT_NE(d.description.find("PDF"), std::string::npos) << d.description;

  std::string zip = MinimalZip();
  EXPECT_EQ(Detect(zip, zip.size(), "notes.txt").mime_type, "application/zip");
}

TEST(DetectTest, CalendarsAndContactsByFirstLine) {
  struct Row {
    std::string content;
    const char* name;
    const char* expected;
  };
  for (const Row& row : std::vector<Row>{
           {"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "x", "text/calendar"},
           // Google's export: X-WR-CALNAME and X-WR-TIMEZONE pass for two mail header fields.
           {"BEGIN:VCALENDAR\nMETHOD:PUBLISH\nX-WR-CALNAME:Work\nX-WR-TIMEZONE:UTC\n", "basic.ics",
            "text/calendar"},
           {"\xEF\xBB\xBF\n begin:vcalendar\nversion:1.0\n", "old.vcs", "text/calendar"},
           {"BEGIN:VCARD\nVERSION:3.0\nX-ABUID:1\nX-ABShowAs:PERSON\nFN:x\nEND:VCARD\n", "a.txt",
            "text/vcard"},
           {"begin:vcard\r\nfn:x\r\nend:vcard\r\n", "x", "text/vcard"},
           // Not at the start: prose that mentions the keyword stays text.
           {"Notes on BEGIN:VCALENDAR files.\n", "notes.ics", "text/plain"},
       }) {
    EXPECT_EQ(Detect(row.content, row.content.size(), row.name).mime_type, row.expected)
        << row.content;
  }
}

TEST(DetectTest, EmptyInput) { EXPECT_EQ(Detect("", 0, "x.eml").mime_type, "application/x-empty"); }

TEST(DetectTest, NameIsOnlyAHint) {
  // Plain prose named .eml is not mail; mail named .txt is mail.
  std::string prose = "Dear team,\nthe meeting moved to Tuesday.\n";
  EXPECT_EQ(Detect(prose, prose.size(), "memo.eml").mime_type, "text/plain");
  std::string mail = TestData("mail/alternative.eml");
  EXPECT_EQ(Detect(mail, mail.size(), "notes.txt").mime_type, "message/rfc822");
  // CSV that libmagic calls plain text: the name settles it.
  std::string csv = "name\n alpha\n";
  EXPECT_EQ(Detect(csv, csv.size(), "table.csv").mime_type, "text/csv");
}

TEST(DetectTest, ProseThatLibmagicCallsPlotterCommandsIsText) {
  // Fictional letterheads; libmagic's HP-GL rule matches "SP" and "PA" at the start.
  for (std::string prose : {"SPRINGFIELD POLICE DEPARTMENT\nGeneral Order 12\n",
                            "PA DEPARTMENT OF STATE\nmore text here.\n"}) {
    Detection d = Detect(prose, prose.size(), "order.txt");
    EXPECT_EQ(d.mime_type, "text/plain") << prose;
    EXPECT_FALSE(d.charset.empty()) << prose;
  }
}

TEST(DetectTest, LibmagicMessageTypesBecomeRfc822) {
  std::string news =
      "Path: news.city.example\nFrom: a@city.example\nNewsgroups: local.test\n"
      "Subject: fictional post\n\nbody\n";
  EXPECT_EQ(Detect(news, news.size(), "post").mime_type, "message/rfc822");
}

TEST(Rfc822SnifferTest, Table) {
  EXPECT_TRUE(LooksLikeRfc822("From: a@b.example\nTo: c@d.example\n\nbody\n"));
  EXPECT_TRUE(
      LooksLikeRfc822("Received: from x\n\tby y; Mon, 1 Jan 2018 00:00:00 +0000\n"
                      "X-Custom: 1\n\nbody"));
  EXPECT_TRUE(
      LooksLikeRfc822("From x@y.example Mon Jan  1 00:00:00 2018\nFrom: a@b.example\n"
                      "Subject: s\n\n"));
  EXPECT_TRUE(
      LooksLikeRfc822("Subject : old style\r\nDate: Mon, 1 Jan 2018 00:00:00 +0000\r\n\r\n"));
  // Only one known field.
  EXPECT_FALSE(LooksLikeRfc822("Subject: hello\nAuthor: me\n\nbody"));
  // Not header lines at all.
  EXPECT_FALSE(LooksLikeRfc822("Hello world\nFrom: a@b.example\nTo: c@d.example\n\n"));
  EXPECT_FALSE(LooksLikeRfc822("\nFrom: a@b.example\nTo: c@d.example\n"));
  EXPECT_FALSE(LooksLikeRfc822(" folded: first\nTo: c@d.example\n"));
  EXPECT_FALSE(LooksLikeRfc822(""));
}

TEST(MboxSnifferTest, Table) {
  EXPECT_TRUE(LooksLikeMbox("From sender@x.example Mon Jun  1 10:00:00 2009\n\nText\n"));
  EXPECT_TRUE(LooksLikeMbox("From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nFrom: a@b.example\n"));
  EXPECT_TRUE(LooksLikeMbox("From someone\nFrom: a@b.example\nTo: c@d.example\n\nx"));
  EXPECT_FALSE(LooksLikeMbox("From the start of the year, budgets shrank.\nMore prose.\n"));
  EXPECT_FALSE(LooksLikeMbox("From: a@b.example\nTo: c@d.example\n\n"));
  EXPECT_FALSE(LooksLikeMbox("Hello\n"));
}

TEST(CharsetTest, Bom) {
  size_t size = 0;
  EXPECT_EQ(CharsetFromBom("\xEF\xBB\xBFx", &size), "utf-8");
  EXPECT_EQ(size, 3u);
  EXPECT_EQ(CharsetFromBom("\xFF\xFEx\0", &size), "utf-16le");
  EXPECT_EQ(CharsetFromBom("\xFE\xFF\0x", &size), "utf-16be");
  EXPECT_EQ(CharsetFromBom("plain", &size), "");
  EXPECT_EQ(size, 0u);
}

TEST(CharsetTest, DecodesDeclaredDetectedAndMislabelled) {
  // Windows-1252 bytes declared as ISO-8859-1: the 0x93/0x94 quotes survive.
  EXPECT_EQ(DecodeToUtf8("\x93hi\x94 caf\xE9", "iso-8859-1"), "\u201chi\u201d caf\u00e9");
  // Declared UTF-8 but not valid UTF-8: detection takes over.
  std::string used;
  EXPECT_EQ(DecodeToUtf8("caf\xE9 cr\xE8me br\xFBl\xE9"
                         "e",
                         "utf-8", &used),
            "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e");
  EXPECT_NE(used, "utf-8");
  // Declared Latin-1 but the bytes are valid UTF-8 with non-ASCII: the label is stale.
  EXPECT_EQ(DecodeToUtf8("caf\xC3\xA9", "iso-8859-1"), "caf\u00e9");
  // Unknown label: detection.
  EXPECT_EQ(DecodeToUtf8("plain ascii", "x-no-such-charset"), "plain ascii");
  // BOM wins over the label, and is removed.
  EXPECT_EQ(DecodeToUtf8(std::string("\xFF\xFEh\0i\0", 6), "windows-1252"), "hi");
  // NULs and invalid sequences never get through.
  EXPECT_EQ(DecodeToUtf8(std::string("a\0b", 3)), "ab");
  std::string koi8 = TestData("text/koi8-r.txt");
  EXPECT_NE(DecodeToUtf8(koi8).find("\u0413\u043e\u0440\u043e\u0434\u0441\u043a\u0430\u044f"),
            std::string::npos);
}

// A ZIP of stored members, for container detection.
std::string StoredZip(const std::vector<std::pair<std::string, std::string>>& members) {
  auto le = [](std::string& out, uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  std::string local, central;
  for (const auto& [name, data] : members) {
    uint32_t offset = static_cast<uint32_t>(local.size());
    local += std::string("PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00", 14);
    le(local, 0, 4);  // CRC, not checked by detection
    le(local, data.size(), 4);
    le(local, data.size(), 4);
    le(local, name.size(), 2);
    le(local, 0, 2);
    local += name + data;
    central += std::string("PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x21\x00", 16);
    le(central, 0, 4);
    le(central, data.size(), 4);
    le(central, data.size(), 4);
    le(central, name.size(), 2);
    central += std::string(12, '\0');
    le(central, offset, 4);
    central += name;
  }
  std::string end("PK\x05\x06\x00\x00\x00\x00", 8);
  le(end, members.size(), 2);
  le(end, members.size(), 2);
  le(end, central.size(), 4);
  le(end, local.size(), 4);
  le(end, 0, 2);
  return local + central + end;
}

std::string CompoundFile(const std::vector<std::string>& streams) {
  CfbWriter writer;
  for (const std::string& s : streams) writer.AddStream(s, std::string(100, 'x'));
  return writer.Finish();
}

TEST(DetectTest, OleContainersByStreamNames) {
  struct OleCase {
    std::vector<std::string> streams;
    const char* type;
  };
  const OleCase cases[] = {
      {{"__properties_version1.0", "__substg1.0_0037001F"}, "application/vnd.ms-outlook"},
      {{"WordDocument", "1Table"}, "application/msword"},
      {{"Workbook"}, "application/vnd.ms-excel"},
      {{"Book"}, "application/vnd.ms-excel"},
      {{"PowerPoint Document", "Current User"}, "application/vnd.ms-powerpoint"},
      {{"EncryptionInfo", "EncryptedPackage"}, "application/x-ooxml-encrypted"},
  };
  for (const OleCase& c : cases) {
    std::string file = CompoundFile(c.streams);
    EXPECT_EQ(Detect(file, file.size(), "file.bin").mime_type, c.type) << c.streams[0];
  }
}

TEST(DetectTest, ZipPackagesByMembers) {
  std::string docx =
      StoredZip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w/>"}});
  EXPECT_EQ(Detect(docx, docx.size(), "x.zip").mime_type,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  std::string xlsx = StoredZip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<w/>"}});
  EXPECT_EQ(Detect(xlsx, xlsx.size(), "x").mime_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  std::string pptx =
      StoredZip({{"[Content_Types].xml", "<Types/>"}, {"ppt/presentation.xml", "<p/>"}});
  EXPECT_EQ(Detect(pptx, pptx.size(), "x").mime_type,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation");
  std::string odp = StoredZip(
      {{"mimetype", "application/vnd.oasis.opendocument.presentation"}, {"content.xml", "<x/>"}});
  EXPECT_EQ(Detect(odp, odp.size(), "x").mime_type,
            "application/vnd.oasis.opendocument.presentation");
  // An ODF package whose mimetype member is not first: the name settles it.
  std::string ods = StoredZip({{"content.xml", "<x/>"}, {"META-INF/manifest.xml", "<m/>"}});
  EXPECT_EQ(Detect(ods, ods.size(), "budget.ods").mime_type,
            "application/vnd.oasis.opendocument.spreadsheet");
  // A package of another kind (XPS) and a plain ZIP stay ZIP.
  std::string xps =
      StoredZip({{"[Content_Types].xml", "<Types/>"}, {"Documents/1/Pages/1.fpage", "<p/>"}});
  EXPECT_EQ(Detect(xps, xps.size(), "x.xps").mime_type, "application/zip");
  std::string zip = StoredZip({{"notes/word.txt", "not a package"}});
  EXPECT_EQ(Detect(zip, zip.size(), "x.zip").mime_type, "application/zip");
}

TEST(DetectTest, FlatOpenDocumentAndSerialisedMapi) {
  std::string fodt =
      "<?xml version=\"1.0\"?>\n<office:document xmlns:office=\"urn:oasis:names:tc:"
      "opendocument:xmlns:office:1.0\" office:version=\"1.2\" office:mimetype=\"application/"
      "vnd.oasis.opendocument.text\"><office:body/></office:document>\n";
  EXPECT_EQ(Detect(fodt, fodt.size(), "x.fodt").mime_type,
            "application/vnd.oasis.opendocument.text-flat-xml");
  std::string mapi(
      "\x89"
      "BMAPI\r\n\x01\x00\x00\x00",
      12);
  EXPECT_EQ(Detect(mapi, mapi.size(), "message 1").mime_type, "application/vnd.bates.mapi-message");
}

TEST(DetectTest, TikaOfficeSamples) {
  const char* root = std::getenv("BATES_CORPORA");
  std::filesystem::path dir = root == nullptr
                                  ? std::filesystem::path()
                                  : std::filesystem::path(root) / "tika-test-documents" / "files";
  if (root == nullptr || !std::filesystem::is_directory(dir)) {
    GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  }
  const std::pair<const char*, const char*> cases[] = {
      {"microsoft/testMSG.msg", "application/vnd.ms-outlook"},
      {"microsoft/testPST.pst", "application/vnd.ms-outlook-pst"},
      {"microsoft/testWORD.doc", "application/msword"},
      {"microsoft/testEXCEL.xls", "application/vnd.ms-excel"},
      {"microsoft/testPPT.ppt", "application/vnd.ms-powerpoint"},
      {"microsoft/testWORD_protected_passtika.docx", "application/x-ooxml-encrypted"},
      {"microsoft/testEXCEL_protected_passtika.xlsx", "application/x-ooxml-encrypted"},
      {"microsoft/testWORD.docx",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"microsoft/testPPT.potm",
       "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
      {"miscoffice/testODTStyles3.odt", "application/vnd.oasis.opendocument.text"},
      {"miscoffice/testODSMacro.fods", "application/vnd.oasis.opendocument.spreadsheet-flat-xml"},
      {"microsoft/testRTF.rtf", "text/rtf"},
  };
  for (const auto& [file, type] : cases) {
    Result<std::string> bytes = ReadFile(dir / file);
    ASSERT_TRUE(bytes.ok()) << file;
    std::string_view head = std::string_view(*bytes).substr(0, kDetectHeadBytes);
    EXPECT_EQ(
        Detect(head, bytes->size(), std::filesystem::path(file).filename().string()).mime_type,
        type)
        << file;
  }
}

}  // namespace
}  // namespace bates::ingest
