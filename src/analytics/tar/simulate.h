// Simulation: plays the reviewer of a CAL review from known labels, to measure and tune the
// method. It records the gain curve (responsive found after each review), where the knee and
// target stopping rules fire, an elusion test taken where the knee rule stops (with, for
// calibration, the share of repeated tests whose interval holds the true recall), and three
// references on the same documents: random review, ranking by likeness to the seeds alone, and a
// near-ideal bound (5-fold cross-validation on all labels ranks every document).
//
// Thread safety: pure function over its arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "analytics/tar/cal.h"
#include "analytics/tar/recall.h"
#include "analytics/tar/stopping.h"

namespace bates::analytics::tar {

inline constexpr double kRecallLevels[] = {0.75, 0.8, 0.9};

struct SimulationOptions {
  CalOptions cal;
  uint64_t random_seed = 1;
  std::vector<size_t> seed_docs;   // known responsive documents, coded first
  std::vector<size_t> first_docs;  // e.g. a query's hits: reviewed as the first batch
  double confidence = 0.95;        // of the elusion test's interval
  double margin = 0.05;            // of the elusion rate, for the sample size
  double expected_elusion = 0.5;   // for the sample size (0.5: the most cautious)
  uint32_t elusion_repeats = 0;    // extra elusion tests with fresh samples (calibration)
  bool references = false;
};

struct StopPoint {
  bool fired = false;   // false: the rule had not fired when the simulation ended
  size_t reviewed = 0;  // reviews when it stops (for target: including its random sample)
  double recall = 0;    // true recall then
};

struct ElusionOutcome {
  size_t reviewed = 0;  // where the test was taken
  uint64_t remainder = 0, sample = 0, responsive_in_sample = 0;
  RecallEstimate estimate;
  double true_recall = 0;
  // Calibration over `repeats` fresh samples: how many intervals held the true recall, and the
  // binomial interval of that share at the same confidence.
  uint32_t repeats = 0, covered = 0;
  Interval coverage;
};

// Effort to reach each of kRecallLevels; nullopt where the ranking never does.
using Efforts = std::vector<std::optional<double>>;

struct SimulationResult {
  size_t documents = 0;
  uint32_t relevant = 0;
  GainCurve curve;                 // per review
  std::vector<size_t> batch_ends;  // reviews done at the end of each batch
  Efforts effort;
  StopPoint knee, target;
  ElusionOutcome elusion;
  // References (SimulationOptions::references); empty otherwise.
  Efforts random, seed_only, ideal;
};

// `truth[i]`: document i is responsive. Seeds are synthetic documents (e.g. a request's
// description) taken as responsive. InvalidArgument if nothing is responsive or nothing seeds
// the review.
Result<SimulationResult> Simulate(const std::vector<SparseVector>& docs,
                                  const std::vector<SparseVector>& seeds,
                                  const std::vector<bool>& truth, const SimulationOptions& options);

}  // namespace bates::analytics::tar
