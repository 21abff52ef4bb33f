// The conformance table of docs/QUERY-LANGUAGE.md: every construct of the language, run against a
// small hand-built case whose answers are known by reading it. Each TEST here is named in the
// table's "test" column.
#include <gtest/gtest.h>

#include "search/compile.h"
#include "search/test_index.h"

namespace bates::search {
namespace {

using Ids = std::vector<int64_t>;

int64_t Utc(int y, int mo, int d) { return UnixSecondsFromCivil({{y, mo, d}, 12, 0, 0}); }

index::IndexDocument Doc(int64_t id, std::string text, std::string custodian) {
  index::IndexDocument doc;
  doc.id = doc.family_id = id;
  doc.kind = model::ItemKind::kEmail;
  doc.mime_type = "message/rfc822";
  doc.text = std::move(text);
  doc.custodian = std::move(custodian);
  doc.size = 2000;
  return doc;
}

// The fictional city's records (reserved .example domains). Word positions matter to the
// proximity tests; they are counted in the comments.
std::vector<index::IndexDocument> Records() {
  std::vector<index::IndexDocument> docs;
  // The(1) chief(2) issued(3) a(4) directive(5) on(6) ICE(7) detainers(8)
  index::IndexDocument d1 = Doc(1, "The chief issued a directive on ICE detainers.", "Chief Ramos");
  d1.subject = "Directive 17-03";
  d1.from = {{"Chief Ramos", "chief@pd.larkspur.example"}};
  d1.to = {{"Records Desk", "records@city.larkspur.example"}};
  d1.cc = {{"Mayor Okafor", "mayor@city.larkspur.example"}};
  d1.sent = d1.sort_date = Utc(2017, 3, 5);
  docs.push_back(d1);
  // Officers(1) must(2) not(3) communicate(4) with(5) Immigration(6) and(7) Customs(8)
  // Enforcement(9) ...
  index::IndexDocument d2 =
      Doc(2,
          "Officers must not communicate with Immigration and Customs Enforcement. Write to "
          "records.liaison@dhs.example instead.",
          "Chief Ramos");
  d2.subject = "Training bulletin";
  d2.from = {{"Sgt. Lopez", "sgt.lopez@pd.larkspur.example"}};
  d2.to = {{"All Staff", "all-staff@pd.larkspur.example"}};
  d2.bcc = {{"Counsel", "counsel@law.example"}};
  d2.sent = d2.sort_date = Utc(2017, 6, 1);
  docs.push_back(d2);
  // Officers(1) shall(2) not(3) honor(4) ICE(5) detainer(6) requests(7) ...
  index::IndexDocument d3 =
      Doc(3, "Officers shall not honor ICE detainer requests without a judicial warrant.",
          "Chief Ramos");
  d3.kind = model::ItemKind::kFile;
  d3.mime_type = "application/pdf";
  d3.subject = "General Order 2017-4";
  d3.file_name = "general_order_2017-4.pdf";
  d3.created = Utc(2017, 2, 1);
  d3.modified = d3.sort_date = Utc(2017, 2, 10);
  d3.size = 50000;
  docs.push_back(d3);
  // Guidance(1) from(2) Homeland(3) Security(4) arrived(5) with(6) instructions(7)
  index::IndexDocument d4 =
      Doc(4, "Guidance from Homeland Security arrived with instructions.", "Chief Ramos");
  d4.subject = "DHS guidance";
  d4.from = {{"Renée Müller", "renee.muller@dhs.example"}};
  d4.sent = d4.sort_date = Utc(2018, 1, 10);
  docs.push_back(d4);
  index::IndexDocument d5 = Doc(5, "The café served coffee to the naïve visitors.", "Chief Ramos");
  d5.subject = "Lunch";
  d5.sent = d5.sort_date = Utc(2016, 12, 1);
  docs.push_back(d5);
  index::IndexDocument d6 =
      Doc(6, "A polcy draft and the directive were circulated.", "Records Unit");
  d6.sent = d6.sort_date = Utc(2017, 9, 1);
  docs.push_back(d6);
  // ICE(1) agents(2) visited(3) the(4) station(5) yesterday(6) and(7) then(8) after(9) lunch(10)
  // an(11) order(12) was(13) read(14)
  docs.push_back(
      Doc(7, "ICE agents visited the station yesterday and then after lunch an order was read.",
          "Records Unit"));
  // The(1) order(2) regarding(3) ICE(4) was(5) rescinded(6)
  docs.push_back(Doc(8, "The order regarding ICE was rescinded.", "Records Unit"));
  // Directed(1) by(2) counsel(3) orders(4) and(5) directives(6) about(7) immigration(8)
  docs.push_back(
      Doc(9, "Directed by counsel: orders and directives about immigration.", "Records Unit"));
  return docs;
}

class Conformance : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { index_ = new testing::TestIndex("conformance", Records()); }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }

