#include "demand/intake/intake.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/file.h"
#include "demand/intake/bates_run.h"
#include "demand/intake/privilege_log.h"
#include "produce/loadfile/dat.h"
#include "produce/loadfile/opt.h"
#include "produce/manifest.h"

namespace bates::demand::intake {
namespace {
namespace fs = std::filesystem;
namespace lf = produce::loadfile;

TEST(BatesRun, ParsesNumbersAndRanges) {
  auto b = ParseBatesNumber("CITY000123");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->prefix, "CITY");
  EXPECT_EQ(b->number, 123);
  EXPECT_EQ(b->width, 6);
  auto r = ParseBatesRange("ABC-0001-ABC-0004");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->beg.prefix, "ABC-");
  EXPECT_EQ(r->beg.number, 1);
  EXPECT_EQ(r->end, 4);
  auto dash = ParseBatesRange("X01 \u2013 X03");
  ASSERT_TRUE(dash);
  EXPECT_EQ(dash->end, 3);
  EXPECT_FALSE(ParseBatesNumber("none"));
  EXPECT_FALSE(ParseBatesNumber("A1234567890123456789"));
}

TEST(BatesRun, ReportsGapsAndDuplicates) {
  std::vector<BatesRange> ranges = {*ParseBatesRange("C0001-C0003"), *ParseBatesRange("C0008"),
                                    *ParseBatesRange("C0004-C0005"), *ParseBatesRange("C0005")};
  auto findings = CheckBatesRun(ranges);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_FALSE(findings[0].gap);
  EXPECT_EQ(findings[0].detail, "C0005 produced more than once");
  EXPECT_TRUE(findings[1].gap);
  EXPECT_EQ(findings[1].detail, "C0006-C0007 missing between C0005 and C0008");
}

TEST(PrivilegeLog, ReadsBatesColumnOfQuotedCsv) {
  auto ranges = ReadPrivilegeLog(
      "\xEF\xBB\xBF"
      "Date,Bates,Description\r\n"
      "2018-01-02,CITY000004,\"Advice, \"\"privileged\"\"\"\r\n"
      "2018-01-03,CITY000009-CITY000010,\"two\nlines\"\r\n");
  ASSERT_TRUE(ranges.ok());
  ASSERT_EQ(ranges->size(), 2u);
  EXPECT_EQ((*ranges)[0].beg.number, 4);
  EXPECT_EQ((*ranges)[1].end, 10);
  EXPECT_FALSE(ParseCsv("a,\"open").ok());
}

// A small volume written as bates writes one: DAT, OPT, text, images, manifest.
class VolumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(std::getenv("BATES_TEST_TMP") ? std::getenv("BATES_TEST_TMP") : "/tmp") /
           ("intake_unit_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "DATA");
    lf::LoadTable t;
    t.fields = {"BEGBATES", "ENDBATES", "CUSTODIAN", "DATESENT", "TEXTPATH", "PAGECOUNT"};
    std::vector<lf::OptRecord> opt;
    for (int i = 1; i <= 4; ++i) {
      std::string bates = "V" + std::to_string(1000 + i);
      bool withheld = i == 3;
      std::string text = withheld ? "" : "TEXT/0001/" + bates + ".txt";
      t.rows.push_back({bates, bates, i % 2 ? "Ames" : "Boyd",
                        withheld ? "" : "01/1" + std::to_string(i) + "/2018",
                        withheld ? "" : "TEXT\\0001\\" + bates + ".txt", "1"});
      if (!withheld) Write(text, "text of " + bates);
      Write("IMAGES/0001/" + bates + ".pdf", "image " + bates);
      opt.push_back({bates, "VOL1", "IMAGES\\0001\\" + bates + ".pdf", true, "", "", 1});
    }
    Write("DATA/VOL1.dat", lf::WriteDat(t));
    Write("DATA/VOL1.opt", lf::WriteOpt(opt));
    Write("DATA/VOL1_PRIVLOG.csv", "Bates,Basis\r\nV1003,attorney-client\r\n");
    ASSERT_TRUE(produce::WriteManifest(dir_).ok());
    expect_.from = CivilDate{2018, 1, 1};
    expect_.to = CivilDate{2018, 1, 31};
    expect_.custodians = {"Ames", "boyd"};
    expect_.due = CivilDate{2018, 2, 23};
    expect_.received = CivilDate{2018, 2, 23};
  }
  void Write(const std::string& rel, const std::string& bytes) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << bytes;
  }
  std::vector<std::string> Kinds(const IntakeReport& r) {
    std::vector<std::string> kinds;
    for (const Defect& d : r.defects) kinds.push_back(d.kind);
    return kinds;
  }
  fs::path dir_;
  IntakeExpectations expect_;
};

TEST_F(VolumeTest, CleanVolumeVerifies) {
  auto r = VerifyProduction(dir_, expect_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->verified);
  EXPECT_TRUE(r->defects.empty()) << r->defects[0].kind << ": " << r->defects[0].detail;
  EXPECT_EQ(r->documents, 4);
  EXPECT_EQ(r->withheld, 1);
  EXPECT_EQ(r->first_bates, "V1001");
  EXPECT_EQ(r->last_bates, "V1004");
  EXPECT_EQ(r->text_files.size(), 3u);
}

