// Recall estimation by the elusion test: a random sample of the unreviewed remainder is reviewed;
// the share of responsive documents in it (the elusion rate) bounds how many were missed, and so
// the recall, with an exact (Clopper-Pearson) interval.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>

namespace bates::analytics::tar {

struct Interval {
  double low = 0, high = 1;
};

// Exact binomial interval for a proportion: `k` successes in `n` draws, two-sided, at
// `confidence` (e.g. 0.95). n = 0 gives [0, 1].
Interval ClopperPearson(uint64_t k, uint64_t n, double confidence);

// The standard normal quantile (inverse CDF) of p in (0, 1).
double NormalQuantile(double p);

// Sample size to estimate the elusion rate within ±`margin` at `confidence`, for an expected rate
// `expected` (0.5 is the most cautious), corrected for a finite remainder of `population`
// documents (0: infinite). Never more than the population.
uint64_t ElusionSampleSize(double margin, double confidence, double expected, uint64_t population);

struct RecallEstimate {
  double elusion = 0;      // k / n
  double recall = 1;       // found / (found + elusion * remainder)
  double recall_low = 0;   // from the upper bound of the elusion rate
  double recall_high = 1;  // from its lower bound
};

// Recall when `found` responsive documents were found by review, `remainder` documents are left
// unreviewed, and a sample of `sample` of them held `responsive_in_sample`.
RecallEstimate EstimateRecall(uint64_t found, uint64_t remainder, uint64_t sample,
                              uint64_t responsive_in_sample, double confidence);

}  // namespace bates::analytics::tar
