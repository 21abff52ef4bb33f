#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/time.h"
#include "ingest/extractor.h"
#include "ingest/reader.h"
#include "ingest/readers/cfb_writer.h"
#include "ingest/readers/office_test_util.h"
#include "ingest/readers/ole.h"
#include "ingest/testing/fake_read_context.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::FakeReadContext;
using testing::PutLe;

const Reader& Legacy() {
  const Reader* reader = ReaderRegistry::Global().ByName("legacy_office");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

std::string Extra(const model::Metadata& meta, std::string_view key) {
  for (const auto& [k, v] : meta.extra) {
    if (k == key) return v;
  }
  return {};
}

Status Read(const std::string& bytes, FakeReadContext& context, const char* name = "x.doc") {
  return Legacy().Read(Input::FromMemory(bytes, name), context);
}

// A property set stream ([MS-OLEPS]) with one section: the code page, then string and date
// properties.
std::string PropertySet(const std::vector<std::pair<uint32_t, std::string>>& strings,
                        const std::vector<std::pair<uint32_t, int64_t>>& dates) {
  std::string values;
  std::vector<std::pair<uint32_t, uint32_t>> offsets;
  size_t count = 1 + strings.size() + dates.size();
  size_t base = 8 + count * 8;
  auto add = [&](uint32_t id, const std::string& value) {
    offsets.emplace_back(id, static_cast<uint32_t>(base + values.size()));
    values += value;
    while (values.size() % 4 != 0) values.push_back('\0');
  };
  std::string codepage;
  PutLe(codepage, 2, 4);  // VT_I2
  PutLe(codepage, 1252, 4);
  add(1, codepage);
  for (const auto& [id, text] : strings) {
    std::string v;
    PutLe(v, 0x1E, 4);  // VT_LPSTR
    PutLe(v, text.size() + 1, 4);
    v += text;
    v.push_back('\0');
    add(id, v);
  }
  for (const auto& [id, unix_seconds] : dates) {
    std::string v;
    PutLe(v, 0x40, 4);  // VT_FILETIME
    PutLe(v, static_cast<uint64_t>((unix_seconds + 11644473600LL) * 10000000LL), 8);
    add(id, v);
  }
  std::string section;
  PutLe(section, base + values.size(), 4);
  PutLe(section, count, 4);
  for (const auto& [id, offset] : offsets) {
    PutLe(section, id, 4);
    PutLe(section, offset, 4);
  }
  section += values;
  std::string stream;
  PutLe(stream, 0xFFFE, 2);
  PutLe(stream, 0, 2);
  PutLe(stream, 0x00020005, 4);
  stream += std::string(16, '\0');
  PutLe(stream, 1, 4);
  stream += std::string("\xE0\x85\x9F\xF2\xF9\x4F\x68\x10\xAB\x91\x08\x00\x2B\x27\xB3\xD9", 16);
  PutLe(stream, 48, 4);
  return stream + section;
}

// A Word FIB whose fEncrypted bit is `encrypted`.
std::string Fib(bool encrypted) {
  std::string fib;
  PutLe(fib, 0xA5EC, 2);
  PutLe(fib, 0x00C1, 2);
  fib += std::string(6, '\0');
  PutLe(fib, encrypted ? 0x0100 : 0, 2);
  fib.resize(1024, '\0');
  return fib;
}

TEST(LegacyOfficeReaderTest, SummaryMetadataAndWordEncryption) {
  CfbWriter cfb;
  cfb.AddStream("WordDocument", Fib(true));
  cfb.AddStream("1Table", std::string(600, '\0'));
  cfb.AddStream("\005SummaryInformation",
                PropertySet({{2, "Fictional Budget Memo"}, {4, "A. Clerk"}, {8, "B. Auditor"}},
                            {{0x0C, 1551712500}, {0x0D, 1551798900}}));
  cfb.AddStream("\005DocumentSummaryInformation", PropertySet({{0x0F, "City of Example"}}, {}));
  FakeReadContext context;
  Status status = Read(cfb.Finish(), context);
  EXPECT_EQ(status.code(), StatusCode::kEncrypted) << status.ToString();
  EXPECT_NE(status.message().find("fEncrypted"), std::string::npos);
  ASSERT_TRUE(context.has_document());
  const Extracted& doc = context.document();
  EXPECT_NE(doc.flags & model::kFlagEncrypted, 0u);
  EXPECT_EQ(doc.meta.title, "Fictional Budget Memo");
  EXPECT_EQ(doc.meta.author, "A. Clerk");
  EXPECT_EQ(doc.meta.last_author, "B. Auditor");
  ASSERT_TRUE(doc.meta.created.has_value());
  EXPECT_EQ(FormatIso8601(*doc.meta.created), "2019-03-04T15:15:00+00:00");
  ASSERT_TRUE(doc.meta.modified.has_value());
  EXPECT_EQ(doc.meta.modified->utc_seconds, 1551798900);
  EXPECT_EQ(Extra(doc.meta, "company"), "City of Example");
  EXPECT_EQ(doc.mime_type, "application/msword");
}

TEST(LegacyOfficeReaderTest, ExcelPowerPointAndPackageEncryption) {
  {
    std::string workbook;
    PutLe(workbook, 0x0809, 2);  // BOF
    PutLe(workbook, 16, 2);
    workbook += std::string(16, '\0');
    PutLe(workbook, 0x002F, 2);  // FILEPASS
    PutLe(workbook, 6, 2);
    workbook += std::string(6, '\x01');
    workbook.resize(4096, '\0');
    CfbWriter cfb;
    cfb.AddStream("Workbook", workbook);
    FakeReadContext context;
    Status status = Read(cfb.Finish(), context, "x.xls");
    EXPECT_EQ(status.code(), StatusCode::kEncrypted);
    EXPECT_NE(status.message().find("FILEPASS"), std::string::npos);
  }
  {
    std::string user;
    PutLe(user, 0, 2);
    PutLe(user, 0x0FF6, 2);
    PutLe(user, 20, 4);
    PutLe(user, 20, 4);
    PutLe(user, 0xF3D1C4DF, 4);  // the encrypted document's token
    user.resize(64, '\0');
    CfbWriter cfb;
    cfb.AddStream("PowerPoint Document", std::string(4096, '\0'));
    cfb.AddStream("Current User", user);
    FakeReadContext context;
    EXPECT_EQ(Read(cfb.Finish(), context, "x.ppt").code(), StatusCode::kEncrypted);
  }
  {
    CfbWriter cfb;
    cfb.AddStream("EncryptionInfo", std::string(200, '\x04'));
    cfb.AddStream("EncryptedPackage", std::string(5000, '\x7f'));
    FakeReadContext context;
    Status status = Read(cfb.Finish(), context, "x.docx");
    EXPECT_EQ(status.code(), StatusCode::kEncrypted);
    EXPECT_EQ(context.document().mime_type, "application/x-ooxml-encrypted");
    EXPECT_NE(context.document().flags & model::kFlagEncrypted, 0u);
  }
  {
    CfbWriter cfb;
    cfb.AddStream("WordDocument", Fib(false));
    cfb.AddStream("\tDRMContent", std::string(5000, '\x7f'));
    FakeReadContext context;
    Status status = Read(cfb.Finish(), context);
    EXPECT_EQ(status.code(), StatusCode::kEncrypted);
    EXPECT_NE(status.message().find("rights-managed"), std::string::npos);
  }
}

TEST(LegacyOfficeReaderTest, PackagesUnknownStoragesAndOldBiff) {
  // An OLE Packager object wraps a file: type 2, label, path, flags, temp path, data.
  std::string data = "Budget notes, fictional.\n";
  std::string native;
  PutLe(native, 2, 2);
  native += std::string("notes.txt") + '\0' + "C:\\tmp\\notes.txt" + '\0';
  PutLe(native, 0, 2);
  PutLe(native, 3, 2);
  std::string temp = "C:\\temp\\notes.txt";
  PutLe(native, temp.size() + 1, 4);
  native += temp + '\0';
  PutLe(native, data.size(), 4);
  native += data;
  std::string stream;
  PutLe(stream, native.size(), 4);
  stream += native;
  CfbWriter package;
  package.AddStream("\001Ole10Native", stream);
  FakeReadContext context;
  ASSERT_TRUE(Read(package.Finish(), context, "oleObject1.bin").ok());
  ASSERT_EQ(context.children.size(), 1u);
  EXPECT_EQ(context.children[0].name, "notes.txt");
  EXPECT_EQ(context.children[0].bytes, data);

  CfbWriter unknown;
  unknown.AddStream("VisioDocument", std::string(700, '\0'));
  FakeReadContext unknown_context;
  Status status = Read(unknown.Finish(), unknown_context, "x.vsd");
  EXPECT_EQ(status.code(), StatusCode::kUnsupportedFormat);
  EXPECT_NE(status.message().find("VisioDocument"), std::string::npos);

  std::string biff4("\x09\x04\x06\x00\x00\x00\x10\x00", 8);
  FakeReadContext old;
  status = Read(biff4 + std::string(100, '\0'), old, "x.xls");
  EXPECT_EQ(status.code(), StatusCode::kUnsupportedFormat);
  EXPECT_NE(status.message().find("BIFF"), std::string::npos);
}

TEST(LegacyOfficeReaderTest, OutlookMessageInACompoundFileGoesToTheMsgReader) {
  std::string msg = testing::MakeMsg({testing::Unicode(0x0037, "Routed subject")}, {}, {});
  FakeReadContext context;
  ASSERT_TRUE(Read(msg, context, "x.bin").ok());
  EXPECT_EQ(context.document().meta.subject, "Routed subject");
}

TEST(LegacyOfficeReaderTest, TikaSamples) {
  fs::path dir = testing::TikaFiles();
  if (dir.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  auto read = [&](const fs::path& path, FakeReadContext& context) {
    Result<std::string> bytes = ReadFile(path);
    EXPECT_TRUE(bytes.ok()) << path;
    return Read(*bytes, context, path.filename().c_str());
  };
  {
    FakeReadContext c;
    ASSERT_TRUE(read(dir / "microsoft/testWORD.doc", c).ok());
    EXPECT_NE(c.document().text.find("This is a sample Microsoft Word Document."),
              std::string::npos);
    EXPECT_EQ(c.document().meta.title, "Sample Word Document");
    EXPECT_EQ(c.document().meta.author, "Keith Bennett");
    EXPECT_EQ(c.document().meta.last_author, "Nick Burch");
  }
  {
    FakeReadContext c;
    ASSERT_TRUE(read(dir / "microsoft/testEXCEL.xls", c).ok());
    EXPECT_NE(c.document().text.find("Sample Excel Worksheet - Numbers and their Squares"),
              std::string::npos);
    EXPECT_NE(c.document().text.find("\t15\t225"), std::string::npos) << c.document().text;
    EXPECT_EQ(c.document().meta.title, "Simple Excel document");
  }
  {
    FakeReadContext c;
    ASSERT_TRUE(read(dir / "microsoft/testPPT.ppt", c).ok());
    EXPECT_NE(c.document().text.find("Sample Powerpoint Slide"), std::string::npos);
    EXPECT_EQ(c.document().meta.author, "Keith Bennett");
  }
  {
    // Saved by PowerPoint 2007+: catppt finds only the theme's name here; the records hold it all.
    FakeReadContext c;
    ASSERT_TRUE(read(dir / "microsoft/testPPT_various.ppt", c).ok());
    const std::string& text = c.document().text;
    EXPECT_TRUE(text.starts_with("Slide 1\n")) << text;
    for (const char* phrase : {"Here is a text box", "Number bullet 3",
                               "\u30be\u30eb\u30b2\u3068\u5c3e\u5d0e", "[1] This is a footnote."}) {
      EXPECT_NE(text.find(phrase), std::string::npos) << phrase << " in " << text;
    }
    FakeReadContext footer;
    ASSERT_TRUE(read(dir / "microsoft/testPPT_masterFooter.ppt", footer).ok());
    EXPECT_NE(footer.document().text.find("Master footer is here"), std::string::npos);
  }
  {
    // Stream names in lower case: rewritten for catdoc, which wants them exact.
    FakeReadContext c;
    ASSERT_TRUE(read(dir / "microsoft/casing/simple_lower_case.doc", c).ok());
    EXPECT_NE(c.document().text.find("This is a sample Word document"), std::string::npos);
  }
  {
    // Word with an embedded PDF: the object is a compound file whose CONTENTS is the PDF.
    FakeReadContext c;
    ASSERT_TRUE(read(dir / "microsoft/testWORD_embedded_pdf.doc", c).ok());
    ASSERT_EQ(c.children.size(), 1u);
    EXPECT_TRUE(ole::HasSignature(c.children[0].bytes));
  }

  // Every password-protected or encrypted Office sample is an Encrypted exception, flagged.
  const std::set<std::string> encrypted = {
      "microsoft/protect.xlsx",
      "microsoft/testEXCEL_protected_passtika.xls",
      "microsoft/testEXCEL_protected_passtika.xlsx",
      "microsoft/testEXCEL_protected_passtika_2.xlsx",
      "microsoft/testPPT_protected_passtika.ppt",
      "microsoft/testPPT_protected_passtika.pptx",
      "microsoft/testWORD_protected_drm.doc",
      "microsoft/testWORD_protected_passtika.doc",
      "microsoft/testWORD_protected_passtika.docx",
      "microsoft/casing/protected_normal_case.docx",
      "microsoft/casing/protected_upper_case.docx",
      "miscoffice/testODTEncrypted.odt",
      "server-standard/password.xls",
  };
  ExtractorOptions options;
  options.temp_dir = fs::temp_directory_path();
  Extractor extractor(options);
  for (const std::string& file : encrypted) {
    Result<std::string> bytes = ReadFile(dir / file);
    ASSERT_TRUE(bytes.ok()) << file;
    std::vector<ExtractedItem> items;
    ASSERT_TRUE(extractor
                    .ExtractMemory(
                        *bytes, fs::path(file).filename().string(),
                        [&](ExtractedItem item) {
                          items.push_back(std::move(item));
                          return Status::Ok();
                        },
                        [](uint32_t, const Status&, const std::string&) { return Status::Ok(); })
                    .ok());
    ASSERT_FALSE(items.empty()) << file;
    EXPECT_EQ(items[0].status, model::ItemStatus::kException) << file;
    EXPECT_EQ(items[0].exception.code(), StatusCode::kEncrypted)
        << file << ": " << items[0].exception.ToString();
    EXPECT_NE(items[0].flags & model::kFlagEncrypted, 0u) << file;
  }
  // Sheet protection is not encryption: protectedSheets.xlsx reads.
  Result<std::string> sheets = ReadFile(dir / "microsoft/protectedSheets.xlsx");
  std::vector<ExtractedItem> items;
  ASSERT_TRUE(extractor
                  .ExtractMemory(
                      *sheets, "protectedSheets.xlsx",
                      [&](ExtractedItem item) {
                        items.push_back(std::move(item));
                        return Status::Ok();
                      },
                      [](uint32_t, const Status&, const std::string&) { return Status::Ok(); })
                  .ok());
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].status, model::ItemStatus::kProcessed);

  // Every other .doc, .xls and .ppt reads without an exception (Excel 4 is reported as such).
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "microsoft")) {
    std::string ext = entry.path().extension().string();
    std::string name = entry.path().filename().string();
    if ((ext != ".doc" && ext != ".xls" && ext != ".ppt") ||
        encrypted.count("microsoft/" + name) > 0) {
      continue;
    }
    Result<std::string> bytes = ReadFile(entry.path());
    if (!bytes.ok() || !ole::HasSignature(*bytes)) continue;  // WordML, BIFF4: not OLE
    ++files;
    FakeReadContext c;
    Status status = read(entry.path(), c);
    EXPECT_TRUE(status.ok()) << name << ": " << status.ToString();
  }
  EXPECT_GT(files, 60);
}

}  // namespace
}  // namespace bates::ingest
