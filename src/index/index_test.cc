// Builds a small index of fictional documents (the .example domains are reserved) and checks
// what searches users rely on find exactly the right items.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/time.h"
#include "index/index_reader.h"
#include "index/index_writer.h"
#include "index/query.h"

namespace bates::index {
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

int64_t Utc(int y, int mo, int d, int h = 12, int mi = 0) {
  return UnixSecondsFromCivil({{y, mo, d}, h, mi, 0});
}

std::vector<IndexDocument> Corpus() {
  std::vector<IndexDocument> docs(5);
  IndexDocument& d1 = docs[0];
  d1.id = 1;
  d1.family_id = 1;
  d1.kind = model::ItemKind::kEmail;
  d1.mime_type = "message/rfc822";
  d1.subject = "Use of force policy";
  d1.text =
      "The ICE raid on Tuesday. Immigration and Customs Enforcement asked for records on the use "
      "of force. Contact press@city.larkspur.example for comment.";
  d1.from = {{"Chief Ramos", "chief@pd.larkspur.example"}};
  d1.to = {{"Mayor Okafor", "mayor@city.larkspur.example"}};
  d1.cc = {{"", "clerk.office@city.larkspur.example"}};
  d1.custodian = "Chief Ramos";
  d1.sent = d1.sort_date = Utc(2017, 3, 5, 15);
  d1.size = 1200;

  IndexDocument& d2 = docs[1];
  d2.id = 2;
  d2.family_id = 1;
  d2.kind = model::ItemKind::kAttachment;
  d2.mime_type = "application/pdf";
  d2.file_name = "Report_Final_v2.pdf";
  d2.text = "Annual report on immigration and customs matters.";
  d2.custodian = "Chief Ramos";
  d2.created = Utc(2016, 12, 1);
  d2.sort_date = Utc(2017, 3, 5, 15);
  d2.size = 50000;

  IndexDocument& d3 = docs[2];
  d3.id = 3;
  d3.family_id = 3;
  d3.kind = model::ItemKind::kEmail;
  d3.mime_type = "message/rfc822";
  d3.subject = "Question about ICE";
  d3.text = "Customs and immigration questions. Is force use logged?";
  d3.from = {{"A Reporter", "reporter@news.example"}};
  d3.to = {{"Chief Ramos", "chief@pd.larkspur.example"}};
  d3.custodian = "Chief Ramos";
  d3.sent = d3.sort_date = Utc(2018, 1, 24, 16);
  d3.size = 3000;

  IndexDocument& d4 = docs[3];
  d4.id = 4;
  d4.family_id = 4;
  d4.kind = model::ItemKind::kFile;
  d4.mime_type = "text/html; charset=utf-8";
  d4.file_name = "notes.html";
  d4.text = "Meeting notes from the customs office.";
  d4.custodian = "Dana Lee";
  d4.modified = d4.sort_date = Utc(2016, 6, 1);
  d4.size = 800;

  IndexDocument& d5 = docs[4];
  d5.id = 5;
  d5.family_id = 5;
  d5.kind = model::ItemKind::kFile;
  d5.mime_type = "text/plain";
  d5.file_name = "readme.txt";
  d5.text = "enforcement enforcement enforcement";
  d5.custodian = "Dana Lee";
  d5.size = 100;
  return docs;
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDir("index");
    auto writer = IndexWriter::Open(dir_);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    writer_ = std::move(writer).value();
    for (const IndexDocument& doc : Corpus()) ASSERT_TRUE(writer_->Add(Prepare(doc)).ok());
    ASSERT_TRUE(writer_->Commit().ok());
    auto reader = IndexReader::Open(dir_);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    reader_ = std::move(reader).value();
  }
  void TearDown() override {
    reader_.reset();
    writer_.reset();
    std::filesystem::remove_all(dir_);
  }

