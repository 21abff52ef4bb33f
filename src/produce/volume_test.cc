#include "produce/volume.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>

#include "core/file.h"
#include "produce/imaging/text_pdf.h"
#include "produce/manifest.h"
#include "produce/qc.h"

namespace bates::produce {
namespace {

namespace fs = std::filesystem;

// A family — an email (1) with a two-page PDF (2), a spreadsheet (3) and a privileged memo (4) —
// and a loose text file (5).
class FakeSource : public ContentSource {
 public:
  FakeSource() {
    std::string body;
    for (int i = 0; i < 120; ++i) body += "Line " + std::to_string(i) + " of the attached order.\n";
    pdf_ = imaging::RenderTextPdf({{}, body, {}}).value();
  }
  Result<DocumentInput> Document(model::ItemId id) override {
    DocumentInput d;
    d.id = id;
    d.family_id = id <= 4 ? 1 : id;
    if (id >= 2 && id <= 4) d.parent_id = 1;
    d.kind = id == 1   ? model::ItemKind::kEmail
             : id <= 4 ? model::ItemKind::kAttachment
                       : model::ItemKind::kFile;
    d.custodian = "Chief of Police";
    d.from = "chief@pd.city.example";
    d.subject = "Order on ICE detainers";
    d.sent = Timestamp{1516800000, 0, false};
    d.has_native = id != 1;
    d.file_name = id == 2 ? "order.pdf" : id == 3 ? "log.xlsx" : id == 4 ? "memo.txt" : "note.txt";
    d.mime_type = id == 2   ? "application/pdf"
                  : id == 3 ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            : "text/plain";
    if (id == 1) d.attachment_names = {"order.pdf", "log.xlsx", "memo.txt"};
    d.withheld = id == 4;
    d.withheld_reason = "attorney-client";
    d.confidentiality = "CONFIDENTIAL";
    return d;
  }
  Result<std::string> Native(model::ItemId id) override {
    return id == 2 ? pdf_ : "native bytes of " + std::to_string(id);
  }
  Result<std::string> Text(model::ItemId id) override {
    return "text of item " + std::to_string(id) + " \xE2\x80\x94 caf\xC3\xA9\n";
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

VolumeRequest Request(const fs::path& dir, ImageFormat format = ImageFormat::kPdf) {
  VolumeRequest r;
  r.dir = dir / "VOL001";
  r.volume = "VOL001";
  r.bates = {"CITY", 6};
  r.start = 7;
  r.spec.image_format = format;
  r.order = {1, 2, 3, 4, 5};
  return r;
}

QcRequest Qc(const VolumeRequest& r, const VolumeResult& v) {
  QcRequest q;
  q.dir = r.dir;
  q.volume = r.volume;
  q.bates = r.bates;
  q.first = v.first;
  q.last = v.last;
  return q;
}

TEST(WriteVolume, NumbersPagesWritesLoadFilesAndPassesQc) {
  fs::path dir = Scratch("volume");
  FakeSource source;
  VolumeRequest r = Request(dir);
  auto v = WriteVolume(r, source);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  ASSERT_EQ(v->docs.size(), 5u);
  EXPECT_EQ(v->docs[0].how, "rendered");
  EXPECT_EQ(v->docs[1].how, "stamped");
  EXPECT_EQ(v->docs[1].pages, 3);  // 120 lines at 58 a page
  EXPECT_EQ(v->docs[2].how, "native");
  EXPECT_EQ(v->docs[2].pages, 1);
  EXPECT_EQ(v->docs[3].how, "withheld");
  EXPECT_TRUE(v->docs[3].text_path.empty());
  // Contiguous from the start.
  int64_t expect = 7;
  for (const ProducedDoc& d : v->docs) {
    EXPECT_EQ(d.beg, expect);
    expect = d.end + 1;
  }
  EXPECT_EQ(v->last, expect - 1);
  EXPECT_EQ(static_cast<int64_t>(v->opt.size()), v->pages);

  // The DAT read back holds the family fields.
  auto dat = loadfile::ReadDat(ReadFile(r.dir / "DATA/VOL001.dat").value());
  ASSERT_TRUE(dat.ok()) << dat.status().ToString();
  ASSERT_EQ(dat->rows.size(), 5u);
  auto cell = [&](size_t row, const char* f) {
    return dat->rows[row][static_cast<size_t>(dat->Column(f))];
  };
  EXPECT_EQ(cell(0, "BEGATTACH"), "CITY000007");
  EXPECT_EQ(cell(0, "ENDATTACH"), cell(3, "ENDBATES"));
  EXPECT_EQ(cell(0, "ATTACHCOUNT"), "3");
  EXPECT_EQ(cell(1, "PARENTBATES"), "CITY000007");
  EXPECT_EQ(cell(3, "SUBJECT"), "");  // a withheld document's metadata is not disclosed
  EXPECT_EQ(cell(4, "PARENTBATES"), "");
  EXPECT_EQ(cell(0, "DATESENT"), "01/24/2018");
  EXPECT_FALSE(cell(2, "NATIVEPATH").empty());
  EXPECT_EQ(loadfile::ReadOpt(ReadFile(r.dir / "DATA/VOL001.opt").value())->size(), v->opt.size());

  auto manifest = WriteManifest(r.dir);
  ASSERT_TRUE(manifest.ok()) << manifest.status().ToString();
  auto qc = CheckVolume(Qc(r, *v));
  ASSERT_TRUE(qc.ok()) << qc.status().ToString();
  for (const QcCheck& c : qc->checks) {
    EXPECT_TRUE(c.passed) << c.name << ": " << (c.problems.empty() ? "" : c.problems[0]);
  }
  EXPECT_EQ(qc->pages, v->pages);
  fs::remove_all(dir);
}

TEST(WriteVolume, QcCatchesAlteredAndMissingFiles) {
  fs::path dir = Scratch("tamper");
  FakeSource source;
  VolumeRequest r = Request(dir);
  auto v = WriteVolume(r, source);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  ASSERT_TRUE(WriteManifest(r.dir).ok());
  ASSERT_TRUE(WriteFileAtomic(r.dir / "TEXT/0001/CITY000007.txt", "altered").ok());
  fs::remove(r.dir / "IMAGES/0001/CITY000008.pdf");
  auto qc = CheckVolume(Qc(r, *v));
  ASSERT_TRUE(qc.ok());
  EXPECT_FALSE(qc->passed);
  std::map<std::string, bool> by_name;
  for (const QcCheck& c : qc->checks) by_name[c.name] = c.passed;
  EXPECT_FALSE(by_name["every load-file path exists"]);
  EXPECT_FALSE(by_name["every file matches the manifest"]);
  EXPECT_TRUE(by_name["Bates run unbroken"]);
  fs::remove_all(dir);
}

TEST(WriteVolume, SameInputGivesByteIdenticalVolumes) {
  for (ImageFormat format : {ImageFormat::kPdf, ImageFormat::kTiff}) {
    std::string roots[2];
    for (int run = 0; run < 2; ++run) {
      fs::path dir = Scratch("determinism" + std::to_string(run));
      FakeSource source;
      VolumeRequest r = Request(dir, format);
      ASSERT_TRUE(WriteVolume(r, source).ok());
      auto m = WriteManifest(r.dir);
      ASSERT_TRUE(m.ok());
      roots[run] = m->root_hash;
      fs::remove_all(dir);
    }
    EXPECT_EQ(roots[0], roots[1]);
  }
}

TEST(WriteVolume, SpecLegendStampsDocumentsWithoutTheirOwn) {
  DocumentInput in;
  ProductionSpec spec;
  spec.endorsement_left = "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER";
  EXPECT_EQ(Legend(in, spec), spec.endorsement_left);
  in.confidentiality = "HIGHLY CONFIDENTIAL";
  EXPECT_EQ(Legend(in, spec), "HIGHLY CONFIDENTIAL");
}

TEST(WriteVolume, RefusesAnExistingFolder) {
  fs::path dir = Scratch("exists");
  fs::create_directories(dir / "VOL001");
  FakeSource source;
  auto v = WriteVolume(Request(dir), source);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kAlreadyExists);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace bates::produce
