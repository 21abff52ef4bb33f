// A production of redacted documents: redacted text, pages rasterised with their boxes burnt in,
// no native, REDACTED=Y; an unredacted document beside them is produced as usual.
#include <gtest/gtest.h>
#include <poppler.h>

#include <cstdlib>

#include "core/file.h"
#include "produce/imaging/text_pdf.h"
#include "produce/loadfile/dat.h"
#include "produce/volume.h"

namespace bates::produce {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSecret = "123-45-6789";

// 1: an email with nothing redacted; 2: a PDF with a box on page 1; 3: a spreadsheet with a text
// redaction; 4: a text file whose secret is cut from its text (and its subject); 5: a PDF whose
// secret is cut from its text, boxed where its page shows it; 6: the same, but the text holds the
// secret twice and the page once, so the page cannot be trusted and the text is imaged instead.
class RedactedSource : public ContentSource {
 public:
  RedactedSource() {
    pdf_ = imaging::RenderTextPdf({{}, std::string("Case file ") + kSecret + "\n", {}}).value();
  }
  Result<DocumentInput> Document(model::ItemId id) override {
    DocumentInput d;
    d.id = id;
    d.family_id = id;
    d.kind = id == 1 ? model::ItemKind::kEmail : model::ItemKind::kFile;
    d.has_native = id != 1;
    d.file_name = id == 2 ? "file.pdf" : id == 3 ? "log.xlsx" : "note.txt";
    d.mime_type = id == 2   ? "application/pdf"
                  : id == 3 ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            : "text/plain";
    d.subject = id == 4 ? "[REDACTED: SSN]" : "Plain";
    if (id >= 5) d.mime_type = "application/pdf";
    d.redacted = id != 1;
    d.text_redacted = id >= 3;
    if (id >= 5) d.text_spans.push_back({kSecret, "SSN", id == 5 ? 1 : 2});
    if (id == 2) d.page_boxes[1].push_back({54, 54, 200, 20, "Box reason"});
    return d;
  }
  Result<std::string> Native(model::ItemId id) override {
    return id == 2 || id >= 5 ? pdf_ : std::string("native ") + kSecret;
  }
  Result<std::string> Text(model::ItemId id) override {
    return id == 1 ? std::string("plain text of the email\n") : "Case file [REDACTED: SSN]\n";
  }

