#include "engine/password.h"

#include <gtest/gtest.h>

namespace bates::engine {
namespace {

TEST(Password, TheRightPasswordVerifiesAndAWrongOneDoesNot) {
  Result<std::string> hash = HashPassword("correct horse");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash.value().rfind("$argon2id$", 0), 0u) << hash.value();
  EXPECT_TRUE(VerifyPassword(hash.value(), "correct horse"));
  EXPECT_FALSE(VerifyPassword(hash.value(), "correct horsE"));
  EXPECT_FALSE(VerifyPassword(hash.value(), ""));
}

TEST(Password, TheSamePasswordHashesDifferentlyEachTime) {
  Result<std::string> a = HashPassword("pw");
  Result<std::string> b = HashPassword("pw");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a.value(), b.value());  // a fresh salt each time
}

TEST(Password, AnEmptyPasswordIsRefused) { EXPECT_FALSE(HashPassword("").ok()); }

TEST(Password, AMalformedStoredHashIsAMismatchNotACrash) {
  EXPECT_FALSE(VerifyPassword("", "pw"));
  EXPECT_FALSE(VerifyPassword("not a hash", "pw"));
  EXPECT_FALSE(VerifyPassword(std::string(1000, '$'), "pw"));
}

}  // namespace
}  // namespace bates::engine
