#include "analytics/inclusive.h"

#include <algorithm>
#include <numeric>

#include "analytics/words.h"

namespace bates::analytics {
namespace {

// Whether every attachment of `a` (as a multiset) is among those of `b`.
bool AttachmentsWithin(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

}  // namespace

std::vector<bool> MarkInclusive(const std::vector<ThreadMessage>& thread, size_t max_compared) {
  const size_t n = thread.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return thread[a].position < thread[b].position; });
  // " w1 w2 ... " so that a match starts and ends at word boundaries.
  std::vector<std::string> words(n);
  for (size_t i = 0; i < n; ++i) words[i] = " " + WordString(thread[i].text) + " ";

  std::vector<bool> inclusive(n, true);
  for (size_t p = 0; p < n; ++p) {
    const size_t i = order[p];
    const size_t last = std::min(n, p + 1 + max_compared);
    for (size_t q = p + 1; q < last; ++q) {
      const size_t j = order[q];
      if (words[j].size() < words[i].size()) continue;
      if (words[i].size() > 2 && words[j].find(words[i]) == std::string::npos) continue;
      if (!AttachmentsWithin(thread[i].attachment_sha256, thread[j].attachment_sha256)) continue;
      inclusive[i] = false;
      break;
    }
  }
  return inclusive;
}

}  // namespace bates::analytics
