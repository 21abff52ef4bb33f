#include "review/email_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <tuple>
#include <vector>

#include "review/pii.h"

namespace bates::review {
namespace {

using Spans = std::vector<std::pair<uint64_t, uint64_t>>;

std::unique_ptr<PatternSet> EmailSet() {
  for (const auto& [kind, expression] : PiiScanner::Expressions()) {
    if (kind == "email") {
      auto set = PatternSet::Compile({Pattern{expression, 0, false}});
      EXPECT_TRUE(set.ok());
      return std::move(*set);
    }
  }
  ADD_FAILURE() << "no email pattern";
  return nullptr;
}

// The reference: the email pattern over the whole text.
Spans WholeText(PatternSet& set, std::string_view text) {
  Spans out;
  EXPECT_TRUE(
      set.Scan(text, [&](uint32_t, uint64_t s, uint64_t e) { out.emplace_back(s, e); }).ok());
  std::sort(out.begin(), out.end());
  return out;
}

Spans AroundAt(PatternSet& set, std::string_view text) {
  Spans out;
  EXPECT_TRUE(
      ScanEmailsAroundAt(set, text, [&](uint64_t s, uint64_t e) { out.emplace_back(s, e); }).ok());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(EmailScanTest, EdgesOfAddresses) {
  auto set = EmailSet();
  ASSERT_NE(set, nullptr);
  for (std::string_view text : {
           "jo.smith+ice@city.example.gov",  // the whole text
           "write to jo@city.example.gov.",  // trailing full stop is not part of it
           "(jo@city.example), then",        // punctuation both sides
           "a@b@c.example",                  // two '@': only b@c.example... and none of a@b
           "@nobody.example and someone@",   // an '@' with nothing on one side
           "x_y@z.example_q",                // '_' after the domain: no word boundary
           "caf\xc3\xa9@bistro.example",     // a multi-byte character before it
           "one@a.example,two@b.example;three@c.example", "no address here at all", "trailing@",
           "@",
           "jo@localhost",  // no top-level domain
       }) {
    EXPECT_EQ(AroundAt(*set, text), WholeText(*set, text)) << text;
  }
  EXPECT_EQ(AroundAt(*set, "mail jo.smith@city.example now"), (Spans{{5, 26}}));
}

// On random text made of the characters that matter, the matches are exactly the whole-text
// scan's.
TEST(EmailScanTest, SameMatchesAsTheWholeTextOnRandomText) {
  auto set = EmailSet();
  ASSERT_NE(set, nullptr);
  const std::vector<std::string> pieces = {
      "a", "Z",        "7",  ".",    "-",   "_",        "+",      "%",  "@", " ",
      ",", "\xc3\xa9", "jo", ".org", "com", ".example", "@x.gov", "\n", "!"};
  std::mt19937 random(20261129);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1), length(0, 60);
  size_t with_matches = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (size_t i = length(random); i > 0; --i) text += pieces[pick(random)];
    Spans expected = WholeText(*set, text);
    if (!expected.empty()) ++with_matches;
    ASSERT_EQ(AroundAt(*set, text), expected) << text;
  }
  EXPECT_GT(with_matches, 100u);  // the comparison saw real addresses, not only empty results
}

}  // namespace
}  // namespace bates::review
