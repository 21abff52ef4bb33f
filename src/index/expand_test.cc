// Expansion of wildcards, fuzzy words and stems against a term list, and proximity occurrences.
#include "index/expand.h"

#include <gtest/gtest.h>

#include <map>

#include "index/proximity.h"
#include "index/xapian_internal.h"

namespace bates::index::internal {
namespace {

TEST(ExpandTest, WildcardsMatchByCodePoint) {
  EXPECT_TRUE(WildcardMatches("d?rect*ve", "directive"));
  EXPECT_FALSE(WildcardMatches("d?rect*ve", "directives"));
  EXPECT_TRUE(WildcardMatches("*tives", "directives"));
  EXPECT_TRUE(WildcardMatches("m?ller", "müller"));
  EXPECT_TRUE(WildcardMatches("a*b*c", "axxbyyc"));
  EXPECT_FALSE(WildcardMatches("a*b*c", "axxbyy"));
}

TEST(ExpandTest, EditDistanceStopsAtItsLimit) {
  EXPECT_EQ(EditDistance("policy", "polcy", 2), 1u);
  EXPECT_EQ(EditDistance("pocly", "polcy", 2), 2u);
  EXPECT_EQ(EditDistance("pocly", "polcy", 1), 2u);  // over the limit: limit + 1
  EXPECT_EQ(EditDistance("müller", "muller", 1), 1u);
  EXPECT_EQ(EditDistance("a", "abcdef", 2), 3u);
}

TEST(ExpandTest, ExpandsAgainstOneFieldsTerms) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  for (const char* term :
       {"directive", "directives", "directed", "polcy", "Sdirective", "XFNdirect", "Zdirect"}) {
    doc.add_term(term);
  }
  db.add_document(doc);
  Expander expander(db);
  EXPECT_EQ(expander.Wildcard("", "d*ve"), (std::vector<std::string>{"directive"}));
  EXPECT_EQ(expander.Wildcard("S", "d*"), (std::vector<std::string>{"Sdirective"}));
  EXPECT_EQ(expander.Wildcard("", "*"),
            (std::vector<std::string>{"directed", "directive", "directives", "polcy"}));
  EXPECT_EQ(expander.Fuzzy("", "policy", 1, 0), (std::vector<std::string>{"polcy"}));
  EXPECT_EQ(expander.Fuzzy("", "policy", 1, 4), (std::vector<std::string>{}));
  EXPECT_EQ(expander.Stemmed("", "directives"),
            (std::vector<std::string>{"directed", "directive", "directives"}));
}

TEST(ExpandTest, TooManyWordsIsAnError) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  for (size_t i = 0; i <= kMaxExpansion; ++i) doc.add_term("w" + std::to_string(i));
  db.add_document(doc);
  Expander expander(db);
  EXPECT_THROW(expander.Wildcard("", "w*"), ExpansionError);
}

TEST(ProximityTest, OccurrencesOfPhrasesGroupsAndNesting) {
  // order(2) regarding(3) ice(4) was(5) rescinded(6)
  std::map<std::string, std::vector<uint32_t>> positions = {
      {"order", {2}}, {"regarding", {3}}, {"ice", {4}}, {"rescinded", {6}}};
  auto of = [&](const std::string& term) -> const std::vector<uint32_t>& {
    static const std::vector<uint32_t> kNone;
    auto it = positions.find(term);
    return it == positions.end() ? kNone : it->second;
  };
  Pattern order{Pattern::Kind::kSequence, {{"order"}}, {}, 0, false, false};
  Pattern ice{Pattern::Kind::kSequence, {{"ice"}}, {}, 0, false, false};
  Pattern phrase{Pattern::Kind::kSequence, {{"regarding"}, {"ice"}}, {}, 0, false, false};
  Pattern near{Pattern::Kind::kNear, {}, {order, ice}, 2, false, false};
  EXPECT_EQ(Occurrences(near, of), (std::vector<Span>{{2, 4}}));
  near.distance = 1;
  EXPECT_TRUE(Occurrences(near, of).empty());
  Pattern ordered{Pattern::Kind::kNear, {}, {ice, order}, 5, true, false};
  EXPECT_TRUE(Occurrences(ordered, of).empty());
  Pattern to_phrase{Pattern::Kind::kNear, {}, {order, phrase}, 1, false, false};
  EXPECT_EQ(Occurrences(to_phrase, of), (std::vector<Span>{{2, 4}}));
  Pattern negated{Pattern::Kind::kNear, {}, {ice, order}, 1, false, true};
  EXPECT_EQ(Occurrences(negated, of), (std::vector<Span>{{4, 4}}));
  negated.distance = 2;
  EXPECT_TRUE(Occurrences(negated, of).empty());
}

}  // namespace
}  // namespace bates::index::internal
