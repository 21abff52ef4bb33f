// Features for technology-assisted review: each text becomes a sparse tf-idf vector over hashed
// words, as in Cormack and Grossman's baseline model implementation (BMI). Words are hashed into
// a fixed space (xxh3, 2^20 slots) so no vocabulary has to be kept or agreed between runs; the
// few collisions cost a classifier next to nothing.
//
// Weights: (1 + ln tf) * ln(N / df), L2-normalised; df counts the collection's documents only,
// so a synthetic seed document is weighted as if it were one more unseen document.
//
// Thread safety: a FeatureSpace is read-only once built; Vectorize may run on many threads.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace bates::analytics::tar {

inline constexpr uint32_t kFeatureBits = 20;
inline constexpr uint32_t kFeatureSlots = 1u << kFeatureBits;

// Sorted by slot, no repeats; slots are in [0, kFeatureSlots).
using SparseVector = std::vector<std::pair<uint32_t, float>>;

// Raw hashed term counts of a text (slot, count), sorted by slot.
SparseVector TermCounts(std::string_view text);

class FeatureSpace {
 public:
  // Document frequencies from the collection's term counts.
  void AddDocument(const SparseVector& counts);
  uint64_t documents() const { return documents_; }
  // Every slot's document frequency (kFeatureSlots entries), for the feature cache.
  const std::vector<uint32_t>& frequencies() const { return df_; }
  // A space as saved by the feature cache; `df` must hold kFeatureSlots entries.
  static FeatureSpace Restore(std::vector<uint32_t> df, uint64_t documents);
  // The tf-idf vector of a text's term counts (of a collection document or a seed).
  SparseVector Weigh(const SparseVector& counts) const;

 private:
  std::vector<uint32_t> df_ = std::vector<uint32_t>(kFeatureSlots, 0);
  uint64_t documents_ = 0;
};

// Convenience: tf-idf vectors of a whole collection (df from `texts`).
std::vector<SparseVector> VectorizeAll(const std::vector<std::string_view>& texts,
                                       FeatureSpace* space);

// The dot product of two sparse vectors.
double Dot(const SparseVector& a, const SparseVector& b);

}  // namespace bates::analytics::tar
