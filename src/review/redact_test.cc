#include "review/redact.h"

#include <gtest/gtest.h>

namespace bates::review {
namespace {

TEST(Redact, ReplacesSpansWithLabelledMarkers) {
  auto out = ApplyTextRedactions("SSN 123-45-6789, phone 555-0100.",
                                 {{4, 15, "PII: ssn"}, {23, 31, "PII: phone"}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "SSN [REDACTED: PII: ssn], phone [REDACTED: PII: phone].");
}

TEST(Redact, OverlappingSpansMerge) {
  auto out = ApplyTextRedactions("abcdefghij", {{2, 5, "a"}, {4, 8, "b"}, {8, 9, "a"}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "ab[REDACTED: a; b]j");
}

TEST(Redact, CountsCodePoints) {
  auto out = ApplyTextRedactions("né 12345 é", {{3, 8, ""}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "né [REDACTED] é");
}

TEST(Redact, RefusesSpansOutsideTheText) {
  EXPECT_FALSE(ApplyTextRedactions("abc", {{1, 4, "x"}}).ok());
  EXPECT_FALSE(ApplyTextRedactions("abc", {{2, 2, "x"}}).ok());
}

TEST(Redact, NothingOfTheSpanSurvives) {
  const std::string secret = "A-012-345-678";
  const std::string text = "listed as " + secret + " twice: " + secret;
  auto out = ApplyTextRedactions(text, {{10, 23, "PII: a_number"}, {31, 44, "PII: a_number"}});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->find(secret), std::string::npos);
  EXPECT_EQ(out->find("012"), std::string::npos);
}

}  // namespace
}  // namespace bates::review
