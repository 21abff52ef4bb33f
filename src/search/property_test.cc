// Property test: on random documents, boolean and proximity queries find exactly what a
// brute-force scan of the same documents finds. The scan reads the words of each document and
// applies the language's meaning directly (docs/QUERY-LANGUAGE.md), without the index, the
// compiler or Xapian; the queries are written as text and go through the whole parser.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "search/compile.h"
#include "search/test_index.h"

namespace bates::search {
namespace {

const std::vector<std::string> kVocabulary = {"alpha", "bravo", "delta", "echo",
                                              "golf",  "kilo",  "lima",  "oscar"};

using Words = std::vector<std::string>;

// A query as text, and what it means for the scan.
struct Expr {
  enum class Kind { kWord, kPhrase, kOr, kNear, kAnd, kNot } kind = Kind::kWord;
  Words words;
  std::vector<Expr> children;
  uint32_t distance = 0;
  bool ordered = false, negated = false;

  std::string Text() const {
    auto join = [](const Words& w) {
      std::string out;
      for (const std::string& s : w) out += (out.empty() ? "" : " ") + s;
      return out;
    };
    switch (kind) {
      case Kind::kWord:
        return words[0];
      case Kind::kPhrase:
        return "\"" + join(words) + "\"";
      case Kind::kOr:
        return "(" + children[0].Text() + " OR " + children[1].Text() + ")";
      case Kind::kNear:
        return "(" + children[0].Text() + (negated ? " NOT " : " ") + (ordered ? "pre/" : "w/") +
               std::to_string(distance) + " " + children[1].Text() + ")";
      case Kind::kAnd:
        return "(" + children[0].Text() + " AND " + children[1].Text() + ")";
      case Kind::kNot:
        return "(" + children[0].Text() + " AND NOT " + children[1].Text() + ")";
    }
    return "";
  }
};

struct Span {
  size_t start, end;
  bool operator<(const Span& o) const { return std::tie(start, end) < std::tie(o.start, o.end); }
  bool operator==(const Span& o) const { return start == o.start && end == o.end; }
};

// Where a positional expression occurs in a document's words.
std::vector<Span> Spans(const Expr& e, const Words& doc) {
  std::vector<Span> out;
  switch (e.kind) {
    case Expr::Kind::kWord:
    case Expr::Kind::kPhrase:
      for (size_t i = 0; i + e.words.size() <= doc.size(); ++i) {
        if (std::equal(e.words.begin(), e.words.end(), doc.begin() + static_cast<long>(i))) {
          out.push_back({i, i + e.words.size() - 1});
        }
      }
      return out;
    case Expr::Kind::kOr:
      for (const Expr& c : e.children) {
        for (const Span& s : Spans(c, doc)) out.push_back(s);
      }
      break;
    case Expr::Kind::kNear: {
      std::vector<Span> a = Spans(e.children[0], doc), b = Spans(e.children[1], doc);
      for (const Span& x : a) {
        bool near = false;
        for (const Span& y : b) {
          bool ok = (x.end < y.start && y.start - x.end <= e.distance) ||
                    (!e.ordered && y.end < x.start && x.start - y.end <= e.distance);
          if (!ok) continue;
          near = true;
          if (!e.negated) out.push_back({std::min(x.start, y.start), std::max(x.end, y.end)});
        }
        if (e.negated && !near) out.push_back(x);
      }
      break;
    }
    default:
      break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Matches(const Expr& e, const Words& doc) {
  switch (e.kind) {
    case Expr::Kind::kAnd:
      return Matches(e.children[0], doc) && Matches(e.children[1], doc);
    case Expr::Kind::kNot:
      return Matches(e.children[0], doc) && !Matches(e.children[1], doc);
    case Expr::Kind::kOr:
      return Matches(e.children[0], doc) || Matches(e.children[1], doc);
    default:
      return !Spans(e, doc).empty();
  }
}

class Generator {
 public:
  explicit Generator(uint32_t seed) : random_(seed) {}

  Words Document() {
    Words words(Pick(3, 40));
    for (std::string& w : words) w = Word();
    return words;
  }

  // A side of a proximity: words, phrases, OR groups and nested proximities.
  Expr Positional(int depth) {
    uint32_t roll = Pick(0, depth > 0 ? 9 : 5);
    Expr e;
    if (roll <= 3) {
      e.words = {Word()};
    } else if (roll <= 5) {
      e.kind = Expr::Kind::kPhrase;
      e.words = {Word(), Word()};
    } else if (roll <= 7) {
      e.kind = Expr::Kind::kOr;
      e.children = {Positional(depth - 1), Positional(depth - 1)};
    } else {
      e = Near(depth - 1);
    }
    return e;
  }

  Expr Near(int depth) {
    Expr e;
    e.kind = Expr::Kind::kNear;
    e.children = {Positional(depth), Positional(depth)};
    e.distance = Pick(1, 6);
    e.ordered = Pick(0, 2) == 0;
    e.negated = Pick(0, 4) == 0;
    return e;
  }

  Expr Boolean(int depth) {
    uint32_t roll = Pick(0, depth > 0 ? 6 : 2);
    if (roll <= 1) return Near(1);
    if (roll == 2) return Positional(0);
    Expr e;
    e.kind = roll == 3 ? Expr::Kind::kAnd : roll == 4 ? Expr::Kind::kOr : Expr::Kind::kNot;
    e.children = {Boolean(depth - 1), Boolean(depth - 1)};
    return e;
  }

 private:
  uint32_t Pick(uint32_t low, uint32_t high) {
    return std::uniform_int_distribution<uint32_t>(low, high)(random_);
  }
  // Skewed, so some words are common and some rare.
  std::string Word() {
    uint32_t i = std::min(Pick(0, 7), Pick(0, 7));
    return kVocabulary[i];
  }

  std::mt19937 random_;
};

TEST(PropertyTest, ProximityAndBooleansAgreeWithABruteForceScan) {
  Generator generator(20260128);
  std::vector<Words> docs(300);
  std::vector<index::IndexDocument> indexed;
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i] = generator.Document();
    index::IndexDocument doc;
    doc.id = doc.family_id = static_cast<int64_t>(i) + 1;
    for (const std::string& w : docs[i]) doc.text += w + " ";
    indexed.push_back(std::move(doc));
  }
  testing::TestIndex test_index("property", indexed, 3);

  int checked = 0, nonempty = 0;
  for (int q = 0; q < 400; ++q) {
    Expr expr = q % 2 == 0 ? generator.Near(2) : generator.Boolean(2);
    std::string text = expr.Text();
    std::vector<int64_t> expected;
    for (size_t i = 0; i < docs.size(); ++i) {
      if (Matches(expr, docs[i])) expected.push_back(static_cast<int64_t>(i) + 1);
    }
    Result<index::Query> query = CompileQuery(text, {}, CompileOptions{});
    ASSERT_TRUE(query.ok()) << text << ": " << query.status().ToString();
    auto found = test_index.reader().MatchingIds(*query);
    ASSERT_TRUE(found.ok()) << text << ": " << found.status().ToString();
    EXPECT_EQ(*found, expected) << text;
    ++checked;
    if (!expected.empty() && expected.size() < docs.size()) ++nonempty;
  }
  // The test means something only if the queries find some documents and not all.
  EXPECT_GT(nonempty, checked / 4);
}

}  // namespace
}  // namespace bates::search
