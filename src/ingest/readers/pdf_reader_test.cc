#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/subprocess.h"
#include "core/time.h"
#include "ingest/reader.h"
#include "ingest/testing/fake_read_context.h"
#include "model/item.h"

namespace bates::ingest {
namespace {

namespace fs = std::filesystem;
using testing::FakeReadContext;

const Reader& PdfReader() {
  const Reader* reader = ReaderRegistry::Global().ByName("pdf");
  EXPECT_NE(reader, nullptr);
  return *reader;
}

// A small PDF written object by object, with a correct cross-reference table.
class PdfWriter {
 public:
  int Add(std::string body) {
    objects_.push_back(std::move(body));
    return static_cast<int>(objects_.size());
  }
  int AddStream(const std::string& dictionary, const std::string& data) {
    return Add(
        fmt::format("<< {} /Length {} >>\nstream\n{}\nendstream", dictionary, data.size(), data));
  }
  void Set(int number, std::string body) {
    objects_[static_cast<size_t>(number - 1)] = std::move(body);
  }
  std::string Finish(int root, int info) const {
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects_.size(); ++i) {
      offsets.push_back(out.size());
      out += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects_[i]);
    }
    size_t xref = out.size();
    out += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects_.size() + 1);
    for (size_t offset : offsets) out += fmt::format("{:010} 00000 n \n", offset);
    out += fmt::format("trailer\n<< /Size {} /Root {} 0 R /Info {} 0 R >>\nstartxref\n{}\n%%EOF\n",
                       objects_.size() + 1, root, info, xref);
    return out;
  }

 private:
  std::vector<std::string> objects_;
};

// Pages with one line of text each (an empty string: a page with only a drawn box), metadata,
// and embedded files.
std::string MakePdf(const std::vector<std::string>& pages,
                    const std::map<std::string, std::string>& info,
                    const std::vector<std::pair<std::string, std::string>>& attachments = {}) {
  PdfWriter pdf;
  int catalog = pdf.Add("");
  int pages_obj = pdf.Add("");
  int font = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  std::string kids;
  for (const std::string& text : pages) {
    std::string content = text.empty() ? "0 0 1 rg 100 100 200 200 re f"
                                       : fmt::format("BT /F1 12 Tf 72 720 Td ({}) Tj ET", text);
    int stream = pdf.AddStream("", content);
    int page = pdf.Add(
        fmt::format("<< /Type /Page /Parent {} 0 R /MediaBox [0 0 612 792] /Contents {} 0 R "
                    "/Resources << /Font << /F1 {} 0 R >> >> >>",
                    pages_obj, stream, font));
    kids += fmt::format("{} 0 R ", page);
  }
  pdf.Set(pages_obj, fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, pages.size()));
  std::string names;
  for (const auto& [name, data] : attachments) {
    int file = pdf.AddStream(
        fmt::format("/Type /EmbeddedFile /Params << /Size {} /ModDate (D:20200102030405Z) >>",
                    data.size()),
        data);
    int spec = pdf.Add(fmt::format(
        "<< /Type /Filespec /F ({0}) /UF ({0}) /Desc (attached {0}) /EF << /F {1} 0 R >> >>", name,
        file));
    names += fmt::format("({}) {} 0 R ", name, spec);
  }
  std::string catalog_body = fmt::format("<< /Type /Catalog /Pages {} 0 R", pages_obj);
  if (!names.empty()) {
    catalog_body += fmt::format(" /Names << /EmbeddedFiles << /Names [{}] >> >>", names);
  }
  pdf.Set(catalog, catalog_body + " >>");
  std::string info_body = "<<";
  for (const auto& [key, value] : info) info_body += fmt::format(" /{} ({})", key, value);
  int info_obj = pdf.Add(info_body + " >>");
  return pdf.Finish(catalog, info_obj);
}

