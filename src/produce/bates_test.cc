#include "produce/bates.h"

#include <gtest/gtest.h>

namespace bates::produce {
namespace {

TEST(BatesFormat, FormatsZeroPaddedAndParsesBack) {
  BatesFormat f{"CITY", 6};
  EXPECT_EQ(f.Format(1), "CITY000001");
  EXPECT_EQ(f.Format(1234567), "CITY1234567");  // wider than the padding: written in full
  for (int64_t n : {1, 42, 999999, 1000000}) {
    auto back = f.Parse(f.Format(n));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, n);
  }
}

TEST(BatesFormat, UnicodeHyphenInPrefixReadsAsHyphen) {
  BatesFormat f{"ABC-", 4};
  auto n = f.Parse(
      "ABC\xE2\x80\x90"
      "0012");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 12);
}

TEST(BatesFormat, RejectsOtherPrefixesAndJunk) {
  BatesFormat f{"CITY", 6};
  EXPECT_FALSE(f.Parse("TOWN000001").ok());
  EXPECT_FALSE(f.Parse("CITY").ok());
  EXPECT_FALSE(f.Parse("CITY00001x").ok());
}

TEST(ValidateBatesPrefix, AllowsFileNameSafeCharactersOnly) {
  EXPECT_TRUE(ValidateBatesPrefix("CITY_PD-2018.").ok());
  EXPECT_FALSE(ValidateBatesPrefix("").ok());
  EXPECT_FALSE(ValidateBatesPrefix("A B").ok());
  EXPECT_FALSE(ValidateBatesPrefix("A/B").ok());
}

}  // namespace
}  // namespace bates::produce
