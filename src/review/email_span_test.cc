// EmailAt, the hand expansion around an '@' that replaced the email expression in the scan:
// each case is what the expression (kEmailExpression) matches, leftmost start and longest end.
// Addresses are made up.
#include "review/email_span.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "review/pattern_set.h"
#include "review/pii.h"

namespace bates::review {
namespace {

// The address around the first '@' of `text`, or "" when there is none.
std::string Around(std::string_view text) {
  const size_t at = text.find('@');
  std::optional<ByteSpan> span = EmailAt(text, at);
  if (!span) return "";
  return std::string(text.substr(span->start, span->end - span->start));
}

TEST(EmailAt, WholeTextAndEdges) {
  EXPECT_EQ(Around("pat@mail.example"), "pat@mail.example");
  EXPECT_EQ(Around("pat@mail.example and more"), "pat@mail.example");
  EXPECT_EQ(Around("write to pat@mail.example"), "pat@mail.example");
}

TEST(EmailAt, DotsPlusSignsAndSubdomains) {
  EXPECT_EQ(Around("to: j.q.public+court@mail.dept.example.org;"),
            "j.q.public+court@mail.dept.example.org");
  EXPECT_EQ(Around("x 100%_sure-1@a-b.c-d.io y"), "100%_sure-1@a-b.c-d.io");
}

TEST(EmailAt, TrailingPunctuationIsLeftOut) {
  EXPECT_EQ(Around("mail pat@mail.example."), "pat@mail.example");
  EXPECT_EQ(Around("(pat@mail.example)"), "pat@mail.example");
  EXPECT_EQ(Around("<pat@mail.example>,"), "pat@mail.example");
  EXPECT_EQ(Around("pat@mail.example..org"), "pat@mail.example");
  // The last part ends where a word boundary is: before '-', not inside letters or digits.
  EXPECT_EQ(Around("pat@mail.co-op"), "pat@mail.co");
  EXPECT_EQ(Around("pat@mail.example1"), "");
  EXPECT_EQ(Around("pat@mail.example_x"), "");
  EXPECT_EQ(Around("pat@mail.example1.org"), "pat@mail.example1.org");
}

TEST(EmailAt, LeadingPunctuationStartsAtAWordBoundary) {
  // The run of local characters can begin with punctuation; the match begins at the run's first
  // word boundary. Between a space and '.' there is none, so ".pat" is found from 'p'.
  EXPECT_EQ(Around("say .pat@mail.example"), "pat@mail.example");
  EXPECT_EQ(Around("x.pat@mail.example"), "x.pat@mail.example");
  EXPECT_EQ(Around("see %%pat@mail.example"), "pat@mail.example");
  EXPECT_EQ(Around("a%pat@mail.example"), "a%pat@mail.example");
  EXPECT_EQ(Around("_.pat@mail.example"), "_.pat@mail.example");
}

TEST(EmailAt, AtSignWithoutValidSides) {
  for (const char* text : {"@", "@mail.example", "pat@", "pat@ mail.example", "pat@mail",
                           "pat@.example.org", "pat@mail.e", "pat@mail.", "a @ b.example",
                           "pat@@mail.example", "pat@mail.123", "meet @ 5pm"}) {
    EXPECT_EQ(Around(text), "") << text;
  }
}

TEST(EmailAt, NonAsciiNeighboursAreNotWordCharacters) {
  EXPECT_EQ(Around("é pat@mail.example"), "pat@mail.example");
  EXPECT_EQ(Around("éclat@mail.example"), "clat@mail.example");
  EXPECT_EQ(Around("pat@mail.exampleé"), "pat@mail.example");
  EXPECT_EQ(Around("«pat@mail.example»"), "pat@mail.example");
  EXPECT_EQ(Around("pat@maïl.example"), "");
}

TEST(EmailAt, NotAnAtSign) {
  EXPECT_FALSE(EmailAt("pat@mail.example", 0));
  EXPECT_FALSE(EmailAt("pat@mail.example", 99));
}

// The expression itself, run by Vectorscan, over many random texts of the characters that
// matter: every address it finds (leftmost start, longest end) EmailAt finds, and no other.
TEST(EmailAt, AgreesWithTheExpressionOnRandomText) {
  auto set = PatternSet::Compile({Pattern{kEmailExpression, 0, false}});
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  const std::string alphabet[] = {"a", "b", "Z", "0", "7", ".", ".",        "@",  "@",
                                  "-", "_", "+", "%", " ", ",", "\xc3\xa9", "co", "org"};
  std::mt19937 random(7);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int pieces = 1 + static_cast<int>(random() % 24);
    for (int i = 0; i < pieces; ++i) text += alphabet[random() % std::size(alphabet)];
    std::map<size_t, size_t> expected;  // start -> longest end
    ASSERT_TRUE((*set)
                    ->Scan(text,
                           [&](uint32_t, uint64_t start, uint64_t end) {
                             size_t& e = expected[start];
                             e = std::max<size_t>(e, end);
                           })
                    .ok());
    std::map<size_t, size_t> found;
    for (size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
      if (std::optional<ByteSpan> span = EmailAt(text, at)) found[span->start] = span->end;
    }
    ASSERT_EQ(found, expected) << "text: " << text;
  }
}

// Through the scanner: offsets in code points, each address once, next to other kinds.
TEST(EmailAt, ScannerReportsCodePointOffsets) {
  auto scanner = PiiScanner::Create();
  ASSERT_TRUE(scanner.ok()) << scanner.status().ToString();
  // "zoë.k@": 'ë' is two bytes of no word character, and '.' is none either, so the address
  // starts at the boundary before 'k'.
  const std::string text = "Zoë — écrire à zoë.k@mail.example ou à b@x.example, SSN 123-45-6789.";
  auto hits = (*scanner)->Scan(text);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 3u);
  auto value = [&](const PiiHit& h) {
    return text.substr(h.start_byte, h.end_byte - h.start_byte);
  };
  EXPECT_EQ(value((*hits)[0]), "k@mail.example");
  EXPECT_EQ((*hits)[0].kind, PiiKind::kEmail);
  EXPECT_EQ((*hits)[0].start, 19u);
  EXPECT_EQ((*hits)[0].end, 33u);
  EXPECT_EQ(value((*hits)[1]), "b@x.example");
  EXPECT_EQ((*hits)[1].start, 39u);
  EXPECT_EQ((*hits)[1].end, 50u);
  EXPECT_EQ((*hits)[2].kind, PiiKind::kSsn);
  EXPECT_EQ((*hits)[2].start, 56u);
  EXPECT_EQ((*hits)[2].end, 67u);
}

}  // namespace
}  // namespace bates::review