// A page as a scanner makes it: a picture of typed lines (leptonica's bitmap font, 300 dpi,
// JPEG-compressed), optionally under a line of real text such as a Bates stamp.
struct ScannedPage {
  std::vector<std::string> picture_lines;  // empty: a page with a text layer only
  std::string layer_text;
};

std::string PictureJpeg(const std::vector<std::string>& lines, int* width, int* height) {
  L_BMF* font = bmfCreate(nullptr, 14);
  *width = 2400;
  *height = 200 + 110 * static_cast<int>(lines.size());
  Pix* pix = pixCreate(*width, *height, 8);
  pixSetAll(pix);
  int y = 150;
  for (const std::string& line : lines) {
    pixSetTextline(pix, font, line.c_str(), 0, 150, y, nullptr, nullptr);
    y += 110;
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMem(&data, &size, pix, IFF_JFIF_JPEG), 0);
  std::string jpeg(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  pixDestroy(&pix);
  bmfDestroy(&font);
  return jpeg;
}

std::string MakeScannedPdf(const std::vector<ScannedPage>& pages) {
  PdfWriter pdf;
  int catalog = pdf.Add("");
  int pages_obj = pdf.Add("");
  int font = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  std::string kids;
  for (const ScannedPage& page : pages) {
    std::string content;
    std::string resources = fmt::format("/Font << /F1 {} 0 R >>", font);
    if (!page.picture_lines.empty()) {
      int width = 0;
      int height = 0;
      std::string jpeg = PictureJpeg(page.picture_lines, &width, &height);
      int image = pdf.AddStream(
          fmt::format("/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceGray "
                      "/BitsPerComponent 8 /Filter /DCTDecode",
                      width, height),
          jpeg);
      resources += fmt::format(" /XObject << /Im1 {} 0 R >>", image);
      // The picture across the top of the page at 300 dpi (width/300*72 points).
      double w = width * 72.0 / 300;
      double h = height * 72.0 / 300;
      content += fmt::format("q {} 0 0 {} 18 {} cm /Im1 Do Q\n", w, h, 780 - h);
    }
    if (!page.layer_text.empty()) {
      content += fmt::format("BT /F1 9 Tf 400 20 Td ({}) Tj ET", page.layer_text);
    }
    int stream = pdf.AddStream("", content);
    int page_obj = pdf.Add(
        fmt::format("<< /Type /Page /Parent {} 0 R /MediaBox [0 0 612 792] /Contents {} 0 R "
                    "/Resources << {} >> >>",
                    pages_obj, stream, resources));
    kids += fmt::format("{} 0 R ", page_obj);
  }
  pdf.Set(pages_obj, fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, pages.size()));
  pdf.Set(catalog, fmt::format("<< /Type /Catalog /Pages {} 0 R >>", pages_obj));
  int info = pdf.Add("<< /Title (Scanned, fictional) >>");
  return pdf.Finish(catalog, info);
}

std::string ExtraValue(const model::Metadata& meta, std::string_view key) {
  for (const auto& [k, v] : meta.extra) {
    if (k == key) return v;
  }
  return {};
}

Status ReadMemory(std::string_view bytes, FakeReadContext& context) {
  return PdfReader().Read(Input::FromMemory(bytes, "test.pdf"), context);
}

TEST(PdfReaderTest, IsIsolatedPoppler) {
  EXPECT_TRUE(PdfReader().isolated());
  EXPECT_FALSE(PdfReader().is_container());
  EXPECT_EQ(PdfReader().tool(), "poppler");
  EXPECT_EQ(ReaderRegistry::Global().ForMimeType("application/pdf"), &PdfReader());
}