  static Ids Find(const std::string& query, bool phrase = false) {
    ParseOptions parse;
    parse.spaces_mean_phrase = phrase;
    Result<index::Query> compiled = CompileQuery(query, parse, CompileOptions{});
    EXPECT_TRUE(compiled.ok()) << query << ": " << compiled.status().ToString();
    if (!compiled.ok()) return {};
    auto ids = index_->reader().MatchingIds(*compiled);
    EXPECT_TRUE(ids.ok()) << query << ": " << ids.status().ToString();
    return ids.ok() ? *ids : Ids{};
  }

  static testing::TestIndex* index_;
};

testing::TestIndex* Conformance::index_ = nullptr;

TEST_F(Conformance, WordsAreCaseInsensitive) {
  EXPECT_EQ(Find("ice"), Ids({1, 3, 7, 8}));
  EXPECT_EQ(Find("ICE"), Ids({1, 3, 7, 8}));
  EXPECT_EQ(Find("Ice"), Ids({1, 3, 7, 8}));
}

TEST_F(Conformance, AndOrNot) {
  EXPECT_EQ(Find("ice AND detainer"), Ids({3}));
  EXPECT_EQ(Find("ice and detainer"), Ids({3}));
  EXPECT_EQ(Find("detainer OR detainers"), Ids({1, 3}));
  EXPECT_EQ(Find("ice NOT detainer"), Ids({1, 7, 8}));
  EXPECT_EQ(Find("ice AND NOT order"), Ids({1}));
  EXPECT_EQ(Find("NOT ice"), Ids({2, 4, 5, 6, 9}));
}

TEST_F(Conformance, Parentheses) {
  // Doc 3 has "order" in its subject and ICE in its body: both are searched by default.
  EXPECT_EQ(Find("(order OR directive) AND ice"), Ids({1, 3, 7, 8}));
  EXPECT_EQ(Find("order OR (directive AND ice)"), Ids({1, 3, 7, 8}));
  EXPECT_EQ(Find("(order OR directive) AND NOT (ice OR polcy)"), Ids({}));
}

TEST_F(Conformance, SpacesMeanAndOrPhrase) {
  EXPECT_EQ(Find("ice detainer"), Ids({3}));
  EXPECT_EQ(Find("security homeland"), Ids({4}));
  EXPECT_EQ(Find("security homeland", true), Ids({}));
  EXPECT_EQ(Find("homeland security", true), Ids({4}));
  EXPECT_EQ(Find("homeland security OR coffee", true), Ids({4, 5}));
}

TEST_F(Conformance, Phrases) {
  EXPECT_EQ(Find("\"immigration and customs\""), Ids({2}));
  EXPECT_EQ(Find("\"customs and immigration\""), Ids({}));
  EXPECT_EQ(Find("\xE2\x80\x9Chomeland security\xE2\x80\x9D"), Ids({4}));
}

TEST_F(Conformance, WithinEitherOrder) {
  EXPECT_EQ(Find("ice w/2 directive"), Ids({1}));
  EXPECT_EQ(Find("directive w/2 ice"), Ids({1}));
  EXPECT_EQ(Find("ice w/1 directive"), Ids({}));
  EXPECT_EQ(Find("order w/2 ice"), Ids({8}));
  EXPECT_EQ(Find("order w/10 ice"), Ids({8}));
  EXPECT_EQ(Find("order w/11 ice"), Ids({7, 8}));
  // Doc 3's "order" is in its subject, its ICE in the body: a distance is within one field.
  EXPECT_EQ(Find("order w/50 honor"), Ids({}));
}

TEST_F(Conformance, PrecedesInOrder) {
  EXPECT_EQ(Find("order pre/2 ice"), Ids({8}));
  EXPECT_EQ(Find("ice pre/2 order"), Ids({}));
  EXPECT_EQ(Find("ice pre/11 order"), Ids({7}));
  EXPECT_EQ(Find("ice PRE/10 order"), Ids({}));
}

TEST_F(Conformance, NotWithin) {
  EXPECT_EQ(Find("ice not w/3 order"), Ids({1, 3, 7}));
  EXPECT_EQ(Find("ice NOT W/20 order"), Ids({1, 3}));
  // not pre/N: only an order after the ICE counts against it.
  EXPECT_EQ(Find("ice not pre/3 order"), Ids({1, 3, 7, 8}));
}

TEST_F(Conformance, ProximityBetweenGroups) {
  EXPECT_EQ(Find("(order* OR directive*) w/10 (ICE OR \"immigration and customs\")"), Ids({1, 8}));
  EXPECT_EQ(Find("(order* OR directive*) w/5 immigration"), Ids({9}));
  EXPECT_EQ(Find("\"homeland security\" w/3 instructions"), Ids({4}));
  EXPECT_EQ(Find("\"homeland security\" w/2 instructions"), Ids({}));
  // Nested: the span of "order ... ICE" (2..4) then within 2 of "rescinded" (6).
  EXPECT_EQ(Find("(order w/2 ice) w/2 rescinded"), Ids({8}));
  EXPECT_EQ(Find("order w/2 ice w/1 rescinded"), Ids({}));
  // A word on both sides: two different occurrences are needed.
  EXPECT_EQ(Find("ice w/5 ice"), Ids({}));
}