 private:
  std::string pdf_;
};

fs::path Scratch(const std::string& name) {
  const char* base = std::getenv("BATES_TEST_TMP");
  fs::path dir = fs::path(base ? base : fs::temp_directory_path().string()) /
                 ("produce-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

VolumeRequest Request(const fs::path& dir, ImageFormat format) {
  VolumeRequest r;
  r.dir = dir / "VOL001";
  r.volume = "VOL001";
  r.bates = {"RED", 6};
  r.start = 1;
  r.spec.image_format = format;
  r.order = {1, 2, 3, 4, 5, 6};
  return r;
}

// The page's text as poppler extracts it, and its pixel at (x, y) points: 0 black .. 255 white.
struct PageProbe {
  std::string text;
  std::vector<int> pixels;  // at 72 dpi, grey
  int width = 0;
  int At(int x, int y) const { return pixels[static_cast<size_t>(y * width + x)]; }
};

PageProbe Probe(const fs::path& pdf_path) {
  std::string bytes = ReadFile(pdf_path).value();
  GBytes* gbytes = g_bytes_new_static(bytes.data(), bytes.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(gbytes, nullptr, nullptr);
  g_bytes_unref(gbytes);
  PageProbe probe;
  if (!doc) return probe;
  PopplerPage* page = poppler_document_get_page(doc, 0);
  char* text = poppler_page_get_text(page);
  probe.text = text ? text : "";
  g_free(text);
  double w = 0, h = 0;
  poppler_page_get_size(page, &w, &h);
  probe.width = static_cast<int>(w);
  cairo_surface_t* s =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, probe.width, static_cast<int>(h));
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  poppler_page_render(page, cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < static_cast<int>(h); ++y) {
    for (int x = 0; x < probe.width; ++x) {
      const unsigned char* px = data + y * stride + x * 4;
      probe.pixels.push_back((px[0] + px[1] + px[2]) / 3);
    }
  }
  cairo_surface_destroy(s);
  g_object_unref(page);
  g_object_unref(doc);
  return probe;
}

TEST(RedactedVolume, RedactedDocumentsGoOutAsImagesAndRedactedText) {
  fs::path dir = Scratch("redacted");
  RedactedSource source;
  VolumeRequest r = Request(dir, ImageFormat::kPdf);
  auto v = WriteVolume(r, source);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  ASSERT_EQ(v->docs.size(), 6u);
  EXPECT_FALSE(v->docs[0].redacted);
  EXPECT_EQ(v->docs[1].how, "stamped");   // boxes only: its own pages, rasterised
  EXPECT_EQ(v->docs[2].how, "rendered");  // a spreadsheet with redactions is not produced native
  EXPECT_EQ(v->docs[4].how, "stamped");   // its own page, the secret boxed
  EXPECT_EQ(v->docs[5].how, "rendered");
  EXPECT_NE(v->docs[5].note.find("redacted text"), std::string::npos);
  for (size_t i = 1; i < 6; ++i) {
    EXPECT_TRUE(v->docs[i].redacted);
    EXPECT_TRUE(v->docs[i].native_path.empty());
  }
  EXPECT_FALSE(fs::exists(r.dir / "NATIVES"));

  auto dat = loadfile::ReadDat(ReadFile(r.dir / "DATA/VOL001.dat").value());
  ASSERT_TRUE(dat.ok()) << dat.status().ToString();
  auto cell = [&](size_t row, const char* f) {
    return dat->rows[row][static_cast<size_t>(dat->Column(f))];
  };
  EXPECT_EQ(cell(0, "REDACTED"), "N");
  for (size_t row = 1; row < 6; ++row) {
    EXPECT_EQ(cell(row, "REDACTED"), "Y");
    EXPECT_EQ(cell(row, "NATIVEPATH"), "");
  }
  EXPECT_EQ(ReadFile(r.dir / "TEXT/0001/RED000003.txt").value(), "Case file [REDACTED: SSN]\n");
  // A page box takes what it covers out of the text as well.
  std::string boxed_text = ReadFile(r.dir / "TEXT/0001/RED000002.txt").value();
  EXPECT_NE(boxed_text.find("[REDACTED: Box reason]"), std::string::npos) << boxed_text;
  EXPECT_EQ(boxed_text.find(kSecret), std::string::npos) << boxed_text;
  EXPECT_EQ(boxed_text.find("Case file"), std::string::npos) << boxed_text;

  // The unredacted email keeps its text layer; every redacted page has none.
  EXPECT_NE(Probe(r.dir / "IMAGES/0001/RED000001.pdf").text.find("plain text"), std::string::npos);
  for (const char* page : {"RED000002", "RED000003", "RED000004", "RED000005", "RED000006"}) {
    PageProbe p = Probe(r.dir / "IMAGES/0001" / (std::string(page) + ".pdf"));
    EXPECT_EQ(p.text, "") << page;
  }
  // The box is burnt into the PDF's page: black at its corner, its white label inside.
  PageProbe boxed = Probe(r.dir / "IMAGES/0001/RED000002.pdf");
  EXPECT_LT(boxed.At(56, 56), 60);
  EXPECT_LT(boxed.At(250, 72), 60);
  int white = 0;
  for (int y = 56; y < 72; ++y) {
    for (int x = 56; x < 150; ++x) white += boxed.At(x, y) > 200;
  }
  EXPECT_GT(white, 20);
  EXPECT_GT(boxed.At(400, 300), 200);  // outside the box the page is still white
  // The PDF's own page with the secret boxed where it stood ("Case file " is 10 characters in).
  PageProbe located = Probe(r.dir / "IMAGES/0001/RED000005.pdf");
  int black = 0;
  for (int x = 112; x < 170; ++x) black += located.At(x, 58) < 60;
  EXPECT_GT(black, 30);
  EXPECT_GT(located.At(70, 100), 200);
  fs::remove_all(dir);
}

TEST(RedactedVolume, TiffVolumesBurnBoxesToo) {
  fs::path dir = Scratch("redacted-tiff");
  RedactedSource source;
  VolumeRequest r = Request(dir, ImageFormat::kTiff);
  auto v = WriteVolume(r, source);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(fs::exists(r.dir / "IMAGES/0001/RED000002.tif"));
  EXPECT_TRUE(v->docs[1].redacted);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace bates::produce