TEST(PdfReaderTest, TextOfEveryPageAndMetadata) {
  std::string pdf = MakePdf({"Evidence must be logged", "Storage and release"},
                            {{"Title", "General Order 7"},
                             {"Author", "Chief Ramos"},
                             {"Subject", "Evidence"},
                             {"Keywords", "custody; evidence"},
                             {"Creator", "Writer"},
                             {"Producer", "bates test"},
                             {"CreationDate", "D:20180124101500-05'00'"},
                             {"ModDate", "D:20190305120000"}});
  FakeReadContext context;
  Status status = ReadMemory(pdf, context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_TRUE(context.has_document());
  const Extracted& doc = context.document();
  // Pages in order, separated by a form feed.
  size_t first = doc.text.find("Evidence must be logged");
  size_t feed = doc.text.find('\f');
  size_t second = doc.text.find("Storage and release");
  ASSERT_NE(first, std::string::npos) << doc.text;
  ASSERT_NE(feed, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, feed);
  EXPECT_LT(feed, second);
  EXPECT_EQ(std::count(doc.text.begin(), doc.text.end(), '\f'), 1);
  EXPECT_EQ(doc.flags & model::kFlagNoText, 0u);

  EXPECT_EQ(doc.meta.title, "General Order 7");
  EXPECT_EQ(doc.meta.author, "Chief Ramos");
  EXPECT_EQ(ExtraValue(doc.meta, "subject"), "Evidence");
  EXPECT_EQ(ExtraValue(doc.meta, "keywords"), "custody; evidence");
  EXPECT_EQ(ExtraValue(doc.meta, "creator"), "Writer");
  EXPECT_EQ(ExtraValue(doc.meta, "producer"), "bates test");
  EXPECT_EQ(ExtraValue(doc.meta, "page_count"), "2");
  // The offset the PDF was written with is kept; a date with no zone is floating.
  ASSERT_TRUE(doc.meta.created.has_value());
  EXPECT_EQ(FormatIso8601(*doc.meta.created), "2018-01-24T10:15:00-05:00");
  EXPECT_FALSE(doc.meta.created->floating);
  ASSERT_TRUE(doc.meta.modified.has_value());
  EXPECT_TRUE(doc.meta.modified->floating);
  EXPECT_EQ(FormatIso8601(*doc.meta.modified), "2019-03-05T12:00:00");
  EXPECT_TRUE(context.children.empty());
}

TEST(PdfReaderTest, EmbeddedFilesAreChildren) {
  std::string pdf = MakePdf({"Cover letter"}, {{"Title", "Letter"}},
                            {{"notes.txt", "Meeting notes, fictional."}, {"data.csv", "a,b\n1,2"}});
  FakeReadContext context;
  ASSERT_TRUE(ReadMemory(pdf, context).ok());
  ASSERT_EQ(context.children.size(), 2u);
  std::map<std::string, const Child*> by_name;
  for (const Child& child : context.children) by_name[child.name] = &child;
  ASSERT_TRUE(by_name.count("notes.txt"));
  ASSERT_TRUE(by_name.count("data.csv"));
  EXPECT_EQ(by_name["notes.txt"]->bytes, "Meeting notes, fictional.");
  EXPECT_EQ(by_name["data.csv"]->bytes, "a,b\n1,2");
  EXPECT_TRUE(by_name["notes.txt"]->failure.ok());
  EXPECT_EQ(ExtraValue(by_name["notes.txt"]->meta, "description"), "attached notes.txt");
  ASSERT_TRUE(by_name["notes.txt"]->meta.modified.has_value());
  EXPECT_EQ(FormatIso8601Utc(by_name["notes.txt"]->meta.modified->utc_seconds),
            "2020-01-02T03:04:05Z");
}

TEST(PdfReaderTest, PagesWithoutTextAreFlagged) {
  std::string pdf = MakePdf({"", ""}, {{"Title", "Scan"}});
  FakeReadContext context;
  ASSERT_TRUE(ReadMemory(pdf, context).ok());
  EXPECT_NE(context.document().flags & model::kFlagNoText, 0u);
  EXPECT_EQ(ExtraValue(context.document().meta, "page_count"), "2");
}

TEST(PdfReaderTest, ScannedPageIsRecognisedByOcr) {
  std::string pdf =
      MakeScannedPdf({{{"Property room inventory", "Seized items are logged daily"}, ""}});
  FakeReadContext context;
  Status status = ReadMemory(pdf, context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  const Extracted& doc = context.document();
  for (const char* word : {"Property", "inventory", "Seized", "logged", "daily"}) {
    EXPECT_NE(doc.text.find(word), std::string::npos) << word << " in: " << doc.text;
  }
  EXPECT_NE(doc.flags & model::kFlagOcr, 0u);
  EXPECT_EQ(doc.flags & model::kFlagNoText, 0u);
  EXPECT_EQ(ExtraValue(doc.meta, "ocr_pages"), "1");
  EXPECT_FALSE(ExtraValue(doc.meta, "ocr_confidence").empty());
}

TEST(PdfReaderTest, OnlyPagesWithoutTextAreOcred) {
  std::string pdf = MakeScannedPdf({
      {{}, "Typed cover page with a real text layer for the general order"},
      {{"Handwritten annex scanned later"}, ""},
      {{}, "Closing page typed with a text layer of its own, long enough"},
  });
  FakeReadContext context;
  ASSERT_TRUE(ReadMemory(pdf, context).ok());
  const std::string& text = context.document().text;
  EXPECT_EQ(ExtraValue(context.document().meta, "ocr_pages"), "1");
  // Each page's text stays in its place between the form feeds.
  size_t first_feed = text.find('\f');
  size_t second_feed = text.find('\f', first_feed + 1);
  ASSERT_NE(second_feed, std::string::npos) << text;
  EXPECT_NE(text.substr(0, first_feed).find("Typed cover page"), std::string::npos) << text;
  EXPECT_NE(text.substr(first_feed, second_feed - first_feed).find("annex"), std::string::npos)
      << text;
  EXPECT_NE(text.substr(second_feed).find("Closing page"), std::string::npos) << text;
  EXPECT_NE(context.document().flags & model::kFlagOcr, 0u);
}

TEST(PdfReaderTest, ScanUnderABatesStampIsStillOcred) {
  // The text layer holds only the stamp; the words are in the picture.
  std::string pdf = MakeScannedPdf({{{"Officer statement regarding the vehicle"}, "CITY 000123"}});
  FakeReadContext context;
  ASSERT_TRUE(ReadMemory(pdf, context).ok());
  const std::string& text = context.document().text;
  EXPECT_NE(text.find("statement"), std::string::npos) << text;
  EXPECT_NE(text.find("vehicle"), std::string::npos) << text;
  EXPECT_NE(context.document().flags & model::kFlagOcr, 0u);
}

TEST(PdfReaderTest, FromFile) {
  fs::path file = fs::path(BATES_TESTDATA_DIR) / "pdf/sample.pdf";
  FakeReadContext context;
  Status status =
      PdfReader().Read(Input::FromFile(file, fs::file_size(file), "sample.pdf"), context);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_NE(context.document().text.find("Evidence must be logged on receipt."), std::string::npos);
  EXPECT_EQ(context.children.size(), 1u);
}

TEST(PdfReaderTest, PasswordProtectedIsEncrypted) {
  fs::path file = fs::path(BATES_TESTDATA_DIR) / "pdf/encrypted.pdf";
  FakeReadContext context;
  Status status =
      PdfReader().Read(Input::FromFile(file, fs::file_size(file), "encrypted.pdf"), context);
  EXPECT_EQ(status.code(), StatusCode::kEncrypted) << status.ToString();
  EXPECT_EQ(status.message(), "PDF is password-protected");
  EXPECT_FALSE(context.has_document());

  Result<std::string> bytes = ReadFile(file);
  ASSERT_TRUE(bytes.ok());
  FakeReadContext memory_context;
  EXPECT_EQ(ReadMemory(*bytes, memory_context).code(), StatusCode::kEncrypted);
}

TEST(PdfReaderTest, DamagedPdfIsCorrupt) {
  std::string garbage = "%PDF-1.7\n";
  for (int i = 0; i < 20000; ++i) garbage.push_back(static_cast<char>((i * 2654435761u) >> 13));
  FakeReadContext context;
  Status status = ReadMemory(garbage, context);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt) << status.ToString();
  EXPECT_FALSE(status.message().empty());

  FakeReadContext empty_context;
  EXPECT_EQ(ReadMemory("", empty_context).code(), StatusCode::kCorrupt);
}

TEST(PdfReaderTest, TruncatedPdfStillReadsOrFailsCleanly) {
  std::string pdf = MakePdf({"First page survives", "Second"}, {{"Title", "Cut"}});
  for (size_t cut : {pdf.size() / 4, pdf.size() / 2, pdf.size() - 40}) {
    FakeReadContext context;
    Status status = ReadMemory(std::string_view(pdf).substr(0, cut), context);
    EXPECT_TRUE(status.ok() || status.code() == StatusCode::kCorrupt) << status.ToString();
  }
}

fs::path Corpus(std::string_view sub) {
  const char* corpora = std::getenv("BATES_CORPORA");  // NOLINT(concurrency-mt-unsafe)
  if (corpora == nullptr) return {};
  fs::path dir = fs::path(corpora) / sub;
  return fs::exists(dir) ? dir : fs::path();
}

TEST(PdfReaderTest, IllinoisGeneralOrders) {
  fs::path dir = Corpus("il-police-general-orders/Illinois");
  if (dir.empty()) GTEST_SKIP() << "corpus il-police-general-orders absent (set BATES_CORPORA)";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".pdf") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 20u);
  files.resize(20);
  int with_text = 0;
  for (const fs::path& file : files) {
    FakeReadContext context;
    Status status = PdfReader().Read(
        Input::FromFile(file, fs::file_size(file), file.filename().string()), context);
    ASSERT_TRUE(status.ok()) << file << ": " << status.ToString();
    const Extracted& doc = context.document();
    const bool no_text = (doc.flags & model::kFlagNoText) != 0;
    // A text layer means text; no text at all means the flag (a scan waiting for OCR).
    EXPECT_NE(no_text, doc.text.find_first_not_of(" \t\r\n\f") != std::string::npos) << file;
    EXPECT_NE(ExtraValue(doc.meta, "page_count"), "") << file;
    with_text += no_text ? 0 : 1;
  }
  EXPECT_GE(with_text, 15) << "most general orders have a text layer";
}

