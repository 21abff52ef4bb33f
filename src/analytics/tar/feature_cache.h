// The feature cache: a case's tf-idf vectors (analytics/tar/features.h) as bytes, so a review
// round (`bates tar next`) reads them instead of re-tokenising every document's text. The file
// format is in docs/TAR.md ("The feature cache"); this header only encodes and decodes it, the
// engine decides where it lives and when it is stale (`fingerprint`).
//
// Thread safety: free functions, no shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/tar/features.h"
#include "core/result.h"

namespace bates::analytics::tar {

// Bumped whenever TermCounts or Weigh change what they produce, so old caches are rebuilt.
inline constexpr uint32_t kFeatureCacheVersion = 1;

struct FeatureCache {
  uint64_t fingerprint = 0;            // of the documents it was built from
  FeatureSpace space;                  // document frequencies
  std::vector<SparseVector> distinct;  // one weighted vector per distinct text
  std::vector<uint32_t> distinct_of;   // per document: its index in `distinct`
};

std::string EncodeFeatureCache(const FeatureCache& cache);

// InvalidArgument (never a crash) for anything that is not a whole, intact cache of this
// version: a wrong magic or version, a bad checksum, a truncated file, out-of-range slots.
Result<FeatureCache> DecodeFeatureCache(std::string_view bytes);

}  // namespace bates::analytics::tar
