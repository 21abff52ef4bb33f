// One CAL round (retrain and rescore every document, then pick the batch) on N synthetic
// documents, to size the target of a round under 30 s on 1,000,000 items. Documents are
// generated in memory (80 words each, Zipf-like over a 200,000-word vocabulary, tf-idf weighed
// as the engine does), so the figure is the analytics core's alone. bench/tar_maildir_bench.cc
// times the round on real files through the feature cache.
//
//   tar_bench [N=100000] [coded=2000]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "analytics/tar/cal.h"

using namespace bates::analytics::tar;

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  const size_t coded = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 2000;
  std::mt19937_64 rng(1);
  // Zipf-like word ranks: floor(exp(u * ln V)).
  std::uniform_real_distribution<double> u(0, 1);
  const double log_v = std::log(200000.0);
  FeatureSpace space;
  std::vector<SparseVector> docs(n);
  const auto t0 = std::chrono::steady_clock::now();
  for (size_t i = 0; i < n; ++i) {
    std::string text;
    for (int w = 0; w < 80; ++w) {
      text += "w" + std::to_string(static_cast<uint64_t>(std::exp(u(rng) * log_v))) + " ";
    }
    if (i % 50 == 0) text += "topic topic special ";  // a 2% topic
    docs[i] = TermCounts(text);
    space.AddDocument(docs[i]);
  }
  for (SparseVector& d : docs) d = space.Weigh(d);
  const auto t1 = std::chrono::steady_clock::now();
  std::vector<Coding> coding(n, Coding::kUnreviewed);
  for (size_t i = 0; i < coded && i < n; ++i) {
    coding[i * 7 % n] = (i * 7 % n) % 50 == 0 ? Coding::kYes : Coding::kNo;
  }
  std::vector<SparseVector> seeds = {space.Weigh(TermCounts("topic special"))};
  auto scores = TrainAndScore(docs, seeds, coding, CalOptions{}, rng);
  if (!scores.ok()) {
    std::fprintf(stderr, "%s\n", scores.status().ToString().c_str());
    return 1;
  }
  std::vector<size_t> batch = TopUnreviewed(*scores, coding, 200);
  const auto t2 = std::chrono::steady_clock::now();
  size_t hits = 0;
  for (size_t d : batch) hits += d % 50 == 0 ? 1 : 0;
  std::printf(
      "documents %zu, coded %zu: features %.2f s; round (train + score + batch) %.2f s; "
      "batch of %zu holds %zu on topic\n",
      n, coded, std::chrono::duration<double>(t1 - t0).count(),
      std::chrono::duration<double>(t2 - t1).count(), batch.size(), hits);
  return 0;
}