  Ids Find(const Query& query) {
    auto ids = reader_->MatchingIds(query);
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? ids.value() : Ids{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<IndexWriter> writer_;
  std::unique_ptr<IndexReader> reader_;
};

TEST_F(IndexTest, FieldsAreSeparate) {
  EXPECT_EQ(Find(Query::Term(Field::kSubject, "force")), Ids({1}));
  EXPECT_EQ(Find(Query::Term(Field::kBody, "force")), Ids({1, 3}));
  EXPECT_EQ(Find(Query::Term(Field::kBody, "question")), Ids({}));
  EXPECT_EQ(Find(Query::Term(Field::kSubject, "question")), Ids({3}));
  EXPECT_EQ(Find(Query::Term(Field::kAny, "ICE")), Ids({1, 3}));
  EXPECT_EQ(Find(Query::Term(Field::kAny, "question")), Ids({3}));
}

TEST_F(IndexTest, AddressParts) {
  for (const char* part : {"chief@pd.larkspur.example", "CHIEF@PD.Larkspur.Example", "chief",
                           "pd.larkspur.example", "larkspur.example", "Ramos"}) {
    EXPECT_EQ(Find(Query::Term(Field::kFrom, part)), Ids({1})) << part;
  }
  EXPECT_EQ(Find(Query::Term(Field::kFrom, "<chief@pd.larkspur.example>")), Ids({1}));
  EXPECT_EQ(Find(Query::Term(Field::kFrom, "example")), Ids({1, 3}));
  EXPECT_EQ(Find(Query::Term(Field::kFrom, "city.larkspur.example")), Ids({}));
  EXPECT_EQ(Find(Query::Term(Field::kTo, "larkspur.example")), Ids({1, 3}));
  EXPECT_EQ(Find(Query::Term(Field::kCc, "clerk.office")), Ids({1}));
  EXPECT_EQ(Find(Query::Term(Field::kCc, "office")), Ids({1}));
  EXPECT_EQ(Find(Query::Term(Field::kBcc, "larkspur.example")), Ids({}));
  EXPECT_EQ(Find(Query::Term(Field::kParticipants, "chief@pd.larkspur.example")), Ids({1, 3}));
  EXPECT_EQ(Find(Query::Phrase(Field::kTo, {"mayor", "okafor"})), Ids({1}));
  // A quoted address is still the whole address.
  EXPECT_EQ(Find(Query::Phrase(Field::kFrom, {"chief@pd.larkspur.example"})), Ids({1}));
}

TEST_F(IndexTest, AddressesInTextAreWhole) {
  EXPECT_EQ(Find(Query::Term(Field::kBody, "press@city.larkspur.example")), Ids({1}));
  EXPECT_EQ(Find(Query::Term(Field::kBody, "Press@City.Larkspur.Example")), Ids({1}));
  EXPECT_EQ(Find(Query::Term(Field::kBody, "other@city.larkspur.example")), Ids({}));
  // The domain alone is still its words in sequence.
  EXPECT_EQ(Find(Query::Term(Field::kBody, "city.larkspur.example")), Ids({1}));
}

TEST_F(IndexTest, CustodianFileNameAndType) {
  EXPECT_EQ(Find(Query::Term(Field::kCustodian, "Dana Lee")), Ids({4, 5}));
  EXPECT_EQ(Find(Query::Term(Field::kCustodian, "lee")), Ids({4, 5}));
  EXPECT_EQ(Find(Query::Phrase(Field::kCustodian, {"Chief", "Ramos"})), Ids({1, 2, 3}));
  EXPECT_EQ(Find(Query::Term(Field::kFileName, "report_final_v2.pdf")), Ids({2}));
  EXPECT_EQ(Find(Query::Term(Field::kFileName, "final")), Ids({2}));
  EXPECT_EQ(Find(Query::Term(Field::kFileName, "pdf")), Ids({2}));
  EXPECT_EQ(Find(Query::Term(Field::kAny, "notes.html")), Ids({4}));
  EXPECT_EQ(Find(Query::Term(Field::kType, "pdf")), Ids({2}));
  EXPECT_EQ(Find(Query::Term(Field::kType, "application/pdf")), Ids({2}));
  EXPECT_EQ(Find(Query::Term(Field::kType, "email")), Ids({1, 3}));
  EXPECT_EQ(Find(Query::Term(Field::kType, "text")), Ids({4, 5}));
  EXPECT_EQ(Find(Query::Term(Field::kType, "html")), Ids({4}));
  EXPECT_EQ(Find(Query::Term(Field::kType, "text/html")), Ids({4}));
  EXPECT_EQ(Find(Query::Term(Field::kType, "Attachment")), Ids({2}));
}

TEST_F(IndexTest, PhraseIsNotWords) {
  EXPECT_EQ(Find(Query::Phrase(Field::kBody, {"immigration", "and", "customs"})), Ids({1, 2}));
  EXPECT_EQ(Find(Query::And(
                {Query::Term(Field::kBody, "immigration"), Query::Term(Field::kBody, "customs")})),
            Ids({1, 2, 3}));
  EXPECT_EQ(Find(Query::Phrase(Field::kSubject, {"use", "of", "force"})), Ids({1}));
  EXPECT_EQ(Find(Query::Phrase(Field::kAny, {"use", "of", "force"})), Ids({1}));
}

TEST_F(IndexTest, Near) {
  // "use of force" (1) has the words 2 apart in order; "force use" (3) adjacent, reversed.
  EXPECT_EQ(Find(Query::Near(Field::kBody, {"use", "force"}, 3, true)), Ids({1}));
  EXPECT_EQ(Find(Query::Near(Field::kBody, {"use", "force"}, 3, false)), Ids({1, 3}));
  EXPECT_EQ(Find(Query::Near(Field::kBody, {"use", "force"}, 2, false)), Ids({3}));
  EXPECT_EQ(Find(Query::Phrase(Field::kBody, {"use", "force"})), Ids({}));
}

TEST_F(IndexTest, Prefix) {
  EXPECT_EQ(Find(Query::Prefix(Field::kBody, "Enforc")), Ids({1, 5}));
  EXPECT_EQ(Find(Query::Prefix(Field::kFrom, "chief@")), Ids({1}));
  EXPECT_EQ(Find(Query::Prefix(Field::kFileName, "report_f")), Ids({2}));
  EXPECT_EQ(Find(Query::Prefix(Field::kBody, "")), Ids({}));
}

TEST_F(IndexTest, DateRanges) {
  EXPECT_EQ(Find(Query::DateRange(DateField::kSortDate, Utc(2017, 1, 1, 0), Utc(2017, 12, 31, 23))),
            Ids({1, 2}));
  EXPECT_EQ(Find(Query::DateRange(DateField::kSent, Utc(2017, 1, 1, 0), Utc(2018, 1, 24, 16))),
            Ids({1, 3}));
  EXPECT_EQ(Find(Query::DateRange(DateField::kSent, Utc(2017, 1, 1, 0), Utc(2018, 1, 24, 15))),
            Ids({1}));
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  // Open ends still need a date: 5 has none.
  EXPECT_EQ(Find(Query::DateRange(DateField::kSortDate, kMin, Utc(2017, 3, 5, 15))),
            Ids({1, 2, 4}));
  EXPECT_EQ(Find(Query::DateRange(DateField::kSortDate, Utc(2017, 3, 5, 16), kMax)), Ids({3}));
  EXPECT_EQ(Find(Query::DateRange(DateField::kCreated, kMin, kMax)), Ids({2}));
  EXPECT_EQ(Find(Query::DateRange(DateField::kModified, kMin, kMax)), Ids({4}));
}

TEST_F(IndexTest, SizeRanges) {
  EXPECT_EQ(Find(Query::SizeRange(1000, 5000)), Ids({1, 3}));
  EXPECT_EQ(Find(Query::SizeRange(0, 1000)), Ids({4, 5}));
  EXPECT_EQ(Find(Query::SizeRange(10000, std::numeric_limits<uint64_t>::max())), Ids({2}));
  EXPECT_EQ(Find(Query::SizeRange(1200, 1200)), Ids({1}));
}

TEST_F(IndexTest, IdsAllNone) {
  EXPECT_EQ(Find(Query::Ids({4, 2, 99})), Ids({2, 4}));
  EXPECT_EQ(Find(Query::Ids({})), Ids({}));
  EXPECT_EQ(Find(Query::All()), Ids({1, 2, 3, 4, 5}));
  EXPECT_EQ(Find(Query::None()), Ids({}));
}

TEST_F(IndexTest, BooleanCombinations) {
  Query customs = Query::Term(Field::kAny, "customs");
  Query ice = Query::Term(Field::kAny, "ice");
  EXPECT_EQ(Find(Query::Or({ice, Query::Term(Field::kType, "pdf")})), Ids({1, 2, 3}));
  EXPECT_EQ(Find(Query::And({customs, ice})), Ids({1, 3}));
  EXPECT_EQ(Find(Query::AndNot(customs, ice)), Ids({2, 4}));
  EXPECT_EQ(Find(Query::AndNot(Query::All(), customs)), Ids({5}));
  EXPECT_EQ(Find(Query::And({})), Ids({1, 2, 3, 4, 5}));
  EXPECT_EQ(Find(Query::Or({})), Ids({}));
}

TEST_F(IndexTest, ExactTotalsAndPaging) {
  auto result = reader_->Search(Query::Term(Field::kAny, "customs"), {.offset = 1, .limit = 2});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->total, 4u);
  ASSERT_EQ(result->hits.size(), 2u);
  EXPECT_EQ(result->hits[0].rank, 1);
  EXPECT_EQ(result->hits[1].rank, 2);
  EXPECT_GT(result->hits[0].score, 0);
}

TEST_F(IndexTest, RelevanceOrder) {
  auto result = reader_->Search(Query::Term(Field::kBody, "enforcement"), {});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->hits.size(), 2u);
  EXPECT_EQ(result->hits[0].id, 5);  // three times in three words
  EXPECT_EQ(result->hits[1].id, 1);
  EXPECT_GE(result->hits[0].score, result->hits[1].score);
}