TEST(PdfReaderTest, IllinoisScannedFormsAreOcred) {
  fs::path dir = Corpus("il-police-general-orders/Illinois/Hanover Park");
  if (dir.empty()) GTEST_SKIP() << "corpus il-police-general-orders absent (set BATES_CORPORA)";
  struct Case {
    const char* file;
    std::vector<const char*> words;  // what `pdftoppm | tesseract` reads on the scans
  };
  // pdftotext finds only a header line on these pages; the forms themselves are scanned.
  for (const Case& c : std::vector<Case>{
           {"D429i Appendix B Miranda Form Juvenile.pdf",
            {"NOTICE OF RIGHTS", "remain silent", "lawyer", "DERECHOS", "abogado"}},
           {"D105a Appendix A Data Collection Sticker.pdf", {"Traffic Stop", "Reason for Stop"}},
       }) {
    fs::path file = dir / c.file;
    ASSERT_TRUE(fs::exists(file)) << file;
    FakeReadContext context;
    Status status = PdfReader().Read(Input::FromFile(file, fs::file_size(file), c.file), context);
    ASSERT_TRUE(status.ok()) << c.file << ": " << status.ToString();
    const Extracted& doc = context.document();
    EXPECT_NE(doc.flags & model::kFlagOcr, 0u) << c.file;
    for (const char* word : c.words) {
      EXPECT_NE(doc.text.find(word), std::string::npos)
          << c.file << ": " << word << " in " << doc.text;
    }
  }
}

