#include "analytics/tar/cal.h"

#include <algorithm>
#include <numeric>

namespace bates::analytics::tar {

uint32_t NextBatchSize(uint32_t current) { return current + (current + 9) / 10; }

Result<std::vector<double>> TrainAndScore(const std::vector<SparseVector>& docs,
                                          const std::vector<SparseVector>& seeds,
                                          const std::vector<Coding>& coding,
                                          const CalOptions& options, std::mt19937_64& rng) {
  std::vector<TrainingExample> examples;
  for (const SparseVector& s : seeds) examples.push_back({&s, true});
  std::vector<size_t> unreviewed;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (coding[i] == Coding::kUnreviewed) {
      unreviewed.push_back(i);
    } else {
      examples.push_back({&docs[i], coding[i] == Coding::kYes});
    }
  }
  // Presumed non-responsive: most of any collection is, and without them the first rounds
  // would have only positives to learn from.
  const size_t draw = std::min<size_t>(options.random_negatives, unreviewed.size());
  for (size_t i = 0; i < draw; ++i) {
    std::uniform_int_distribution<size_t> pick(i, unreviewed.size() - 1);
    std::swap(unreviewed[i], unreviewed[pick(rng)]);
    examples.push_back({&docs[unreviewed[i]], false});
  }
  BATES_ASSIGN_OR_RETURN(LinearModel model, Train(examples, options.cost));
  std::vector<double> scores(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) scores[i] = model.Score(docs[i]);
  return scores;
}

std::vector<size_t> TopUnreviewed(const std::vector<double>& scores,
                                  const std::vector<Coding>& coding, size_t count) {
  std::vector<size_t> open;
  for (size_t i = 0; i < scores.size(); ++i) {
    if (coding[i] == Coding::kUnreviewed) open.push_back(i);
  }
  count = std::min(count, open.size());
  const auto better = [&](size_t a, size_t b) {
    return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
  };
  std::partial_sort(open.begin(), open.begin() + static_cast<std::ptrdiff_t>(count), open.end(),
                    better);
  open.resize(count);
  return open;
}

std::vector<size_t> Ranking(const std::vector<double>& scores) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
  });
  return order;
}

}  // namespace bates::analytics::tar
