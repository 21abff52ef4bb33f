#include "analytics/tar/simulate.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace bates::analytics::tar {
namespace {

// A synthetic collection: 3,000 documents over 30 word-topics; topic 0 is the responsive one
// (100 documents). Each document mixes words of its topic with common noise words, and some
// responsive documents use only the topic's rarer words, so ranking is not trivial.
struct Collection {
  std::vector<SparseVector> docs;
  std::vector<bool> truth;
  FeatureSpace space;
};

Collection Make() {
  Collection c;
  std::mt19937_64 rng(42);
  std::vector<std::string> texts;
  for (int i = 0; i < 3000; ++i) {
    const int topic = i % 30;
    std::string t;
    std::uniform_int_distribution<int> word(0, 19), noise(0, 199);
    for (int w = 0; w < 40; ++w) {
      if (w % 3 == 0) {
        t += "t" + std::to_string(topic) + "w" + std::to_string(word(rng)) + " ";
      } else {
        t += "noise" + std::to_string(noise(rng)) + " ";
      }
    }
    texts.push_back(t);
    c.truth.push_back(topic == 0);
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  c.docs = VectorizeAll(views, &c.space);
  return c;
}

TEST(TarSimulate, CalFindsTheTopicWithFarLessEffortThanRandomReview) {
  Collection c = Make();
  SimulationOptions options;
  options.references = true;
  options.elusion_repeats = 50;
  std::vector<SparseVector> seeds = {c.space.Weigh(TermCounts("t0w1 t0w2 t0w3"))};
  auto r = Simulate(c.docs, seeds, c.truth, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->relevant, 100u);
  ASSERT_EQ(r->effort.size(), 3u);
  ASSERT_TRUE(r->effort[2].has_value());
  // Random review needs about 90% of 3,000 for 90% recall; CAL a small multiple of 100.
  EXPECT_LT(*r->effort[2], 300);
  EXPECT_GT(*r->random[2], 2500);
  EXPECT_LE(*r->ideal[2], *r->random[2]);
  // The curve is the review's: non-decreasing, one point per review, never above the truth.
  for (size_t i = 1; i < r->curve.size(); ++i) EXPECT_GE(r->curve[i], r->curve[i - 1]);
  EXPECT_EQ(r->curve.size(), r->batch_ends.back());
  EXPECT_LE(r->curve.back(), 100u);
  // The knee fires; the elusion test's true recall is the curve's at that point.
  EXPECT_TRUE(r->knee.fired);
  EXPECT_DOUBLE_EQ(r->elusion.true_recall, r->curve[r->knee.reviewed - 1] / 100.0);
  EXPECT_DOUBLE_EQ(r->knee.recall, r->elusion.true_recall);
  EXPECT_EQ(r->elusion.remainder, 3000 - r->knee.reviewed);
  EXPECT_LE(r->elusion.estimate.recall_low, r->elusion.estimate.recall);
  EXPECT_EQ(r->elusion.repeats, 50u);
  EXPECT_GE(r->elusion.covered, 45u);  // exact intervals cover at least 95% in expectation
  // The target rule fires after its random sample found 10 responsive documents.
  EXPECT_TRUE(r->target.fired);
  EXPECT_GT(r->target.reviewed, 10u);
}

TEST(TarSimulate, TheSameSeedGivesTheSameRun) {
  Collection c = Make();
  SimulationOptions options;
  options.seed_docs = {0};  // a known responsive document
  auto a = Simulate(c.docs, {}, c.truth, options);
  auto b = Simulate(c.docs, {}, c.truth, options);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->curve, b->curve);
  EXPECT_EQ(a->curve[0], 1u);
}

TEST(TarSimulate, RefusesWithoutSeedOrResponsiveDocuments) {
  Collection c = Make();
  EXPECT_FALSE(Simulate(c.docs, {}, c.truth, SimulationOptions{}).ok());
  std::vector<bool> none(c.docs.size(), false);
  SimulationOptions options;
  options.seed_docs = {0};
  EXPECT_FALSE(Simulate(c.docs, {}, none, options).ok());
}

}  // namespace
}  // namespace bates::analytics::tar
