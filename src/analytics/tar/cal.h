// Continuous active learning (CAL), after Cormack and Grossman's baseline model implementation:
// each round a logistic-regression model is trained on the seeds (synthetic documents, taken as
// responsive), every review so far, and a fresh random draw of unreviewed documents presumed
// non-responsive; the unreviewed documents are scored, and the reviewer codes the top batch. The
// batch grows by a tenth (rounded up) each round, so retraining costs little early on and the
// number of rounds stays logarithmic in the review's size.
//
// Documents are indices into a vector of tf-idf vectors (features.h); the caller maps them to
// items. Ties in score go to the lower index, so a run is reproducible from its random seed.
//
// Thread safety: pure functions over their arguments.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "analytics/tar/classifier.h"
#include "analytics/tar/features.h"
#include "core/result.h"

namespace bates::analytics::tar {

// A document's coding: not yet reviewed, or reviewed as not responsive / responsive.
enum class Coding : int8_t { kUnreviewed = -1, kNo = 0, kYes = 1 };

struct CalOptions {
  uint32_t first_batch = 1;
  uint32_t random_negatives = 100;  // presumed non-responsive documents drawn each round
  double cost = 0.1;                // liblinear's C (docs/TAR.md: chosen on Reuters)
};

// The next batch size after `current` (BMI: B + ceil(B / 10)).
uint32_t NextBatchSize(uint32_t current);

// Trains on seeds + coded documents + random presumed negatives and scores every document
// (reviewed ones too). InvalidArgument if there is nothing responsive to learn from.
Result<std::vector<double>> TrainAndScore(const std::vector<SparseVector>& docs,
                                          const std::vector<SparseVector>& seeds,
                                          const std::vector<Coding>& coding,
                                          const CalOptions& options, std::mt19937_64& rng);

// The `count` best-scored unreviewed documents, best first.
std::vector<size_t> TopUnreviewed(const std::vector<double>& scores,
                                  const std::vector<Coding>& coding, size_t count);

// All documents ordered by score, best first.
std::vector<size_t> Ranking(const std::vector<double>& scores);

}  // namespace bates::analytics::tar
