#include "analytics/tar/simulate.h"

#include <algorithm>
#include <numeric>

namespace bates::analytics::tar {
namespace {

Efforts EffortsOf(const GainCurve& curve, uint32_t relevant) {
  Efforts out;
  for (double r : kRecallLevels) {
    std::optional<size_t> e = EffortAt(curve, relevant, r);
    out.push_back(e ? std::optional<double>(static_cast<double>(*e)) : std::nullopt);
  }
  return out;
}

GainCurve CurveOf(const std::vector<size_t>& order, const std::vector<bool>& truth) {
  GainCurve curve;
  uint32_t found = 0;
  for (size_t d : order) {
    found += truth[d] ? 1 : 0;
    curve.push_back(found);
  }
  return curve;
}

// The near-ideal bound: each fold is ranked by a model trained on the labels of the others.
Result<Efforts> IdealEfforts(const std::vector<SparseVector>& docs, const std::vector<bool>& truth,
                             uint32_t relevant, const CalOptions& cal, std::mt19937_64& rng) {
  constexpr size_t kFolds = 5;
  std::vector<size_t> perm(docs.size());
  std::iota(perm.begin(), perm.end(), size_t{0});
  std::shuffle(perm.begin(), perm.end(), rng);
  std::vector<size_t> fold(docs.size());
  for (size_t i = 0; i < perm.size(); ++i) fold[perm[i]] = i % kFolds;
  std::vector<double> scores(docs.size(), 0);
  for (size_t f = 0; f < kFolds; ++f) {
    std::vector<TrainingExample> examples;
    for (size_t i = 0; i < docs.size(); ++i) {
      if (fold[i] != f) examples.push_back({&docs[i], truth[i]});
    }
    BATES_ASSIGN_OR_RETURN(LinearModel model, Train(examples, cal.cost));
    for (size_t i = 0; i < docs.size(); ++i) {
      if (fold[i] == f) scores[i] = model.Score(docs[i]);
    }
  }
  return EffortsOf(CurveOf(Ranking(scores), truth), relevant);
}

// Expected position of the k-th responsive document in a random order: k (N + 1) / (R + 1).
Efforts RandomEfforts(size_t documents, uint32_t relevant) {
  Efforts out;
  for (double r : kRecallLevels) {
    const double k = std::ceil(r * relevant - 1e-9);
    out.push_back(k * (static_cast<double>(documents) + 1) / (relevant + 1.0));
  }
  return out;
}

// Draws `n` of `pool` without replacement and counts the responsive ones.
uint64_t DrawResponsive(std::vector<size_t>& pool, uint64_t n, const std::vector<bool>& truth,
                        std::mt19937_64& rng) {
  uint64_t k = 0;
  for (uint64_t i = 0; i < n; ++i) {
    std::uniform_int_distribution<size_t> pick(i, pool.size() - 1);
    std::swap(pool[i], pool[pick(rng)]);
    k += truth[pool[i]] ? 1 : 0;
  }
  return k;
}

ElusionOutcome Elusion(const std::vector<size_t>& order, size_t reviewed,
                       const std::vector<bool>& truth, uint32_t relevant,
                       const SimulationOptions& options, std::mt19937_64& rng) {
  ElusionOutcome out;
  out.reviewed = reviewed;
  std::vector<bool> done(truth.size(), false);
  uint64_t found = 0;
  for (size_t i = 0; i < reviewed; ++i) {
    done[order[i]] = true;
    found += truth[order[i]] ? 1 : 0;
  }
  std::vector<size_t> pool;
  for (size_t i = 0; i < truth.size(); ++i) {
    if (!done[i]) pool.push_back(i);
  }
  out.remainder = pool.size();
  out.true_recall = static_cast<double>(found) / relevant;
  out.sample = ElusionSampleSize(options.margin, options.confidence, options.expected_elusion,
                                 out.remainder);
  if (out.remainder == 0) out.sample = 0;
  out.responsive_in_sample = DrawResponsive(pool, out.sample, truth, rng);
  out.estimate = EstimateRecall(found, out.remainder, out.sample, out.responsive_in_sample,
                                options.confidence);
  out.repeats = options.elusion_repeats;
  for (uint32_t i = 0; i < options.elusion_repeats; ++i) {
    const uint64_t k = DrawResponsive(pool, out.sample, truth, rng);
    RecallEstimate e = EstimateRecall(found, out.remainder, out.sample, k, options.confidence);
    if (e.recall_low <= out.true_recall + 1e-12 && out.true_recall <= e.recall_high + 1e-12) {
      ++out.covered;
    }
  }
  if (out.repeats > 0) out.coverage = ClopperPearson(out.covered, out.repeats, options.confidence);
  return out;
}

}  // namespace

Result<SimulationResult> Simulate(const std::vector<SparseVector>& docs,
                                  const std::vector<SparseVector>& seeds,
                                  const std::vector<bool>& truth,
                                  const SimulationOptions& options) {
  SimulationResult out;
  out.documents = docs.size();
  out.relevant = static_cast<uint32_t>(std::count(truth.begin(), truth.end(), true));
  if (out.relevant == 0) return InvalidArgumentError("no document is labelled responsive");
  if (seeds.empty() && options.seed_docs.empty() && options.first_docs.empty()) {
    return InvalidArgumentError("a review needs a seed: text, documents or a query");
  }
  std::mt19937_64 rng(options.random_seed);

  // The target set is drawn before the review starts, as the method prescribes.
  std::vector<size_t> perm(docs.size());
  std::iota(perm.begin(), perm.end(), size_t{0});
  std::shuffle(perm.begin(), perm.end(), rng);
  std::vector<size_t> target_sample, targets;
  for (size_t d : perm) {
    if (targets.size() == kTargetSize) break;
    target_sample.push_back(d);
    if (truth[d]) targets.push_back(d);
  }

  std::vector<Coding> coding(docs.size(), Coding::kUnreviewed);
  std::vector<size_t> order;
  uint32_t found = 0;
  const auto review = [&](size_t d) {
    if (coding[d] != Coding::kUnreviewed) return;
    coding[d] = truth[d] ? Coding::kYes : Coding::kNo;
    found += truth[d] ? 1 : 0;
    order.push_back(d);
    out.curve.push_back(found);
  };
  for (size_t d : options.seed_docs) review(d);
  for (size_t d : options.first_docs) review(d);
  if (!order.empty()) out.batch_ends.push_back(order.size());

  const auto need90 = static_cast<uint32_t>(std::ceil(0.9 * out.relevant - 1e-9));
  const auto targets_found = [&] {
    return std::all_of(targets.begin(), targets.end(),
                       [&](size_t d) { return coding[d] != Coding::kUnreviewed; });
  };
  uint32_t batch = options.cal.first_batch;
  while (order.size() < docs.size()) {
    std::vector<size_t> next;
    if (seeds.empty() && found == 0) {
      // Nothing responsive to learn from yet: review at random until something turns up.
      for (size_t d : perm) {
        if (next.size() == batch) break;
        if (coding[d] == Coding::kUnreviewed) next.push_back(d);
      }
    } else {
      BATES_ASSIGN_OR_RETURN(std::vector<double> scores,
                             TrainAndScore(docs, seeds, coding, options.cal, rng));
      next = TopUnreviewed(scores, coding, batch);
    }
    for (size_t d : next) review(d);
    out.batch_ends.push_back(order.size());
    if (!out.knee.fired && KneeFires(out.curve, order.size())) {
      out.knee.fired = true;
      out.knee.reviewed = order.size();
      out.knee.recall = static_cast<double>(found) / out.relevant;
    }
    // Go on until every rule has fired and the curve shows 90% recall.
    if (out.knee.fired && found >= need90 && targets_found()) break;
    batch = NextBatchSize(batch);
  }
  if (!out.knee.fired) {
    out.knee.reviewed = order.size();
    out.knee.recall = static_cast<double>(found) / out.relevant;
  }
  out.effort = EffortsOf(out.curve, out.relevant);

  // Target: the random sample plus the review up to the last target document it finds.
  {
    std::vector<size_t> position(docs.size(), SIZE_MAX);
    for (size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
    size_t last = 0;
    bool all = true;
    for (size_t d : targets) {
      if (position[d] == SIZE_MAX) {
        all = false;
      } else {
        last = std::max(last, position[d] + 1);
      }
    }
    out.target.fired = all && targets.size() == kTargetSize;
    std::vector<bool> seen(docs.size(), false);
    size_t reviewed = 0;
    uint32_t got = 0;
    const auto count = [&](size_t d) {
      if (seen[d]) return;
      seen[d] = true;
      ++reviewed;
      got += truth[d] ? 1 : 0;
    };
    for (size_t d : target_sample) count(d);
    for (size_t i = 0; i < (out.target.fired ? last : order.size()); ++i) count(order[i]);
    out.target.reviewed = reviewed;
    out.target.recall = static_cast<double>(got) / out.relevant;
  }

  out.elusion = Elusion(order, out.knee.reviewed, truth, out.relevant, options, rng);

  if (options.references) {
    out.random = RandomEfforts(docs.size(), out.relevant);
    // The seed alone ranks by likeness to it (cosine of the unit tf-idf vectors), as a query
    // would: what the review would find without learning from its own coding.
    std::vector<const SparseVector*> seed_vectors;
    for (const SparseVector& s : seeds) seed_vectors.push_back(&s);
    for (size_t d : options.seed_docs) seed_vectors.push_back(&docs[d]);
    if (!seed_vectors.empty()) {
      std::vector<double> scores(docs.size(), 0);
      for (size_t i = 0; i < docs.size(); ++i) {
        for (const SparseVector* s : seed_vectors) scores[i] += Dot(*s, docs[i]);
      }
      out.seed_only = EffortsOf(CurveOf(Ranking(scores), truth), out.relevant);
    }
    BATES_ASSIGN_OR_RETURN(out.ideal, IdealEfforts(docs, truth, out.relevant, options.cal, rng));
  }
  return out;
}

}  // namespace bates::analytics::tar
