#include "analytics/tar/features.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "analytics/words.h"
#include "core/hash.h"

namespace bates::analytics::tar {
namespace {

// Words this short carry no topic, and numbers are mostly dates and amounts that tie unrelated
// documents together.
bool Useful(std::string_view word) {
  if (word.size() < 2) return false;
  return !std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

SparseVector TermCounts(std::string_view text) {
  std::vector<uint32_t> slots;
  std::string lower;
  ForEachWord(text, [&](std::string_view word) {
    if (!Useful(word)) return;
    lower.assign(word);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    slots.push_back(static_cast<uint32_t>(Xxh3_64(lower) & (kFeatureSlots - 1)));
  });
  std::sort(slots.begin(), slots.end());
  SparseVector counts;
  for (uint32_t s : slots) {
    if (!counts.empty() && counts.back().first == s) {
      counts.back().second += 1;
    } else {
      counts.emplace_back(s, 1.0f);
    }
  }
  return counts;
}

void FeatureSpace::AddDocument(const SparseVector& counts) {
  for (const auto& [slot, n] : counts) ++df_[slot];
  ++documents_;
}

FeatureSpace FeatureSpace::Restore(std::vector<uint32_t> df, uint64_t documents) {
  FeatureSpace space;
  df.resize(kFeatureSlots, 0);
  space.df_ = std::move(df);
  space.documents_ = documents;
  return space;
}

SparseVector FeatureSpace::Weigh(const SparseVector& counts) const {
  SparseVector v;
  v.reserve(counts.size());
  double norm = 0;
  const double n = static_cast<double>(std::max<uint64_t>(documents_, 1));
  for (const auto& [slot, tf] : counts) {
    // A word no collection document has (only in a seed) gets the rarest weight, ln(N + 1).
    const double df = std::max<double>(df_[slot], 0.0);
    const double idf = std::log((n + 1) / (df + 1)) + 1e-6;
    const double w = (1.0 + std::log(static_cast<double>(tf))) * idf;
    v.emplace_back(slot, static_cast<float>(w));
    norm += w * w;
  }
  if (norm > 0) {
    const double inv = 1.0 / std::sqrt(norm);
    for (auto& [slot, w] : v) w = static_cast<float>(w * inv);
  }
  return v;
}

std::vector<SparseVector> VectorizeAll(const std::vector<std::string_view>& texts,
                                       FeatureSpace* space) {
  std::vector<SparseVector> counts;
  counts.reserve(texts.size());
  for (std::string_view t : texts) {
    counts.push_back(TermCounts(t));
    space->AddDocument(counts.back());
  }
  for (SparseVector& c : counts) c = space->Weigh(c);
  return counts;
}

double Dot(const SparseVector& a, const SparseVector& b) {
  double sum = 0;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      sum += static_cast<double>(a[i++].second) * b[j++].second;
    }
  }
  return sum;
}

}  // namespace bates::analytics::tar
