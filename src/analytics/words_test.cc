#include "analytics/words.h"

#include <gtest/gtest.h>

namespace bates::analytics {
namespace {

TEST(WordsTest, CaseSpacingAndQuotesDoNotCount) {
  EXPECT_EQ(WordString("Hello,  World!\n> quoted\r\n>> Line"), "hello world quoted line");
  EXPECT_EQ(WordString(""), "");
  EXPECT_EQ(WordString("  ...  "), "");
  EXPECT_EQ(WordString("Größe straße"), "größe straße");
  EXPECT_EQ(CountWords("one two, three"), 3u);
}

}  // namespace
}  // namespace bates::analytics
