// MinHash signatures of texts, for near-duplicate detection (neardup.h).
//
// A text becomes the set of its word shingles (`shingle_words` consecutive words, words.h), each
// hashed with xxh3. A signature is, for each of `permutations` hash functions, the least value
// over the shingles; the share of positions where two signatures agree estimates the Jaccard
// similarity of the two shingle sets. The hash functions are h_i(x) = (a_i * x + b_i) >> 32 over
// the 64-bit shingle hash (multiply-shift universal hashing), a_i and b_i drawn from xxh3 of i,
// so one xxh3 per shingle serves every permutation.
//
// Thread safety: a MinHasher is immutable once built; Sign may be called from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace bates::analytics {

struct MinHashOptions {
  // Words per shingle. Four keeps a one-word edit to four changed shingles while making chance
  // overlaps between unrelated texts rare.
  int shingle_words = 4;
  // Signature length = bands * rows (neardup.h): 16 bands of 8 rows find pairs of 90% similarity
  // with probability 1 - (1 - 0.9^8)^16 > 0.9998, and pairs of 50% with about 6%.
  int bands = 16;
  int rows = 8;
};

class MinHasher {
 public:
  explicit MinHasher(const MinHashOptions& options = {});

  size_t permutations() const { return a_.size(); }
  const MinHashOptions& options() const { return options_; }

  // Writes permutations() values to `out`. Returns the number of words of the text; a text with
  // fewer words than a shingle gets no signature (false), as there is nothing to compare.
  bool Sign(std::string_view text, uint32_t* out, size_t* words = nullptr) const;

  // The hashes of the text's shingles, sorted and unique: the set a signature summarises (for
  // exact Jaccard similarity in tests and benchmarks).
  std::vector<uint64_t> Shingles(std::string_view text) const;

 private:
  MinHashOptions options_;
  std::vector<uint64_t> a_, b_;
};

// Share of equal positions of two signatures of length n: the estimated Jaccard similarity.
double EstimateSimilarity(const uint32_t* a, const uint32_t* b, size_t n);

}  // namespace bates::analytics