TEST_F(VolumeTest, ChangedFileIsHashMismatch) {
  Write("TEXT/0001/V1002.txt", "altered");
  auto r = VerifyProduction(dir_, expect_);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->verified);
  EXPECT_EQ(Kinds(*r), std::vector<std::string>{"hash_mismatch"});
}

TEST_F(VolumeTest, DeletedFileIsMissingFile) {
  fs::remove(dir_ / "IMAGES/0001/V1004.pdf");
  auto r = VerifyProduction(dir_, expect_);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->verified);
  EXPECT_EQ(Kinds(*r), std::vector<std::string>{"missing_file"});
}

TEST_F(VolumeTest, FindingsBesideVerification) {
  Write("DATA/VOL1_PRIVLOG.csv", "Bates,Basis\r\n");
  ASSERT_TRUE(produce::WriteManifest(dir_).ok());
  expect_.to = CivilDate{2018, 1, 12};
  expect_.custodians.push_back("Cole");
  expect_.received = CivilDate{2018, 2, 26};
  auto r = VerifyProduction(dir_, expect_);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->verified);
  EXPECT_EQ(Kinds(*r), (std::vector<std::string>{"unlogged_withholding", "outside_timeframe",
                                                 "missing_custodian", "late"}));
  EXPECT_EQ(r->defects.back().detail, "received 2018-02-26, 3 days after the deadline 2018-02-23");
}

TEST_F(VolumeTest, MonthsWithoutDocumentsAreTimeframeHoles) {
  expect_.from = CivilDate{2017, 10, 15};
  expect_.to = CivilDate{2018, 3, 1};
  auto r = VerifyProduction(dir_, expect_);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(Kinds(*r), (std::vector<std::string>{"timeframe_hole", "timeframe_hole"}));
  EXPECT_EQ(r->defects[0].detail,
            "no produced document dated in 2017-10 to 2017-12 (inside the relevant timeframe)");
  EXPECT_EQ(r->defects[1].detail,
            "no produced document dated in 2018-02 to 2018-03 (inside the relevant timeframe)");
}

TEST_F(VolumeTest, DuplicateAndCountMismatch) {
  // Another tool's volume: no manifest, the DAT row of V1002 repeated.
  fs::remove(dir_ / "MANIFEST.txt");
  auto dat = ReadFile(dir_ / "DATA/VOL1.dat");
  ASSERT_TRUE(dat.ok());
  auto table = lf::ReadDat(*dat);
  ASSERT_TRUE(table.ok());
  table->rows.push_back(table->rows[1]);
  Write("DATA/VOL1.dat", lf::WriteDat(*table));
  auto r = VerifyProduction(dir_, expect_);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->verified);
  EXPECT_EQ(Kinds(*r), (std::vector<std::string>{"no_manifest", "duplicate_bates", "count_mismatch",
                                                 "count_mismatch"}));
  EXPECT_EQ(r->defects[1].detail, "V1002 produced more than once");
}

TEST_F(VolumeTest, ImageOnlyVolumeFromOpt) {
  fs::remove(dir_ / "DATA/VOL1.dat");
  fs::remove(dir_ / "IMAGES/0001/V1002.pdf");
  std::vector<lf::OptRecord> opt = {{"V1001", "VOL1", "IMAGES\\0001\\V1001.pdf", true, "", "", 1},
                                    {"V1003", "VOL1", "IMAGES\\0001\\V1003.pdf", true, "", "", 1}};
  Write("DATA/VOL1.opt", lf::WriteOpt(opt));
  ASSERT_TRUE(produce::WriteManifest(dir_).ok());
  expect_ = {};
  auto r = VerifyProduction(dir_, expect_);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->verified);
  EXPECT_EQ(r->documents, 2);
  std::vector<std::string> kinds = Kinds(*r);
  // The text files no row names any more, and the missing page.
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "missing_row"), 4);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "bates_gap"), 1);
}

TEST_F(VolumeTest, PathsLeavingTheVolumeAreMissingNeverRead) {
  auto dat = ReadFile(dir_ / "DATA/VOL1.dat");
  ASSERT_TRUE(dat.ok());
  auto table = lf::ReadDat(*dat);
  ASSERT_TRUE(table.ok());
  table->rows[0][4] = "..\\..\\..\\etc\\passwd";
  Write("DATA/VOL1.dat", lf::WriteDat(*table));
  ASSERT_TRUE(produce::WriteManifest(dir_).ok());
  auto r = VerifyProduction(dir_, expect_);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->verified);
  EXPECT_EQ(Kinds(*r), (std::vector<std::string>{"missing_file", "missing_row"}));
  EXPECT_EQ(r->defects[0].detail,
            "../../../etc/passwd: named by the DAT row of V1001, not in the volume");
  for (const fs::path& p : r->text_files) EXPECT_EQ(p.string().find(".."), std::string::npos);
}

TEST_F(VolumeTest, NotAVolumeIsAnError) {
  auto r = VerifyProduction(dir_ / "TEXT", expect_);
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace bates::demand::intake
