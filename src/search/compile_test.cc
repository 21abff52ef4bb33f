// Compiles queries and runs them against a small index of fictional mail (reserved .example
// domains), in the matter's time zone, and checks exactly which items they find.
#include "search/compile.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "index/index_reader.h"
#include "index/index_writer.h"

namespace bates::search {
namespace {

using Ids = std::vector<int64_t>;

std::filesystem::path FreshDir(const std::string& name) {
  // Read before any test thread starts.
  const char* root = std::getenv("BATES_TEST_TMP");  // NOLINT(concurrency-mt-unsafe)
  std::filesystem::path base =
      root ? std::filesystem::path(root) : std::filesystem::temp_directory_path() / "bates-test";
  std::random_device random;
  std::filesystem::path dir = base / (name + "-" + std::to_string(random()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

int64_t Utc(int y, int mo, int d, int h, int mi) {
  return UnixSecondsFromCivil({{y, mo, d}, h, mi, 0});
}

const model::Address kChief{"Chief Ramos", "chief@pd.larkspur.example"};
const model::Address kMayor{"Mayor Okafor", "mayor@city.larkspur.example"};

index::IndexDocument Email(int64_t id, model::Address from, std::string text, int64_t sent) {
  index::IndexDocument doc;
  doc.id = doc.family_id = id;
  doc.kind = model::ItemKind::kEmail;
  doc.mime_type = "message/rfc822";
  doc.from = {std::move(from)};
  doc.to = {{"Records Desk", "records@city.larkspur.example"}};
  doc.text = std::move(text);
  doc.sent = doc.sort_date = sent;
  doc.size = 2000;
  doc.custodian = "Chief Ramos";
  return doc;
}

class CompileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<TimeZone> chicago = TimeZone::Load("America/Chicago");
    ASSERT_TRUE(chicago.ok()) << chicago.status().ToString();
    chicago_.time_zone = *chicago;

    // Chicago is UTC-6 in January.
    std::vector<index::IndexDocument> docs = {
        Email(1, kChief, "ICE agents met the police chief.", Utc(2017, 6, 1, 15, 0)),
        // 2018-01-24 23:30 in Chicago: the last half hour of the range.
        Email(2, kChief, "A request from Immigration and Customs Enforcement.",
              Utc(2018, 1, 25, 5, 30)),
        // 2018-01-25 00:30 in Chicago: the day after.
        Email(3, kChief, "ICE follow-up.", Utc(2018, 1, 25, 6, 30)),
        Email(4, kChief, "Immigration and the customs office.", Utc(2017, 5, 1, 15, 0)),
        Email(5, kMayor, "ICE raid downtown.", Utc(2017, 6, 1, 15, 0)),
        // 2016-12-31 23:30 in Chicago, though 2017-01-01 in UTC.
        Email(6, kChief, "ICE before the new year.", Utc(2017, 1, 1, 5, 30)),
        // 2017-01-01 00:30 in Chicago.
        Email(7, kChief, "ICE after the new year.", Utc(2017, 1, 1, 6, 30)),
    };
    index::IndexDocument attachment;
    attachment.id = 8;
    attachment.family_id = 7;
    attachment.kind = model::ItemKind::kAttachment;
    attachment.mime_type = "application/pdf";
    attachment.file_name = "ice_enforcement_memo.pdf";
    attachment.text = "Memo on ICE enforcement priorities.";
    attachment.sort_date = Utc(2017, 1, 1, 6, 30);
    attachment.size = 40000;
    docs.push_back(attachment);

    dir_ = FreshDir("search");
    auto writer = index::IndexWriter::Open(dir_);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (const auto& doc : docs) ASSERT_TRUE((*writer)->Add(index::Prepare(doc)).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    writer->reset();
    auto reader = index::IndexReader::Open(dir_);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    reader_ = std::move(reader).value();
  }
  void TearDown() override {
    reader_.reset();
    std::filesystem::remove_all(dir_);
  }

  Ids Find(const std::string& query, const CompileOptions& options,
           const ParseOptions& parse = {}) {
    Result<index::Query> compiled = CompileQuery(query, parse, options);
    EXPECT_TRUE(compiled.ok()) << query << ": " << compiled.status().ToString();
    if (!compiled.ok()) return {};
    auto ids = reader_->MatchingIds(*compiled);
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? *ids : Ids{};
  }
  Ids Find(const std::string& query) { return Find(query, chicago_); }

  std::filesystem::path dir_;
  std::unique_ptr<index::IndexReader> reader_;
  CompileOptions chicago_;
};

TEST_F(CompileTest, FieldsBooleansAndDatesInTheMattersZone) {
  const std::string query =
      "from:chief@pd.larkspur.example AND (ICE OR \"immigration and customs\") "
      "date:2017-01-01..2018-01-24";
  // 2 is in (23:30 on the last day), 3 is out (00:30 the day after), 6 is out (23:30 the day
  // before), 4 has the words but not the phrase, 5 is from someone else, 8 has no sender.
  EXPECT_EQ(Find(query), Ids({1, 2, 7}));
  // Read in UTC the same days are other instants.
  EXPECT_EQ(Find(query, CompileOptions{}), Ids({1, 6, 7}));
}

TEST_F(CompileTest, SingleDaysAndOpenRanges) {
  EXPECT_EQ(Find("sent:2018-01-24"), Ids({2}));
  EXPECT_EQ(Find("date:2018-01-25"), Ids({3}));
  EXPECT_EQ(Find("date:..2016-12-31"), Ids({6}));
  EXPECT_EQ(Find("date:2018-01-25.."), Ids({3}));
  EXPECT_EQ(Find("date:2016"), Ids({6}));
  // The attachment has a sort date but no sent date.
  EXPECT_EQ(Find("sent:2017-01-01"), Ids({7}));
  EXPECT_EQ(Find("date:2017-01-01"), Ids({7, 8}));
}

TEST_F(CompileTest, Not) {
  EXPECT_EQ(Find("NOT ice"), Ids({2, 4}));
  EXPECT_EQ(Find("ice NOT from:mayor@city.larkspur.example"), Ids({1, 3, 6, 7, 8}));
  EXPECT_EQ(Find("ice AND NOT from:larkspur.example"), Ids({8}));
  EXPECT_EQ(Find("enforcement OR NOT ice"), Ids({2, 4, 8}));
}

TEST_F(CompileTest, SpacesMeanPhrase) {
  const ParseOptions phrase{.spaces_mean_phrase = true};
  EXPECT_EQ(Find("customs immigration"), Ids({2, 4}));
  EXPECT_EQ(Find("customs immigration", chicago_, phrase), Ids({}));
  EXPECT_EQ(Find("customs enforcement", chicago_, phrase), Ids({2}));
  EXPECT_EQ(Find("enforcement customs", chicago_, phrase), Ids({}));
  // As in dtSearch, "and" stays an operator between runs.
  EXPECT_EQ(Find("immigration and customs", chicago_, phrase), Ids({2, 4}));
  EXPECT_EQ(Find("\"immigration and customs\"", chicago_, phrase), Ids({2}));
}

TEST_F(CompileTest, FieldsAddressesSizesTypesWildcards) {
  EXPECT_EQ(Find("from:larkspur.example"), Ids({1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(Find("from:city.larkspur.example"), Ids({5}));
  EXPECT_EQ(Find("participants:records@city.larkspur.example from:mayor"), Ids({5}));
  EXPECT_EQ(Find("from:(ramos OR okafor) raid"), Ids({5}));
  EXPECT_EQ(Find("type:pdf"), Ids({8}));
  EXPECT_EQ(Find("type:attachment OR size:10k.."), Ids({8}));
  EXPECT_EQ(Find("size:..2000 ice"), Ids({1, 3, 5, 6, 7}));
  EXPECT_EQ(Find("filename:memo"), Ids({8}));
  EXPECT_EQ(Find("enforc*"), Ids({2, 8}));
  EXPECT_EQ(Find("subject:ice"), Ids({}));
  EXPECT_EQ(Find("body:ice custodian:\"chief ramos\" follow-up"), Ids({3}));
}

TEST_F(CompileTest, InnerWildcardsExpandAgainstTheIndex) {
  EXPECT_EQ(Find("*orcement"), Ids({2, 8}));
  EXPECT_EQ(Find("enf?rcement"), Ids({2, 8}));
  EXPECT_EQ(Find("i?e"), Ids({1, 3, 5, 6, 7, 8}));
}

TEST_F(CompileTest, AnalyticsFilters) {
  {
    auto writer = index::IndexWriter::Open(dir_);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE((*writer)->ReplaceFilterTerms(3, {"XISduplicate", "XTHREAD1"}).ok());
    ASSERT_TRUE((*writer)->ReplaceFilterTerms(1, {"XISinclusive", "XTHREAD1"}).ok());
    ASSERT_TRUE((*writer)->ReplaceFilterTerms(8, {"XISpivot", "XNEAR8"}).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  EXPECT_EQ(Find("is:duplicate"), Ids({3}));
  EXPECT_EQ(Find("ice AND NOT is:duplicate"), Ids({1, 5, 6, 7, 8}));
  EXPECT_EQ(Find("is:Inclusive"), Ids({1}));
  EXPECT_EQ(Find("thread:1"), Ids({1, 3}));
  EXPECT_EQ(Find("thread:DOC-000001 is:inclusive"), Ids({1}));
  EXPECT_EQ(Find("neargroup:8 OR is:pivot"), Ids({8}));
  EXPECT_EQ(Find("neargroup:1"), Ids({}));
  for (const char* bad : {"is:copy", "thread:abc", "thread:1*", "neargroup:\"1 2\""}) {
    Result<index::Query> query = CompileQuery(bad, {}, chicago_);
    EXPECT_FALSE(query.ok()) << bad;
    if (!query.ok()) {
      EXPECT_EQ(query.status().code(), StatusCode::kInvalidArgument) << bad;
    }
  }
}

TEST_F(CompileTest, LeadingNotIsAllBut) {
  Result<index::Query> query = CompileQuery("NOT ice", {}, chicago_);
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->Describe(), "Query((<alldocuments> AND_NOT (ice OR Sice OR XFNice)))");
}

}  // namespace
}  // namespace bates::search
