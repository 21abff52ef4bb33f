// Personal-data scanner: each kind found with its code-point span, the checks that keep look-alike
// numbers out (Luhn, SSN and phone numbering rules, context words), and overlaps resolved once.
// Every value here is made up for the test.
#include "review/pii.h"

#include <gtest/gtest.h>

namespace bates::review {
namespace {

struct Found {
  std::string kind;
  std::string value;
  friend bool operator==(const Found&, const Found&) = default;
};

std::vector<Found> ScanText(const std::string& text) {
  auto scanner = PiiScanner::Create();
  EXPECT_TRUE(scanner.ok()) << scanner.status().ToString();
  auto hits = (*scanner)->Scan(text);
  EXPECT_TRUE(hits.ok()) << hits.status().ToString();
  std::vector<Found> out;
  for (const PiiHit& h : *hits) {
    out.push_back(
        {std::string(PiiKindName(h.kind)), text.substr(h.start_byte, h.end_byte - h.start_byte)});
  }
  return out;
}

std::vector<std::string> Kinds(const std::string& text) {
  std::vector<std::string> out;
  for (const Found& f : ScanText(text)) out.push_back(f.kind);
  return out;
}

TEST(PiiScanner, FindsEveryKindInOnePass) {
  const std::string text =
      "SSN 123-45-6789, A-number A-012-345-678, DOB 04/17/1988, phone (503) 555-0142, "
      "mail pat12@mailbox.example, driver license K1234567, passport number 512345678, "
      "account number 1234567890, card 4111 1111 1111 1111.";
  std::vector<Found> expected = {{"ssn", "123-45-6789"},
                                 {"a_number", "A-012-345-678"},
                                 {"dob", "04/17/1988"},
                                 {"phone", "(503) 555-0142"},
                                 {"email", "pat12@mailbox.example"},
                                 {"drivers_license", "K1234567"},
                                 {"passport", "512345678"},
                                 {"bank_account", "1234567890"},
                                 {"card", "4111 1111 1111 1111"}};
  EXPECT_EQ(ScanText(text), expected);
}

TEST(PiiScanner, ANumberSpellings) {
  for (const char* v : {"A012345678", "A12345678", "A# 012345678", "A-012-345-678"}) {
    EXPECT_EQ(ScanText(std::string("listed with ") + v + ", released"),
              (std::vector<Found>{{"a_number", v}}))
        << v;
  }
}

TEST(PiiScanner, DatesOfBirthNeedAContextWord) {
  EXPECT_EQ(Kinds("Date of birth: March 3, 1990."), (std::vector<std::string>{"dob"}));
  EXPECT_EQ(Kinds("date of birth 1980-02-29"), (std::vector<std::string>{"dob"}));
  EXPECT_TRUE(Kinds("Incident on 04/17/2017 at the range.").empty());
  EXPECT_TRUE(Kinds("Last range qualification: 05/02/2017.").empty());
  // The word serves the first date after it only.
  EXPECT_EQ(ScanText("DOB 01/02/1990, booked 05/06/2017"),
            (std::vector<Found>{{"dob", "01/02/1990"}}));
}

TEST(PiiScanner, CardsPassLuhnOnly) {
  EXPECT_EQ(Kinds("card 4111-1111-1111-1111"), (std::vector<std::string>{"card"}));
  EXPECT_EQ(Kinds("amex 378282246310005"), (std::vector<std::string>{"card"}));
  EXPECT_TRUE(Kinds("evidence barcode 4111 1111 1111 1112").empty());
}

TEST(PiiScanner, NumberingRulesKeepLookAlikesOut) {
  // SSNs never issued; phone-shaped ids whose area code starts with 1; case numbers.
  EXPECT_TRUE(Kinds("id 666-12-3456 and 900-12-3456 and 123-00-4567").empty());
  EXPECT_TRUE(Kinds("CAD event 174-555-1234, case TPD-17-004512, booking B17-01234").empty());
  EXPECT_EQ(Kinds("call 541.555.0199"), (std::vector<std::string>{"phone"}));
}

TEST(PiiScanner, RoutingNumbersAreNotAccounts) {
  EXPECT_EQ(ScanText("Routing number 123456789. Account number 99887766554 (checking)."),
            (std::vector<Found>{{"bank_account", "99887766554"}}));
  EXPECT_TRUE(Kinds("Routing number 1234567890").empty());
}

TEST(PiiScanner, PassportNeedsTheWord) {
  EXPECT_TRUE(Kinds("Employee ID 512345678").empty());
  EXPECT_EQ(Kinds("Passport no. 512345678"), (std::vector<std::string>{"passport"}));
}

TEST(PiiScanner, OffsetsAreCodePoints) {
  const std::string text = "Café résumé — SSN 123-45-6789";
  auto scanner = PiiScanner::Create();
  ASSERT_TRUE(scanner.ok());
  auto hits = (*scanner)->Scan(text);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  // "Café résumé — SSN " is 18 code points and 23 bytes.
  EXPECT_EQ((*hits)[0].start, 18u);
  EXPECT_EQ((*hits)[0].end, 29u);
  EXPECT_EQ((*hits)[0].start_byte, 23u);
}

TEST(PiiScanner, KindNamesRoundTrip) {
  for (int i = 0; i < kPiiKindCount; ++i) {
    auto kind = static_cast<PiiKind>(i);
    auto parsed = ParsePiiKind(PiiKindName(kind));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_FALSE(ParsePiiKind("salary").ok());
}

TEST(PiiScanner, ClonesScanAlike) {
  auto scanner = PiiScanner::Create();
  ASSERT_TRUE(scanner.ok());
  auto clone = (*scanner)->Clone();
  ASSERT_TRUE(clone.ok());
  auto a = (*scanner)->Scan("SSN 123-45-6789");
  auto b = (*clone)->Scan("SSN 123-45-6789");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->size(), 1u);
  ASSERT_EQ(b->size(), 1u);
  EXPECT_EQ((*a)[0].start, (*b)[0].start);
}

}  // namespace
}  // namespace bates::review