TEST_F(IndexTest, DateOrderPutsUndatedLast) {
  auto result = reader_->Search(Query::All(), {.by_date = true});
  ASSERT_TRUE(result.ok());
  Ids order;
  for (const Hit& hit : result->hits) order.push_back(hit.id);
  // 1 and 2 share a date: the id breaks the tie.
  EXPECT_EQ(order, Ids({4, 1, 2, 3, 5}));
  EXPECT_EQ(result->total, 5u);
}

TEST_F(IndexTest, ReAddReplaces) {
  IndexDocument changed = Corpus()[3];
  changed.text = "Rewritten minutes.";
  ASSERT_TRUE(writer_->Add(Prepare(changed)).ok());
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_EQ(reader_->DocumentCount().value(), 5u);
  EXPECT_EQ(Find(Query::Term(Field::kBody, "minutes")), Ids({4}));
  EXPECT_EQ(Find(Query::Term(Field::kBody, "meeting")), Ids({}));
}

TEST_F(IndexTest, SetIdentityAfterPrepare) {
  // Workers prepare before the ordered side assigns ids.
  IndexDocument doc;
  doc.text = "late identity";
  doc.sort_date = Utc(2000, 1, 1);
  PreparedDocument prepared = Prepare(doc);
  SetIdentity(prepared, 6, 1, Utc(2017, 3, 5, 16));
  ASSERT_TRUE(writer_->Add(std::move(prepared)).ok());
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_EQ(Find(Query::Term(Field::kBody, "identity")), Ids({6}));
  EXPECT_EQ(Find(Query::Ids({6})), Ids({6}));
  EXPECT_EQ(Find(Query::Ids({0})), Ids({}));
  EXPECT_EQ(Find(Query::DateRange(DateField::kSortDate, Utc(2017, 3, 5, 16), Utc(2017, 3, 5, 16))),
            Ids({6}));
  EXPECT_EQ(Find(Query::DateRange(DateField::kSortDate, Utc(1999, 1, 1), Utc(2001, 1, 1))),
            Ids({}));

  PreparedDocument undated = Prepare(doc);
  SetIdentity(undated, 7, 7, std::nullopt);
  ASSERT_TRUE(writer_->Add(std::move(undated)).ok());
  ASSERT_TRUE(writer_->Commit().ok());
  auto by_date = reader_->Search(Query::Term(Field::kBody, "identity"), {.by_date = true});
  ASSERT_TRUE(by_date.ok());
  ASSERT_EQ(by_date->hits.size(), 2u);
  EXPECT_EQ(by_date->hits[1].id, 7);
}