TEST(PdfReaderTest, IllinoisPageWherePdftotextFindsNothingIsOcred) {
  // Page 716 of La Grange's 762-page manual is a scanned award form: pdftotext prints nothing
  // for it. qpdf copies the page out, so the test does not read the whole manual.
  fs::path manual = Corpus("il-police-general-orders/Illinois/La Grange");
  if (manual.empty()) GTEST_SKIP() << "corpus il-police-general-orders absent (set BATES_CORPORA)";
  manual /= "Lagrange_9.30.2020.pdf";
  const char* tmp = std::getenv("BATES_TEST_TMP");  // NOLINT(concurrency-mt-unsafe)
  fs::path dir = tmp != nullptr ? fs::path(tmp) : fs::temp_directory_path();
  fs::create_directories(dir);
  fs::path page = dir / fmt::format("lagrange-716-{}.pdf", ::getpid());
  const fs::path qpdf_program = "/usr/bin/qpdf";  // Debian's package qpdf (install-deps.sh)
  if (!fs::exists(qpdf_program)) GTEST_SKIP() << "qpdf not installed";
  Result<Subprocess> qpdf = Subprocess::Start(
      {qpdf_program.string(), "--empty", "--pages", manual.string(), "716", "--", page.string()},
      {});
  ASSERT_TRUE(qpdf.ok()) << qpdf.status().ToString();
  ExitInfo exit = qpdf->Wait();
  // qpdf exits 3 when it repaired something on the way (this manual's xref stream).
  ASSERT_TRUE(exit.exited && (exit.code == 0 || exit.code == 3)) << exit.Describe();
  FakeReadContext context;
  Status status = PdfReader().Read(Input::FromFile(page, fs::file_size(page), "p716.pdf"), context);
  std::error_code ignored;
  fs::remove(page, ignored);
  ASSERT_TRUE(status.ok()) << status.ToString();
  const Extracted& doc = context.document();
  EXPECT_NE(doc.flags & model::kFlagOcr, 0u);
  EXPECT_EQ(ExtraValue(doc.meta, "ocr_pages"), "1");
  for (const char* words : {"AWARDS REQUEST", "NOMINATION FORM", "recommend another employee"}) {
    EXPECT_NE(doc.text.find(words), std::string::npos) << words << " in: " << doc.text;
  }
}