TEST_F(Conformance, Wildcards) {
  EXPECT_EQ(Find("direct*"), Ids({1, 6, 9}));
  EXPECT_EQ(Find("d?rect*ve"), Ids({1, 6}));
  EXPECT_EQ(Find("*tives"), Ids({9}));
  EXPECT_EQ(Find("detaine?"), Ids({3}));
  EXPECT_EQ(Find("subject:direct*"), Ids({1}));
  // In quotes: a phrase whose words may be wildcards.
  EXPECT_EQ(Find("\"ice detain*\""), Ids({1, 3}));
  EXPECT_EQ(Find("\"a d?rect* on\""), Ids({1}));
  EXPECT_EQ(Find("\"detain* ice\""), Ids({}));
}

TEST_F(Conformance, Stemming) {
  EXPECT_EQ(Find("detainer~"), Ids({1, 3}));
  EXPECT_EQ(Find("officer~"), Ids({2, 3}));
  EXPECT_EQ(Find("detainer"), Ids({3}));
}

TEST_F(Conformance, Fuzzy) {
  EXPECT_EQ(Find("%policy"), Ids({6}));
  EXPECT_EQ(Find("%pocly"), Ids({}));
  EXPECT_EQ(Find("%%pocly"), Ids({6}));
  // Letters before the '%' must match: "po" is kept, so "polcy" is one edit from "policy".
  EXPECT_EQ(Find("po%licy"), Ids({6}));
  EXPECT_EQ(Find("xo%licy"), Ids({}));
}

TEST_F(Conformance, AddressFields) {
  EXPECT_EQ(Find("from:chief@pd.larkspur.example"), Ids({1}));
  EXPECT_EQ(Find("from:pd.larkspur.example"), Ids({1, 2}));
  EXPECT_EQ(Find("from:larkspur.example"), Ids({1, 2}));
  EXPECT_EQ(Find("from:chief"), Ids({1}));
  EXPECT_EQ(Find("from:lopez"), Ids({2}));
  EXPECT_EQ(Find("to:records@city.larkspur.example"), Ids({1}));
  EXPECT_EQ(Find("cc:mayor"), Ids({1}));
  EXPECT_EQ(Find("bcc:counsel@law.example"), Ids({2}));
  EXPECT_EQ(Find("participants:law.example"), Ids({2}));
  EXPECT_EQ(Find("participants:city.larkspur.example"), Ids({1}));
}

TEST_F(Conformance, AddressesInText) {
  EXPECT_EQ(Find("records.liaison@dhs.example"), Ids({2}));
  EXPECT_EQ(Find("liaison"), Ids({2}));
  EXPECT_EQ(Find("dhs.example"), Ids({2}));
}

TEST_F(Conformance, OtherFields) {
  EXPECT_EQ(Find("subject:directive"), Ids({1}));
  EXPECT_EQ(Find("subject:ice"), Ids({}));
  EXPECT_EQ(Find("body:directive"), Ids({1, 6}));
  EXPECT_EQ(Find("custodian:ramos"), Ids({1, 2, 3, 4, 5}));
  EXPECT_EQ(Find("custodian:\"records unit\""), Ids({6, 7, 8, 9}));
  EXPECT_EQ(Find("filename:general"), Ids({3}));
  EXPECT_EQ(Find("filename:general_order_2017-4.pdf"), Ids({3}));
  EXPECT_EQ(Find("type:pdf"), Ids({3}));
  EXPECT_EQ(Find("type:email NOT ice"), Ids({2, 4, 5, 6, 9}));
}

TEST_F(Conformance, DateRanges) {
  EXPECT_EQ(Find("sent:2017"), Ids({1, 2, 6}));
  EXPECT_EQ(Find("sent:2017-01-01..2017-06-01"), Ids({1, 2}));
  EXPECT_EQ(Find("created:2017-02-01"), Ids({3}));
  EXPECT_EQ(Find("modified:2017-02"), Ids({3}));
  EXPECT_EQ(Find("date:..2016-12-31"), Ids({5}));
  EXPECT_EQ(Find("date:2018.."), Ids({4}));
}

TEST_F(Conformance, SizeRanges) {
  EXPECT_EQ(Find("size:10k.."), Ids({3}));
  EXPECT_EQ(Find("size:..2000 ice"), Ids({1, 7, 8}));
}

TEST_F(Conformance, DiacriticsFolded) {
  EXPECT_EQ(Find("cafe"), Ids({5}));
  EXPECT_EQ(Find("café"), Ids({5}));
  EXPECT_EQ(Find("NAIVE"), Ids({5}));
  EXPECT_EQ(Find("from:renee"), Ids({4}));
  EXPECT_EQ(Find("from:Müller"), Ids({4}));
  EXPECT_EQ(Find("from:\"Renée Müller\""), Ids({4}));
}

TEST_F(Conformance, ErrorsNameTheColumn) {
  Result<index::Query> bad = CompileQuery("ice w/5 (raid AND x)", {}, CompileOptions{});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("column 10:"), std::string::npos) << bad.status().message();
}

}  // namespace
}  // namespace bates::search
