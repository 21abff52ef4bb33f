#include "analytics/tar/recall.h"

#include <gtest/gtest.h>

#include <cmath>

namespace bates::analytics::tar {
namespace {

// Reference values from R's binom.test(k, n)$conf.int.
TEST(TarRecall, ClopperPearsonMatchesReferenceValues) {
  Interval a = ClopperPearson(0, 10, 0.95);
  EXPECT_EQ(a.low, 0.0);
  EXPECT_NEAR(a.high, 1 - std::pow(0.025, 0.1), 1e-9);  // 0.3084971
  Interval b = ClopperPearson(5, 10, 0.95);
  EXPECT_NEAR(b.low, 0.1870860, 1e-6);
  EXPECT_NEAR(b.high, 0.8129140, 1e-6);
  Interval c = ClopperPearson(3, 385, 0.95);
  EXPECT_NEAR(c.low, 0.001608, 1e-5);
  EXPECT_NEAR(c.high, 0.022606, 1e-5);
  Interval d = ClopperPearson(10, 10, 0.95);
  EXPECT_NEAR(d.low, std::pow(0.025, 0.1), 1e-9);
  EXPECT_EQ(d.high, 1.0);
}

TEST(TarRecall, SampleSizeForMarginAndConfidence) {
  EXPECT_NEAR(NormalQuantile(0.975), 1.959964, 1e-6);
  EXPECT_EQ(ElusionSampleSize(0.05, 0.95, 0.5, 0), 385u);
  // A finite remainder needs fewer, and never more than it holds.
  EXPECT_LT(ElusionSampleSize(0.05, 0.95, 0.5, 2000), 385u);
  EXPECT_EQ(ElusionSampleSize(0.05, 0.95, 0.5, 100), 80u);
  EXPECT_LE(ElusionSampleSize(0.001, 0.95, 0.5, 50), 50u);
}

TEST(TarRecall, RecallFromElusion) {
  // 900 found, 10,000 left, 2 responsive in a sample of 400: about 50 missed.
  RecallEstimate e = EstimateRecall(900, 10000, 400, 2, 0.95);
  EXPECT_NEAR(e.elusion, 0.005, 1e-12);
  EXPECT_NEAR(e.recall, 900.0 / 950.0, 1e-9);
  EXPECT_LT(e.recall_low, e.recall);
  EXPECT_GT(e.recall_high, e.recall);
  Interval rate = ClopperPearson(2, 400, 0.95);
  EXPECT_NEAR(e.recall_low, 900.0 / (900.0 + rate.high * 10000), 1e-9);
  // Nothing left: recall is 1 for sure.
  RecallEstimate all = EstimateRecall(10, 0, 0, 0, 0.95);
  EXPECT_EQ(all.recall, 1.0);
  EXPECT_EQ(all.recall_low, 1.0);
}

}  // namespace
}  // namespace bates::analytics::tar
