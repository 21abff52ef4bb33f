// Classifier: L2-regularised logistic regression (liblinear) over tar::SparseVector. The only
// user of liblinear; its types stay in classifier.cc.
//
// Thread safety: Train is reentrant (liblinear's output is silenced once, process-wide); a
// LinearModel is read-only.
#pragma once

#include <vector>

#include "analytics/tar/features.h"
#include "core/result.h"

namespace bates::analytics::tar {

struct LinearModel {
  std::vector<double> weights;  // one per feature slot; score = w · x
  double Score(const SparseVector& x) const;
};

struct TrainingExample {
  const SparseVector* x = nullptr;
  bool positive = false;
};

// Fits the model; InvalidArgument unless both classes are present. `cost` is liblinear's C.
Result<LinearModel> Train(const std::vector<TrainingExample>& examples, double cost = 1.0);

}  // namespace bates::analytics::tar
