// Builds a small index of fictional documents (the .example domains are reserved) and checks
// what searches users rely on find exactly the right items.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
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
#include "index/schema.h"
#include "index/xapian_internal.h"

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

// Every search test runs on one shard and on three: a sharded index must find exactly what one
// database finds, with the same totals and order.
class IndexTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  void SetUp() override {
    dir_ = FreshDir("index");
    auto writer = IndexWriter::Create(dir_, {.shards = GetParam()});
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

TEST_P(IndexTest, FieldsAreSeparate) {
  EXPECT_EQ(Find(Query::Term(Field::kSubject, "force")), Ids({1}));
  EXPECT_EQ(Find(Query::Term(Field::kBody, "force")), Ids({1, 3}));
  EXPECT_EQ(Find(Query::Term(Field::kBody, "question")), Ids({}));
  EXPECT_EQ(Find(Query::Term(Field::kSubject, "question")), Ids({3}));
  EXPECT_EQ(Find(Query::Term(Field::kAny, "ICE")), Ids({1, 3}));
  EXPECT_EQ(Find(Query::Term(Field::kAny, "question")), Ids({3}));
}

TEST_P(IndexTest, AddressParts) {
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

TEST_P(IndexTest, AddressesInTextAreWhole) {
  EXPECT_EQ(Find(Query::Term(Field::kBody, "press@city.larkspur.example")), Ids({1}));
  EXPECT_EQ(Find(Query::Term(Field::kBody, "Press@City.Larkspur.Example")), Ids({1}));
  EXPECT_EQ(Find(Query::Term(Field::kBody, "other@city.larkspur.example")), Ids({}));
  // The domain alone is still its words in sequence.
  EXPECT_EQ(Find(Query::Term(Field::kBody, "city.larkspur.example")), Ids({1}));
}

TEST_P(IndexTest, CustodianFileNameAndType) {
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

TEST_P(IndexTest, PhraseIsNotWords) {
  EXPECT_EQ(Find(Query::Phrase(Field::kBody, {"immigration", "and", "customs"})), Ids({1, 2}));
  EXPECT_EQ(Find(Query::And(
                {Query::Term(Field::kBody, "immigration"), Query::Term(Field::kBody, "customs")})),
            Ids({1, 2, 3}));
  EXPECT_EQ(Find(Query::Phrase(Field::kSubject, {"use", "of", "force"})), Ids({1}));
  EXPECT_EQ(Find(Query::Phrase(Field::kAny, {"use", "of", "force"})), Ids({1}));
}

TEST_P(IndexTest, Near) {
  // "use of force" (1) has the words 2 apart in order; "force use" (3) adjacent, reversed.
  EXPECT_EQ(Find(Query::Near(Field::kBody, {"use", "force"}, 3, true)), Ids({1}));
  EXPECT_EQ(Find(Query::Near(Field::kBody, {"use", "force"}, 3, false)), Ids({1, 3}));
  EXPECT_EQ(Find(Query::Near(Field::kBody, {"use", "force"}, 2, false)), Ids({3}));
  EXPECT_EQ(Find(Query::Phrase(Field::kBody, {"use", "force"})), Ids({}));
}

TEST_P(IndexTest, Prefix) {
  EXPECT_EQ(Find(Query::Prefix(Field::kBody, "Enforc")), Ids({1, 5}));
  EXPECT_EQ(Find(Query::Prefix(Field::kFrom, "chief@")), Ids({1}));
  EXPECT_EQ(Find(Query::Prefix(Field::kFileName, "report_f")), Ids({2}));
  EXPECT_EQ(Find(Query::Prefix(Field::kBody, "")), Ids({}));
}

TEST_P(IndexTest, DateRanges) {
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

TEST_P(IndexTest, SizeRanges) {
  EXPECT_EQ(Find(Query::SizeRange(1000, 5000)), Ids({1, 3}));
  EXPECT_EQ(Find(Query::SizeRange(0, 1000)), Ids({4, 5}));
  EXPECT_EQ(Find(Query::SizeRange(10000, std::numeric_limits<uint64_t>::max())), Ids({2}));
  EXPECT_EQ(Find(Query::SizeRange(1200, 1200)), Ids({1}));
}

TEST_P(IndexTest, IdsAllNone) {
  EXPECT_EQ(Find(Query::Ids({4, 2, 99})), Ids({2, 4}));
  EXPECT_EQ(Find(Query::Ids({})), Ids({}));
  EXPECT_EQ(Find(Query::All()), Ids({1, 2, 3, 4, 5}));
  EXPECT_EQ(Find(Query::None()), Ids({}));
}

TEST_P(IndexTest, BooleanCombinations) {
  Query customs = Query::Term(Field::kAny, "customs");
  Query ice = Query::Term(Field::kAny, "ice");
  EXPECT_EQ(Find(Query::Or({ice, Query::Term(Field::kType, "pdf")})), Ids({1, 2, 3}));
  EXPECT_EQ(Find(Query::And({customs, ice})), Ids({1, 3}));
  EXPECT_EQ(Find(Query::AndNot(customs, ice)), Ids({2, 4}));
  EXPECT_EQ(Find(Query::AndNot(Query::All(), customs)), Ids({5}));
  EXPECT_EQ(Find(Query::And({})), Ids({1, 2, 3, 4, 5}));
  EXPECT_EQ(Find(Query::Or({})), Ids({}));
}

TEST_P(IndexTest, ExactTotalsAndPaging) {
  auto result = reader_->Search(Query::Term(Field::kAny, "customs"), {.offset = 1, .limit = 2});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->total, 4u);
  ASSERT_EQ(result->hits.size(), 2u);
  EXPECT_EQ(result->hits[0].rank, 1);
  EXPECT_EQ(result->hits[1].rank, 2);
  EXPECT_GT(result->hits[0].score, 0);
}

TEST_P(IndexTest, RelevanceOrder) {
  auto result = reader_->Search(Query::Term(Field::kBody, "enforcement"), {});
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->hits.size(), 2u);
  EXPECT_EQ(result->hits[0].id, 5);  // three times in three words
  EXPECT_EQ(result->hits[1].id, 1);
  EXPECT_GE(result->hits[0].score, result->hits[1].score);
}

TEST_P(IndexTest, DateOrderPutsUndatedLast) {
  auto result = reader_->Search(Query::All(), {.by_date = true});
  ASSERT_TRUE(result.ok());
  Ids order;
  for (const Hit& hit : result->hits) order.push_back(hit.id);
  // 1 and 2 share a date: the id breaks the tie.
  EXPECT_EQ(order, Ids({4, 1, 2, 3, 5}));
  EXPECT_EQ(result->total, 5u);
}

TEST_P(IndexTest, ReAddReplaces) {
  IndexDocument changed = Corpus()[3];
  changed.text = "Rewritten minutes.";
  ASSERT_TRUE(writer_->Add(Prepare(changed)).ok());
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_EQ(reader_->DocumentCount().value(), 5u);
  EXPECT_EQ(Find(Query::Term(Field::kBody, "minutes")), Ids({4}));
  EXPECT_EQ(Find(Query::Term(Field::kBody, "meeting")), Ids({}));
}

TEST_P(IndexTest, SetIdentityAfterPrepare) {
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

TEST_P(IndexTest, FilterTermsAreReplacedWholeAndLeaveTheRestAlone) {
  ASSERT_TRUE(writer_->ReplaceFilterTerms(2, {"XISduplicate", "XTHREAD1"}).ok());
  ASSERT_TRUE(writer_->ReplaceFilterTerms(4, {"XISinclusive", "XTHREAD1", "XNEAR4"}).ok());
  ASSERT_TRUE(writer_->ReplaceFilterTerms(99, {"XISduplicate"}).ok());  // not indexed: no-op
  EXPECT_FALSE(writer_->ReplaceFilterTerms(2, {"Sduplicate"}).ok());    // not a filter term
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_EQ(Find(Query::Term(Field::kIs, "duplicate")), Ids({2}));
  EXPECT_EQ(Find(Query::Term(Field::kIs, "Inclusive")), Ids({4}));
  EXPECT_EQ(Find(Query::Term(Field::kThread, "1")), Ids({2, 4}));
  EXPECT_EQ(Find(Query::Term(Field::kNearGroup, "4")), Ids({4}));
  EXPECT_EQ(reader_->DocumentCount().value(), 5u);
  // The text of a marked document is still found.
  Ids before = Find(Query::Term(Field::kAny, "enforcement"));
  EXPECT_FALSE(before.empty());

  // A second run replaces what the first wrote.
  ASSERT_TRUE(writer_->ReplaceFilterTerms(2, {}).ok());
  ASSERT_TRUE(writer_->ReplaceFilterTerms(4, {"XTHREAD3"}).ok());
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_EQ(Find(Query::Term(Field::kIs, "duplicate")), Ids({}));
  EXPECT_EQ(Find(Query::Term(Field::kThread, "1")), Ids({}));
  EXPECT_EQ(Find(Query::Term(Field::kThread, "3")), Ids({4}));
  EXPECT_EQ(Find(Query::Term(Field::kAny, "enforcement")), before);
}

TEST_P(IndexTest, DeleteAndDeleteAbove) {
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

TEST_P(IndexTest, SnippetMarksMatchedWords) {
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
  // A stem marks the words of the text that share it; a plain word marks only itself.
  snippet = reader_->Snippet(Query::Stemmed(Field::kBody, "raiding"), text, 300, "[", "]");
  EXPECT_NE(snippet.find("[raid]"), std::string::npos) << snippet;
  snippet = reader_->Snippet(Query::Term(Field::kBody, "raids"), text, 300, "[", "]");
  EXPECT_EQ(snippet.find("[raid]"), std::string::npos) << snippet;
  EXPECT_EQ(reader_->Snippet(Query::Term(Field::kAny, "customs"), "", 300, "[", "]"), "");
}

TEST_P(IndexTest, SecondWriterIsAConflict) {
  auto second = IndexWriter::Open(dir_);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kConflict);
  EXPECT_NE(second.status().message().find("another bates process"), std::string::npos)
      << second.status().message();
}

TEST_P(IndexTest, DescribeIsXapians) {
  EXPECT_EQ(Query::Term(Field::kFrom, "Chief@PD.larkspur.example").Describe(),
            "Query(XFROMchief@pd.larkspur.example)");
  EXPECT_EQ(Query::Phrase(Field::kSubject, {"Use", "of", "force"}).Describe(),
            "Query((Suse PHRASE 3 Sof PHRASE 3 Sforce))");
}

std::string ShardsName(const ::testing::TestParamInfo<uint32_t>& param) {
  return "N" + std::to_string(param.param);
}

INSTANTIATE_TEST_SUITE_P(Shards, IndexTest, ::testing::Values(1u, 3u), ShardsName);

IndexDocument Numbered(int64_t id, const std::string& text) {
  IndexDocument doc;
  doc.id = id;
  doc.family_id = id;
  doc.text = text;
  return doc;
}

Ids Range(int64_t first, int64_t last) {
  Ids ids;
  for (int64_t id = first; id <= last; ++id) ids.push_back(id);
  return ids;
}

// Every match's id, as a search for one page of hits collects them (the search screen's facets).
Ids CollectedIds(IndexReader& reader, const Query& query) {
  SearchOptions options;
  options.limit = 2;
  options.collect_ids = true;
  Result<SearchResult> result = reader.Search(query, options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok()) return {};
  EXPECT_EQ(result->matching_ids.size(), result->total);
  EXPECT_LE(result->hits.size(), 2u);
  Ids ids = result->matching_ids;
  std::sort(ids.begin(), ids.end());
  return ids;
}

class ShardLayoutTest : public ::testing::TestWithParam<uint32_t> {};

// Hits carry Xapian's combined docid: with item id i stored as document (i-1)/N+1 of shard
// (i-1)%N, that docid must be the item id itself.
TEST_P(ShardLayoutTest, CombinedDocidIsTheItemId) {
  const uint32_t shards = GetParam();
  std::filesystem::path dir = FreshDir("layout");
  {
    auto writer = IndexWriter::Create(dir, {.shards = shards});
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    EXPECT_EQ((*writer)->shards(), shards);
    // Out of order, as a re-run after a crash may add them.
    for (int64_t id = 1000; id >= 1; --id) {
      ASSERT_TRUE((*writer)->Add(Prepare(Numbered(id, "word"))).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    EXPECT_EQ((*writer)->DocumentCount().value(), 1000u);
  }
  for (uint32_t s = 0; s < shards; ++s) {
    EXPECT_TRUE(std::filesystem::exists(dir / ("shard-" + std::to_string(s)) / "iamglass"));
  }
  Xapian::Database db(dir.string());
  EXPECT_EQ(db.get_doccount(), 1000u);
  EXPECT_EQ(db.get_lastdocid(), 1000u);
  for (Xapian::docid docid = 1; docid <= 1000; ++docid) {
    ASSERT_EQ(db.get_document(docid).get_data(), std::to_string(docid)) << docid;
  }
  auto reader = IndexReader::Open(dir);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->MatchingIds(Query::All()).value(), Range(1, 1000));
  EXPECT_EQ((*reader)->MatchingIds(Query::Ids({999, 7, 500})).value(), Ids({7, 500, 999}));
  EXPECT_EQ(CollectedIds(**reader, Query::Term(Field::kBody, "word")), Range(1, 1000));
  EXPECT_EQ(CollectedIds(**reader, Query::Ids({999, 7, 500})), Ids({7, 500, 999}));
  std::filesystem::remove_all(dir);
}

TEST_P(ShardLayoutTest, DeleteAboveAndReAdd) {
  const uint32_t shards = GetParam();
  std::filesystem::path dir = FreshDir("delete");
  auto writer = IndexWriter::Create(dir, {.shards = shards});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (int64_t id = 1; id <= 20; ++id) {
    ASSERT_TRUE((*writer)->Add(Prepare(Numbered(id, "first"))).ok());
  }
  ASSERT_TRUE((*writer)->Commit().ok());
  auto reader = IndexReader::Open(dir);
  ASSERT_TRUE(reader.ok());
  for (int64_t bound : {19, 11, 10, 1}) {
    ASSERT_TRUE((*writer)->DeleteAbove(bound).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    EXPECT_EQ((*reader)->MatchingIds(Query::All()).value(), Range(1, bound)) << bound;
    EXPECT_EQ((*writer)->DocumentCount().value(), static_cast<uint64_t>(bound));
  }
  // The ids come back, as a re-run adds them, below each shard's highest docid so far.
  for (int64_t id = 2; id <= 12; ++id) {
    ASSERT_TRUE((*writer)->Add(Prepare(Numbered(id, "second"))).ok());
  }
  ASSERT_TRUE((*writer)->Delete(5).ok());
  ASSERT_TRUE((*writer)->Delete(5).ok());   // gone already: not an error
  ASSERT_TRUE((*writer)->Delete(99).ok());  // never there
  ASSERT_TRUE((*writer)->Commit().ok());
  Ids expected = Range(2, 12);
  expected.erase(expected.begin() + 3);  // 5
  EXPECT_EQ((*reader)->MatchingIds(Query::Term(Field::kBody, "second")).value(), expected);
  EXPECT_EQ((*reader)->MatchingIds(Query::Term(Field::kBody, "first")).value(), Ids({1}));
  ASSERT_TRUE((*writer)->DeleteAbove(0).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ((*reader)->DocumentCount().value(), 0u);
  reader->reset();
  writer->reset();
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Shards, ShardLayoutTest, ::testing::Values(1u, 2u, 3u), ShardsName);

TEST(IndexWriterTest, ShardCountIsFixedAtCreation) {
  std::filesystem::path dir = FreshDir("fixed");
  {
    auto writer = IndexWriter::Create(dir, {.shards = 3});
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  }
  auto again = IndexWriter::Create(dir, {.shards = 3});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto reopened = IndexWriter::Open(dir, {.shards = 5});
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->shards(), 3u);
  reopened->reset();

  // Open creates an index where there is none, with the default number of shards.
  std::filesystem::path fresh = dir / "fresh";
  auto created = IndexWriter::Open(fresh);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ((*created)->shards(), IndexWriterOptions{}.shards);
  created->reset();

  for (uint32_t shards : {0u, kMaxShards + 1}) {
    auto bad = IndexWriter::Create(dir / "bad", {.shards = shards});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  }
  std::filesystem::remove_all(dir);
}

// An index made before sharding is one glass database in the folder, addressed by the id term;
// its docids need not be item ids (a re-run after a crash gave an id a new docid).
TEST(IndexWriterTest, UnshardedIndexStillWorks) {
  std::filesystem::path dir = FreshDir("legacy");
  {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    auto old = [](int64_t id, const std::string& word) {
      Xapian::Document doc;
      doc.add_term(word);
      doc.add_boolean_term(internal::IdTerm(id));
      doc.set_data(std::to_string(id));
      doc.add_value(schema::kIdSlot, internal::SerialiseInt(id));
      return doc;
    };
    db.add_document(old(1, "one"));
    db.add_document(old(2, "two"));
    db.add_document(old(3, "lost"));
    db.delete_document(3);
    db.add_document(old(3, "three"));  // docid 4
    db.commit();
  }
  auto writer = IndexWriter::Open(dir, {.shards = 3});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  EXPECT_EQ((*writer)->shards(), 1u);
  EXPECT_FALSE(std::filesystem::exists(dir / "XAPIANDB"));
  // Item 4 must not land on docid 4, which holds item 3.
  ASSERT_TRUE((*writer)->Add(Prepare(Numbered(4, "four"))).ok());
  ASSERT_TRUE((*writer)->Add(Prepare(Numbered(2, "deux"))).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  auto reader = IndexReader::Open(dir);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->MatchingIds(Query::All()).value(), Ids({1, 2, 3, 4}));
  EXPECT_EQ((*reader)->MatchingIds(Query::Term(Field::kBody, "three")).value(), Ids({3}));
  EXPECT_EQ((*reader)->MatchingIds(Query::Term(Field::kBody, "four")).value(), Ids({4}));
  EXPECT_EQ((*reader)->MatchingIds(Query::Term(Field::kBody, "two")).value(), Ids({}));
  EXPECT_EQ(CollectedIds(**reader, Query::All()), Ids({1, 2, 3, 4}));
  EXPECT_EQ(CollectedIds(**reader, Query::Term(Field::kBody, "three")), Ids({3}));
  ASSERT_TRUE((*writer)->DeleteAbove(2).ok());
  ASSERT_TRUE((*writer)->Delete(1).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ((*reader)->MatchingIds(Query::All()).value(), Ids({2}));
  reader->reset();
  writer->reset();
  std::filesystem::remove_all(dir);
}

// A shard thread's failure comes back from the next call, and from every call after it: the
// shards' uncommitted work is gone, so nothing more may be committed.
TEST(IndexWriterTest, ShardFailureIsReportedAndSticks) {
  std::filesystem::path dir = FreshDir("failure");
  auto writer = IndexWriter::Create(dir, {.shards = 2});
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (int64_t id = 1; id <= 4; ++id) {
    ASSERT_TRUE((*writer)->Add(Prepare(Numbered(id, "kept"))).ok());
  }
  ASSERT_TRUE((*writer)->Commit().ok());
  // Glass commits by renaming a new version file over iamglass; a directory there fails it.
  std::filesystem::remove(dir / "shard-1" / "iamglass");
  std::filesystem::create_directories(dir / "shard-1" / "iamglass" / "blocker");
  ASSERT_TRUE((*writer)->Add(Prepare(Numbered(5, "lost"))).ok());
  ASSERT_TRUE((*writer)->Add(Prepare(Numbered(6, "lost"))).ok());
  Status commit = (*writer)->Commit();
  ASSERT_FALSE(commit.ok());
  EXPECT_NE(commit.message().find("shard-1"), std::string::npos) << commit.message();
  EXPECT_FALSE((*writer)->Add(Prepare(Numbered(7, "lost"))).ok());  // shard 0's turn
  EXPECT_FALSE((*writer)->Add(Prepare(Numbered(8, "lost"))).ok());
  EXPECT_FALSE((*writer)->Delete(1).ok());
  EXPECT_FALSE((*writer)->Commit().ok());
  EXPECT_FALSE((*writer)->DocumentCount().ok());
  writer->reset();
  std::filesystem::remove_all(dir);
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
