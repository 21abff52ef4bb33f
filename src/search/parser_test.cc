// Query-parser tables, as Xapian tests its own: query string → Describe() of the tree, and query
// string → the error the user sees.
#include "search/parser.h"

#include <gtest/gtest.h>

#include "search/lexer.h"

namespace bates::search {
namespace {

struct Case {
  const char* query;
  const char* tree;
};

std::string ParseToString(const char* query, const ParseOptions& options = {}) {
  Result<Node> tree = Parse(query, options);
  if (!tree.ok()) return "error: " + tree.status().message();
  return Describe(*tree);
}

TEST(ParserTest, Table) {
  const Case kCases[] = {
      {"ice", R"((TERM any "ice"))"},
      {"ice raid", R"((AND (TERM any "ice") (TERM any "raid")))"},
      {"ice AND raid", R"((AND (TERM any "ice") (TERM any "raid")))"},
      {"ice and raid", R"((AND (TERM any "ice") (TERM any "raid")))"},
      {"ice OR customs", R"((OR (TERM any "ice") (TERM any "customs")))"},
      {"ice or customs", R"((OR (TERM any "ice") (TERM any "customs")))"},
      // AND binds tighter than OR.
      {"a OR b c", R"((OR (TERM any "a") (AND (TERM any "b") (TERM any "c"))))"},
      {"a b OR c", R"((OR (AND (TERM any "a") (TERM any "b")) (TERM any "c")))"},
      {"a AND b OR c AND d",
       R"((OR (AND (TERM any "a") (TERM any "b")) (AND (TERM any "c") (TERM any "d"))))"},
      // NOT binds tighter than AND.
      {"NOT a", R"((NOT (TERM any "a")))"},
      {"not a", R"((NOT (TERM any "a")))"},
      {"a NOT b", R"((AND (TERM any "a") (NOT (TERM any "b"))))"},
      {"a AND NOT b", R"((AND (TERM any "a") (NOT (TERM any "b"))))"},
      {"NOT a b", R"((AND (NOT (TERM any "a")) (TERM any "b")))"},
      {"NOT a OR b", R"((OR (NOT (TERM any "a")) (TERM any "b")))"},
      {"NOT NOT a", R"((NOT (NOT (TERM any "a"))))"},
      {"NOT (a OR b)", R"((NOT (OR (TERM any "a") (TERM any "b"))))"},
      {"(a OR b) c", R"((AND (OR (TERM any "a") (TERM any "b")) (TERM any "c")))"},
      {"a AND (b AND c)", R"((AND (TERM any "a") (TERM any "b") (TERM any "c")))"},
      {"((a))", R"((TERM any "a"))"},
      {"\"use of force\"", R"((PHRASE any "use of force"))"},
      {"\"  use   of force \"", R"((PHRASE any "use of force"))"},
      {"\xE2\x80\x9Cuse of force\xE2\x80\x9D", R"((PHRASE any "use of force"))"},
      {"\"immigration AND customs\"", R"((PHRASE any "immigration AND customs"))"},
      {"subject:\"use of force\"", R"((PHRASE subject "use of force"))"},
      {"ice subject:\"use of force\"", R"((AND (TERM any "ice") (PHRASE subject "use of force")))"},
      {"from:chief@pd.larkspur.example", R"((TERM from "chief@pd.larkspur.example"))"},
      {"from:larkspur.example", R"((TERM from "larkspur.example"))"},
      {"FROM:Chief", R"((TERM from "Chief"))"},
      {"from: chief", R"((TERM from "chief"))"},
      {"subject:not", R"((TERM subject "not"))"},
      {"from:(chief OR mayor) ice",
       R"((AND (OR (TERM from "chief") (TERM from "mayor")) (TERM any "ice")))"},
      {"from:(chief OR subject:budget)", R"((OR (TERM from "chief") (TERM subject "budget")))"},
      {"to:a cc:b bcc:c participants:d",
       R"((AND (TERM to "a") (TERM cc "b") (TERM bcc "c") (TERM participants "d")))"},
      {"custodian:\"Chief Ramos\" filename:report.pdf type:pdf body:ice",
       R"((AND (PHRASE custodian "Chief Ramos") (TERM filename "report.pdf") (TERM type "pdf"))"
       R"( (TERM body "ice")))"},
      {"date:2017-01-01..2018-01-24", "(DATE date 2017-01-01..2018-01-24)"},
      {"date:..2018-01-24", "(DATE date ..2018-01-24)"},
      {"date:2017-01-01..", "(DATE date 2017-01-01..)"},
      {"date:2017-03-05", "(DATE date 2017-03-05..2017-03-05)"},
      {"sent:2017", "(DATE sent 2017-01-01..2017-12-31)"},
      {"created:2016-02", "(DATE created 2016-02-01..2016-02-29)"},
      {"modified:2017-01..2017-02", "(DATE modified 2017-01-01..2017-02-28)"},
      {"size:1000..50000", "(SIZE 1000..50000)"},
      {"size:10k..2m", "(SIZE 10240..2097152)"},
      {"size:..1.5KB", "(SIZE ..1536)"},
      {"size:1g..", "(SIZE 1073741824..)"},
      {"size:5000", "(SIZE 5000..5000)"},
      {"appl*", R"((WILDCARD any "appl*"))"},
      {"d?rect*ve", R"((WILDCARD any "d?rect*ve"))"},
      {"*tion", R"((WILDCARD any "*tion"))"},
      {"%polcy", R"((FUZZY1 any "polcy"))"},
      {"%%polcy", R"((FUZZY2 any "polcy"))"},
      {"po%licy", R"((FUZZY1 any "policy" fixed 2))"},
      {"direct~", R"((STEM any "direct"))"},
      {"ice w/5 raid", R"((W/5 (TERM any "ice") (TERM any "raid")))"},
      {"ice W/5 raid", R"((W/5 (TERM any "ice") (TERM any "raid")))"},
      {"ice pre/3 raid", R"((PRE/3 (TERM any "ice") (TERM any "raid")))"},
      {"ice PRE/3 raid", R"((PRE/3 (TERM any "ice") (TERM any "raid")))"},
      {"ice not w/5 raid", R"((NOT W/5 (TERM any "ice") (TERM any "raid")))"},
      {"ice NOT pre/5 raid", R"((NOT PRE/5 (TERM any "ice") (TERM any "raid")))"},
      // Proximity binds tighter than NOT, AND and OR, and reads left to right.
      {"a w/2 b OR c", R"((OR (W/2 (TERM any "a") (TERM any "b")) (TERM any "c")))"},
      {"a OR b w/2 c", R"((OR (TERM any "a") (W/2 (TERM any "b") (TERM any "c"))))"},
      {"NOT a w/2 b", R"((NOT (W/2 (TERM any "a") (TERM any "b"))))"},
      {"a w/2 b w/3 c", R"((W/3 (W/2 (TERM any "a") (TERM any "b")) (TERM any "c")))"},
      {"(order* OR directive*) w/10 (ICE OR \"immigration and customs\")",
       R"((W/10 (OR (WILDCARD any "order*") (WILDCARD any "directive*")))"
       R"( (OR (TERM any "ICE") (PHRASE any "immigration and customs"))))"},
      {"subject:(ice w/3 raid)", R"((W/3 (TERM subject "ice") (TERM subject "raid")))"},
      {"\"use of force\" pre/4 %polcy~",
       "error: column 22: fuzzy search '%polcy~' takes a plain word with one run of '%'"},
      {"direct~ w/3 %%ice", R"((W/3 (STEM any "direct") (FUZZY2 any "ice")))"},
      // A phrase with wildcards: each word right after the one before.
      {"\"hold request*\"", R"((PRE/1 (TERM any "hold") (WILDCARD any "request*")))"},
      {"subject:\"d?rect* of ice\"",
       R"((PRE/1 (PRE/1 (WILDCARD subject "d?rect*") (TERM subject "of")) (TERM subject "ice")))"},
      {"subject:appl*", R"((WILDCARD subject "appl*"))"},
      {"ice - raid", R"((AND (TERM any "ice") (TERM any "raid")))"},
      {"Müller", R"((TERM any "Müller"))"},
      {"from:chief@pd.larkspur.example AND (ICE OR \"immigration and customs\") "
       "date:2017-01-01..2018-01-24",
       R"((AND (TERM from "chief@pd.larkspur.example") (OR (TERM any "ICE"))"
       R"( (PHRASE any "immigration and customs")) (DATE date 2017-01-01..2018-01-24)))"},
  };
  for (const Case& c : kCases) EXPECT_EQ(ParseToString(c.query), c.tree) << c.query;
}

TEST(ParserTest, SpacesMeanPhrase) {
  const ParseOptions phrase{.spaces_mean_phrase = true};
  const Case kCases[] = {
      {"ice", R"((TERM any "ice"))"},
      {"ice raid", R"((PHRASE any "ice raid"))"},
      {"use of force AND ice", R"((AND (PHRASE any "use of force") (TERM any "ice")))"},
      {"ice OR customs enforcement", R"((OR (TERM any "ice") (PHRASE any "customs enforcement")))"},
      {"subject:use of force", R"((PHRASE subject "use of force"))"},
      {"ice raid from:chief", R"((AND (PHRASE any "ice raid") (TERM from "chief")))"},
      {"appl* pie", R"((AND (WILDCARD any "appl*") (TERM any "pie")))"},
      {"NOT ice raid", R"((NOT (PHRASE any "ice raid")))"},
  };
  for (const Case& c : kCases) EXPECT_EQ(ParseToString(c.query, phrase), c.tree) << c.query;
}

struct ErrorCase {
  const char* query;
  const char* message;  // must appear in the error message
};

TEST(ParserTest, Errors) {
  const ErrorCase kCases[] = {
      {"(ice OR customs)) raid", "column 17: ')' without a matching '('"},
      {") ice", "column 1: ')' without a matching '('"},
      {"Müller )", "column 8: ')' without a matching '('"},
      {"(ice OR customs", "column 1: '(' without a matching ')'"},
      {"a (\"b\" c", "column 3: '(' without a matching ')'"},
      {"\"use of force", "column 1: unterminated quote"},
      {"ice \"raid", "column 5: unterminated quote"},
      {"foo:bar", "column 1: unknown field 'foo:'"},
      {"ice Foo:bar", "column 5: unknown field 'Foo:'"},
      {"date:2017-13-01", "column 6: bad date"},
      {"date:2017-02-30", "column 6: bad date"},
      {"date:2017-01-01..2018-1-24", "column 18: bad date '2018-1-24'"},
      {"date:yesterday", "column 6: bad date 'yesterday'"},
      {"date:2018-01-01..2017-01-01", "column 6: date range '2018-01-01..2017-01-01' ends before"},
      {"date:..", "column 6: '..' needs a date"},
      {"date:", "column 1: 'date:' needs a date"},
      {"ice sent:(2017)", "column 5: 'sent:' needs a date"},
      {"size:abc", "column 6: bad size 'abc'"},
      {"size:10q", "column 6: bad size '10q'"},
      {"size:5m..1k", "column 6: size range"},
      {"", "column 1: empty query"},
      {"   ", "column 1: empty query"},
      {"AND ice", "column 1: 'AND' needs a term on its left"},
      {"ice AND", "column 5: 'AND' needs a term on its right"},
      {"ice or", "column 5: 'or' needs a term on its right"},
      {"ice OR OR raid", "column 5: 'OR' needs a term on its right"},
      {"(ice OR) raid", "column 6: 'OR' needs a term on its right"},
      {"NOT", "column 1: 'NOT' needs a term on its right"},
      {"ice AND NOT", "column 9: 'NOT' needs a term on its right"},
      {"()", "column 1: empty parentheses"},
      {"\"\"", "column 1: empty quotes"},
      {"from:", "column 1: 'from:' needs a word"},
      {"from: AND ice", "column 1: 'from:' needs a word"},
      {"w/5 raid", "column 1: 'w/5' needs a word, a phrase or a group on its left"},
      {"ice w/5", "column 5: 'w/5' needs a word, a phrase or a group on its right"},
      {"ice w/5 NOT raid", "column 5: 'w/5' needs a word, a phrase or a group on its right"},
      {"ice AND w/5 raid", "column 9: 'w/5' needs a word"},
      {"(ice AND raid) w/5 order", "column 2: 'w/5' works on words, phrases, wildcards"},
      {"ice w/5 date:2017", "column 14: 'w/5' works on words"},
      {"subject:ice w/5 raid", "column 17: both sides of 'w/5' must be in the same field"},
      {"type:pdf w/5 raid", "column 6: 'w/5' cannot measure distances in type:"},
      {"ice*~", "column 1: stemming 'ice*~' takes a plain word"},
      {"ice %%%raid", "column 5: fuzzy search '%%%raid': use '%' (one letter off) or '%%' (two)"},
      {"ice %", "column 5: fuzzy search '%' needs a word"},
      {"%ra%id", "column 1: fuzzy search '%ra%id' takes a plain word"},
      {"ice *", "column 5: wildcard '*' needs at least one letter or digit"},
      {"a ?* b", "column 3: wildcard '?*' needs at least one letter or digit"},
  };
  for (const ErrorCase& c : kCases) {
    Result<Node> tree = Parse(c.query);
    ASSERT_FALSE(tree.ok()) << c.query << " parsed as " << Describe(*tree);
    EXPECT_EQ(tree.status().code(), StatusCode::kInvalidArgument) << c.query;
    EXPECT_NE(tree.status().message().find(c.message), std::string::npos)
        << c.query << " → " << tree.status().message();
  }
}

TEST(LexerTest, TokensAndColumns) {
  Result<std::vector<Token>> tokens = Lex("from:chief@x.example (Ice w/3 \"a b\")");
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 8u);
  const std::vector<Token>& t = *tokens;
  EXPECT_EQ(t[0].kind, TokenKind::kField);
  EXPECT_EQ(t[0].text, "from");
  EXPECT_EQ(t[0].column, 1);
  EXPECT_EQ(t[1].kind, TokenKind::kWord);
  EXPECT_EQ(t[1].text, "chief@x.example");
  EXPECT_EQ(t[1].column, 6);
  EXPECT_EQ(t[2].kind, TokenKind::kLeftParen);
  EXPECT_EQ(t[2].column, 22);
  EXPECT_EQ(t[3].text, "Ice");
  EXPECT_EQ(t[4].kind, TokenKind::kProximity);
  EXPECT_EQ(t[4].distance, 3u);
  EXPECT_FALSE(t[4].ordered);
  EXPECT_EQ(t[5].kind, TokenKind::kQuoted);
  EXPECT_EQ(t[5].text, "a b");
  EXPECT_EQ(t[6].kind, TokenKind::kRightParen);
  EXPECT_EQ(t[7].kind, TokenKind::kEnd);
  EXPECT_EQ(t[7].column, 37);
}

}  // namespace
}  // namespace bates::search
