#include "analytics/minhash.h"

#include <algorithm>
#include <limits>
#include <string>

#include "analytics/words.h"
#include "core/hash.h"

namespace bates::analytics {
namespace {

// Seeds of the word and permutation hashes; fixed, so signatures are the same on every run.
constexpr uint64_t kWordSeed = 0x6261746573ull;             // "bates"
constexpr uint64_t kPermutationSeed = 0x6d696e68617368ull;  // "minhash"

uint64_t HashWord(std::string_view word) {
  // Lower-cased into a small buffer: words are hashed by what they say, not their case.
  char buffer[64];
  if (word.size() <= sizeof(buffer)) {
    for (size_t i = 0; i < word.size(); ++i) {
      char c = word[i];
      buffer[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return Xxh3_64(std::string_view(buffer, word.size()), kWordSeed);
  }
  std::string lower(word);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return Xxh3_64(lower, kWordSeed);
}

// Calls fn(uint64_t) with the hash of every shingle of k words; returns the number of words.
template <typename Fn>
size_t ForEachShingle(std::string_view text, size_t k, Fn&& fn) {
  // A ring of the last k word hashes; a shingle is hashed from them in order.
  uint64_t ring[16];
  size_t words = 0;
  ForEachWord(text, [&](std::string_view word) {
    ring[words % k] = HashWord(word);
    ++words;
    if (words < k) return;
    uint64_t shingle[16];
    for (size_t j = 0; j < k; ++j) shingle[j] = ring[(words + j) % k];
    fn(Xxh3_64(std::string_view(reinterpret_cast<const char*>(shingle), k * sizeof(uint64_t))));
  });
  return words;
}

}  // namespace

MinHasher::MinHasher(const MinHashOptions& options) : options_(options) {
  options_.shingle_words = std::clamp(options_.shingle_words, 1, 16);
  const size_t n = static_cast<size_t>(std::max(1, options_.bands) * std::max(1, options_.rows));
  a_.resize(n);
  b_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    uint64_t key[2] = {i, 0};
    std::string_view bytes(reinterpret_cast<const char*>(key), sizeof(key));
    a_[i] = Xxh3_64(bytes, kPermutationSeed) | 1;  // odd: a multiplication that permutes
    key[1] = 1;
    b_[i] = Xxh3_64(bytes, kPermutationSeed);
  }
}

bool MinHasher::Sign(std::string_view text, uint32_t* out, size_t* words_out) const {
  const size_t k = static_cast<size_t>(options_.shingle_words);
  const size_t n = a_.size();
  std::fill(out, out + n, std::numeric_limits<uint32_t>::max());
  const uint64_t* a = a_.data();
  const uint64_t* b = b_.data();
  size_t words = ForEachShingle(text, k, [&](uint64_t x) {
    for (size_t i = 0; i < n; ++i) {
      const auto v = static_cast<uint32_t>((a[i] * x + b[i]) >> 32);
      out[i] = std::min(out[i], v);
    }
  });
  if (words_out != nullptr) *words_out = words;
  return words >= k;
}

std::vector<uint64_t> MinHasher::Shingles(std::string_view text) const {
  std::vector<uint64_t> out;
  ForEachShingle(text, static_cast<size_t>(options_.shingle_words),
                 [&out](uint64_t x) { out.push_back(x); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double EstimateSimilarity(const uint32_t* a, const uint32_t* b, size_t n) {
  if (n == 0) return 0;
  size_t same = 0;
  for (size_t i = 0; i < n; ++i) same += a[i] == b[i] ? 1 : 0;
  return static_cast<double>(same) / static_cast<double>(n);
}

}  // namespace bates::analytics
