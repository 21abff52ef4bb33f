#include "ingest/detect.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/file.h"
#include "ingest/charset.h"

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

}  // namespace
}  // namespace bates::ingest