TEST_F(IndexTest, DeleteAndDeleteAbove) {
  ASSERT_TRUE(writer_->DeleteAbove(3).ok());
  ASSERT_TRUE(writer_->Commit().ok());
  // The reader opened before the commit sees it.
  EXPECT_EQ(reader_->DocumentCount().value(), 3u);
  EXPECT_EQ(Find(Query::All()), Ids({1, 2, 3}));
  ASSERT_TRUE(writer_->Delete(2).ok());
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_EQ(writer_->DocumentCount().value(), 2u);
  EXPECT_EQ(Find(Query::All()), Ids({1, 3}));
}

TEST_F(IndexTest, SnippetMarksMatchedWords) {
  const std::string text = Corpus()[0].text;
  std::string snippet =
      reader_->Snippet(Query::Term(Field::kAny, "customs"), text, 300, "<b>", "</b>");
  EXPECT_NE(snippet.find("<b>Customs</b>"), std::string::npos) << snippet;
  snippet =
      reader_->Snippet(Query::Phrase(Field::kBody, {"use", "of", "force"}), text, 300, "[", "]");
  EXPECT_NE(snippet.find("[use of force]"), std::string::npos) << snippet;
  snippet = reader_->Snippet(Query::Term(Field::kBody, "press@city.larkspur.example"), text, 300,
                             "[", "]");
  EXPECT_NE(snippet.find("[press@city.larkspur.example]"), std::string::npos) << snippet;
  // What AND NOT excludes is not marked.
  snippet = reader_->Snippet(
      Query::AndNot(Query::Term(Field::kBody, "raid"), Query::Term(Field::kBody, "ice")), text, 300,
      "[", "]");
  EXPECT_NE(snippet.find("[raid]"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("[ICE]"), std::string::npos) << snippet;
  EXPECT_EQ(reader_->Snippet(Query::Term(Field::kAny, "customs"), "", 300, "[", "]"), "");
}

TEST_F(IndexTest, SecondWriterIsAConflict) {
  auto second = IndexWriter::Open(dir_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kConflict);
  EXPECT_NE(second.status().message().find("another bates process"), std::string::npos)
      << second.status().message();
}

TEST_F(IndexTest, DescribeIsXapians) {
  EXPECT_EQ(Query::Term(Field::kFrom, "Chief@PD.larkspur.example").Describe(),
            "Query(XFROMchief@pd.larkspur.example)");
  EXPECT_EQ(Query::Phrase(Field::kSubject, {"Use", "of", "force"}).Describe(),
            "Query((Suse PHRASE 3 Sof PHRASE 3 Sforce))");
}

TEST(IndexWriterTest, PrepareOnManyThreads) {
  std::filesystem::path dir = FreshDir("threads");
  auto writer = IndexWriter::Open(dir);
  ASSERT_TRUE(writer.ok());
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  std::vector<std::vector<PreparedDocument>> prepared(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &prepared] {
      for (int i = 0; i < kPerThread; ++i) {
        IndexDocument doc;
        doc.id = t * kPerThread + i + 1;
        doc.text = "common word" + std::string(doc.id % 2 == 0 ? " even" : " odd");
        doc.from = {{"Worker " + std::to_string(t), "w" + std::to_string(t) + "@pool.example"}};
        prepared[t].push_back(Prepare(doc));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (auto& batch : prepared) {
    for (PreparedDocument& doc : batch) ASSERT_TRUE((*writer)->Add(std::move(doc)).ok());
  }
  ASSERT_TRUE((*writer)->Commit().ok());
  auto reader = IndexReader::Open(dir);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->DocumentCount().value(), uint64_t{kThreads} * kPerThread);
  EXPECT_EQ((*reader)->MatchingIds(Query::Term(Field::kBody, "even"))->size(), 100u);
  EXPECT_EQ((*reader)->MatchingIds(Query::Term(Field::kFrom, "w2@pool.example"))->size(), 50u);
  reader->reset();
  writer->reset();
  std::filesystem::remove_all(dir);
}

TEST(IndexReaderTest, MissingIndexIsNotFound) {
  auto reader = IndexReader::Open(FreshDir("missing") / "nothing-here");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace bates::index