TEST(PdfReaderTest, TikaEncryptedAndPermissionRestricted) {
  fs::path dir = Corpus("tika-test-documents/files/pdf");
  if (dir.empty()) GTEST_SKIP() << "corpus tika-test-documents absent (set BATES_CORPORA)";
  int seen = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    FakeReadContext context;
    auto read = [&] {
      return PdfReader().Read(Input::FromFile(e.path(), fs::file_size(e.path()), name), context);
    };
    if (name.find("ncrypted") != std::string::npos || name.ends_with("_owner_user.pdf")) {
      // A user password is needed to open these; we have none.
      ++seen;
      Status status = read();
      EXPECT_EQ(status.code(), StatusCode::kEncrypted) << name << ": " << status.ToString();
      EXPECT_FALSE(context.has_document()) << name;
    } else if (name.ends_with("_owner_empty.pdf")) {
      // Only an owner password, restricting permissions; the empty user password opens them.
      ++seen;
      Status status = read();
      ASSERT_TRUE(status.ok()) << name << ": " << status.ToString();
      EXPECT_FALSE(context.document().text.empty()) << name;
      EXPECT_EQ(ExtraValue(context.document().meta, "pdf_encryption"), "owner password only");
    }
  }
  if (seen == 0) GTEST_SKIP() << "no encrypted PDFs in the Tika corpus";
}

}  // namespace
}  // namespace bates::ingest
