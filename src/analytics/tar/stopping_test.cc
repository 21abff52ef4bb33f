#include "analytics/tar/stopping.h"

#include <gtest/gtest.h>

namespace bates::analytics::tar {
namespace {

// 100 responsive in the first 110 reviews, then one in every 400.
GainCurve Flattening(size_t length) {
  GainCurve c;
  uint32_t found = 0;
  for (size_t i = 1; i <= length; ++i) {
    if (i <= 110 ? (i % 11 != 0) : (i % 400 == 0)) ++found;
    c.push_back(found);
  }
  return c;
}

TEST(TarStopping, KneeFiresOnceTheCurveFlattensLongEnough) {
  GainCurve c = Flattening(20000);
  EXPECT_FALSE(KneeFires(c, 120));  // too few reviews
  // 100 found: the ratio must reach 156 - 100 = 56. At 150 it is (100/110) / (1/40) = 36.
  EXPECT_FALSE(KneeFires(c, 150));
  EXPECT_TRUE(KneeFires(c, 300));  // (100/110) / (1/190) = 173
}

TEST(TarStopping, KneeDoesNotFireOnAStraightLine) {
  GainCurve c;
  for (uint32_t i = 1; i <= 5000; ++i) c.push_back(i / 2);
  for (size_t s = 150; s <= 5000; s += 250) EXPECT_FALSE(KneeFires(c, s)) << s;
}

TEST(TarStopping, EffortAtRecall) {
  GainCurve c = {1, 1, 2, 3, 3, 4};
  EXPECT_EQ(EffortAt(c, 4, 0.75), 4u);  // 3 of 4
  EXPECT_EQ(EffortAt(c, 4, 0.5), 3u);
  EXPECT_EQ(EffortAt(c, 4, 1.0), 6u);
  EXPECT_EQ(EffortAt(c, 5, 1.0), std::nullopt);
}

}  // namespace
}  // namespace bates::analytics::tar
