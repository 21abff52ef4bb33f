#include "analytics/tar/cal.h"

#include <gtest/gtest.h>

#include <string>

namespace bates::analytics::tar {
namespace {

TEST(TarCal, BatchesGrowByATenthRoundedUp) {
  EXPECT_EQ(NextBatchSize(1), 2u);
  EXPECT_EQ(NextBatchSize(10), 11u);
  EXPECT_EQ(NextBatchSize(11), 13u);
  EXPECT_EQ(NextBatchSize(100), 110u);
}

TEST(TarCal, ASeedTextRanksItsTopicFirst) {
  std::vector<std::string> texts;
  for (int i = 0; i < 200; ++i) {
    texts.push_back(i % 10 == 0 ? "wheat harvest grain export tonnes " + std::to_string(i)
                                : "bank interest rate loan deposit " + std::to_string(i));
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  FeatureSpace space;
  std::vector<SparseVector> docs = VectorizeAll(views, &space);
  std::vector<SparseVector> seeds = {space.Weigh(TermCounts("wheat grain exports"))};
  std::vector<Coding> coding(docs.size(), Coding::kUnreviewed);
  std::mt19937_64 rng(7);
  auto scores = TrainAndScore(docs, seeds, coding, CalOptions{}, rng);
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  std::vector<size_t> top = TopUnreviewed(*scores, coding, 20);
  ASSERT_EQ(top.size(), 20u);
  for (size_t i = 0; i < 20; ++i) EXPECT_EQ(top[i] % 10, 0u) << "rank " << i;
  // Reviewed documents are never offered again.
  coding[top[0]] = Coding::kYes;
  for (size_t d : TopUnreviewed(*scores, coding, 200)) EXPECT_NE(d, top[0]);
  EXPECT_EQ(TopUnreviewed(*scores, coding, 500).size(), 199u);
}

TEST(TarCal, NothingResponsiveToLearnFromIsAnError) {
  std::vector<SparseVector> docs = {TermCounts("a b c"), TermCounts("d e f")};
  std::vector<Coding> coding(2, Coding::kUnreviewed);
  std::mt19937_64 rng(1);
  EXPECT_FALSE(TrainAndScore(docs, {}, coding, CalOptions{}, rng).ok());
}

}  // namespace
}  // namespace bates::analytics::tar
