#include "review/coding.h"

#include <gtest/gtest.h>

namespace bates::review {
namespace {

std::pair<std::string, std::string> Parse(const std::string& s) {
  auto r = ParseCodingAssignment(s);
  EXPECT_TRUE(r.ok()) << s << ": " << r.status().ToString();
  return r.ok() ? *r : std::pair<std::string, std::string>();
}

TEST(Coding, ValuesAreNormalised) {
  EXPECT_EQ(Parse("Responsive=YES"), (std::pair<std::string, std::string>{"responsive", "yes"}));
  EXPECT_EQ(Parse("requests=3, 1,3"), (std::pair<std::string, std::string>{"requests", "1,3"}));
  EXPECT_EQ(Parse("privileged=work-product,Attorney-Client").second,
            "attorney-client,work-product");
  EXPECT_EQ(Parse("issues=training, detainers,training").second, "detainers,training");
  EXPECT_EQ(Parse("description=Email seeking legal advice = on GO 17-03").second,
            "Email seeking legal advice = on GO 17-03");
  EXPECT_EQ(Parse("responsive=").second, "");
}

TEST(Coding, BadValuesAreRefused) {
  for (const char* bad : {"responsive=maybe", "requests=0", "requests=one", "privileged=secret",
                          "confidentiality=top", "colour=red", "responsive"}) {
    EXPECT_FALSE(ParseCodingAssignment(bad).ok()) << bad;
  }
}

TEST(Coding, PrivilegedMeansABasis) {
  EXPECT_TRUE(IsPrivileged("attorney-client"));
  EXPECT_FALSE(IsPrivileged("no"));
  EXPECT_FALSE(IsPrivileged(""));
}

TEST(Coding, EveryFieldTakesAValue) {
  for (const CodingFieldSpec& f : CodingFields()) {
    EXPECT_TRUE(NormalizeCodingValue(f.name, "").ok()) << f.name;
  }
}

}  // namespace
}  // namespace bates::review
