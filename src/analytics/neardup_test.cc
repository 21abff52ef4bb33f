#include "analytics/neardup.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "analytics/minhash.h"

namespace bates::analytics {
namespace {

// A text of `n` words drawn from a vocabulary of 2,000, deterministically from `seed`.
std::vector<std::string> RandomWords(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pick(0, 1999);
  std::vector<std::string> words;
  for (int i = 0; i < n; ++i) words.push_back("w" + std::to_string(pick(rng)));
  return words;
}

std::string Join(const std::vector<std::string>& words, const char* sep = " ") {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : sep) + w;
  return out;
}

struct Docs {
  SignatureTable table{128};
  MinHasher hasher;
  void Add(int64_t id, const std::string& text) {
    std::vector<uint32_t> signature(hasher.permutations());
    size_t words = 0;
    if (!hasher.Sign(text, signature.data(), &words)) return;
    std::copy(signature.begin(), signature.end(), table.Add(id, words));
  }
};

TEST(MinHashTest, SimilarityTracksJaccard) {
  MinHasher hasher;
  std::vector<std::string> words = RandomWords(400, 1);
  std::vector<uint32_t> a(hasher.permutations()), b(hasher.permutations());
  ASSERT_TRUE(hasher.Sign(Join(words), a.data()));
  // Same words, other line breaks and case: the same signature.
  std::string rewrapped = Join(words, "\n");
  rewrapped[0] = 'W';
  ASSERT_TRUE(hasher.Sign(rewrapped, b.data()));
  EXPECT_EQ(EstimateSimilarity(a.data(), b.data(), a.size()), 1.0);
  // Unrelated text: near 0.
  ASSERT_TRUE(hasher.Sign(Join(RandomWords(400, 2)), b.data()));
  EXPECT_LT(EstimateSimilarity(a.data(), b.data(), a.size()), 0.1);
  // Too short for a shingle: no signature.
  EXPECT_FALSE(hasher.Sign("three short words", b.data()));
}

TEST(NearDupTest, EditsGroupAroundTheLongestAndUnrelatedTextsStayOut) {
  std::vector<std::string> base = RandomWords(600, 7);
  std::vector<std::string> one_word = base;
  one_word[300] = "changed";
  std::vector<std::string> longer = base;  // one sentence added: the pivot
  for (const std::string& w : RandomWords(8, 99)) longer.push_back(w);
  std::vector<std::string> paragraph = base;  // a paragraph of 60 words rewritten: about 80%
  for (int i = 100; i < 160; ++i) paragraph[static_cast<size_t>(i)] = "p" + std::to_string(i);

  Docs docs;
  docs.Add(10, Join(base));
  docs.Add(11, Join(one_word));
  docs.Add(12, Join(longer));
  docs.Add(13, Join(paragraph));
  docs.Add(14, Join(RandomWords(600, 8)));
  docs.Add(15, "too short");

  NearDupOptions options;
  std::vector<NearGroup> groups = GroupNearDuplicates(docs.table, options);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].pivot, 12);
  ASSERT_EQ(groups[0].members.size(), 3u);
  EXPECT_EQ(groups[0].members[0].id, 12);
  EXPECT_EQ(groups[0].members[0].similarity, 1.0);
  EXPECT_EQ(groups[0].members[1].id, 10);
  EXPECT_EQ(groups[0].members[2].id, 11);
  EXPECT_GE(groups[0].members[2].similarity, 0.9);
  EXPECT_LT(groups[0].members[2].similarity, 1.0);

  // A lower threshold takes the rewritten paragraph in too.
  options.threshold = 0.7;
  groups = GroupNearDuplicates(docs.table, options);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].members.size(), 4u);
}

TEST(NearDupTest, SeveralThreadsGiveTheSameGroups) {
  Docs docs;
  for (int g = 0; g < 30; ++g) {
    std::vector<std::string> words = RandomWords(300, static_cast<unsigned>(100 + g));
    docs.Add(g * 10, Join(words));
    words[150] = "edited";
    docs.Add(g * 10 + 1, Join(words));
  }
  NearDupOptions one;
  NearDupOptions two = one;
  two.threads = 2;
  std::vector<NearGroup> a = GroupNearDuplicates(docs.table, one);
  std::vector<NearGroup> b = GroupNearDuplicates(docs.table, two);
  ASSERT_EQ(a.size(), 30u);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].pivot, b[i].pivot);
    EXPECT_EQ(a[i].members.size(), 2u);
  }
}

}  // namespace
}  // namespace bates::analytics
