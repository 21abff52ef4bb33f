#include "analytics/tar/features.h"

#include <gtest/gtest.h>

#include <cmath>

namespace bates::analytics::tar {
namespace {

TEST(TarFeatures, CountsWordsCaseFoldedAndDropsNumbersAndSingleLetters) {
  SparseVector c = TermCounts("Wheat wheat WHEAT corn 1987 a");
  ASSERT_EQ(c.size(), 2u);
  float total = 0;
  for (const auto& [slot, n] : c) total += n;
  EXPECT_EQ(total, 4.0f);
  EXPECT_EQ(TermCounts("wheat"), TermCounts("WHEAT!"));
}

TEST(TarFeatures, VectorsAreUnitLengthAndRareWordsWeighMore) {
  FeatureSpace space;
  std::vector<SparseVector> v =
      VectorizeAll({"wheat price rose", "corn price fell", "oil price rose"}, &space);
  ASSERT_EQ(v.size(), 3u);
  for (const SparseVector& x : v) EXPECT_NEAR(Dot(x, x), 1.0, 1e-5);
  // "price" is in every document, "wheat" in one: in document 0 wheat outweighs price.
  const uint32_t wheat = TermCounts("wheat")[0].first, price = TermCounts("price")[0].first;
  float w_wheat = 0, w_price = 0;
  for (const auto& [slot, w] : v[0]) {
    if (slot == wheat) w_wheat = w;
    if (slot == price) w_price = w;
  }
  EXPECT_GT(w_wheat, w_price);
  EXPECT_GT(Dot(v[0], v[2]), Dot(v[0], v[1]));  // "rose" shared
}

}  // namespace
}  // namespace bates::analytics::tar
