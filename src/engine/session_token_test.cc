#include "engine/session_token.h"

#include <gtest/gtest.h>

namespace bates::engine {
namespace {

TEST(SessionToken, TokensAre64HexCharactersAndDiffer) {
  const std::string a = NewToken();
  const std::string b = NewToken();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos) << a;
  EXPECT_NE(a, b);
}

TEST(SessionToken, TheDigestIsSha256) {
  // SHA-256("abc"), FIPS 180-2 test vector.
  const std::string d = TokenDigest("abc");
  EXPECT_EQ(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(SessionToken, TokensEqualComparesWholeTokens) {
  EXPECT_TRUE(TokensEqual("abcd", "abcd"));
  EXPECT_FALSE(TokensEqual("abcd", "abce"));
  EXPECT_FALSE(TokensEqual("abcd", "abc"));
  EXPECT_FALSE(TokensEqual("", "a"));
}

}  // namespace
}  // namespace bates::engine
