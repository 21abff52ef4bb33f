#include "analytics/tar/feature_cache.h"

#include <gtest/gtest.h>

namespace bates::analytics::tar {
namespace {

FeatureCache Sample() {
  FeatureCache cache;
  cache.fingerprint = 0x1234abcd;
  cache.distinct = VectorizeAll({"wheat price rose", "corn price fell"}, &cache.space);
  cache.distinct_of = {0, 1, 0};
  return cache;
}

TEST(TarFeatureCache, RoundTripsVectorsFrequenciesAndTheDocumentMap) {
  const FeatureCache before = Sample();
  Result<FeatureCache> after = DecodeFeatureCache(EncodeFeatureCache(before));
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->fingerprint, before.fingerprint);
  EXPECT_EQ(after->distinct, before.distinct);
  EXPECT_EQ(after->distinct_of, before.distinct_of);
  EXPECT_EQ(after->space.documents(), before.space.documents());
  EXPECT_EQ(after->space.frequencies(), before.space.frequencies());
  // A seed is weighed the same against the restored space.
  const SparseVector seed = TermCounts("wheat corn");
  EXPECT_EQ(after->space.Weigh(seed), before.space.Weigh(seed));
}

TEST(TarFeatureCache, DamagedOrTruncatedBytesAreAnErrorNotACrash) {
  const std::string bytes = EncodeFeatureCache(Sample());
  EXPECT_FALSE(DecodeFeatureCache("").ok());
  EXPECT_FALSE(DecodeFeatureCache("not a cache at all").ok());
  for (size_t cut : {size_t{8}, size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(DecodeFeatureCache(std::string_view(bytes).substr(0, cut)).ok()) << cut;
  }
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x40;
  EXPECT_FALSE(DecodeFeatureCache(flipped).ok());
}

}  // namespace
}  // namespace bates::analytics::tar
