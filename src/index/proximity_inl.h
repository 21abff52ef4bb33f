// The position matching of proximity.h, as a template so tests can feed it positions directly.
#pragma once

#include <algorithm>
#include <vector>

namespace bates::index::internal {

namespace proximity_detail {

// Whether spans a and b are within `distance` of each other (a before b when `ordered`).
inline bool Near(const Span& a, const Span& b, uint32_t distance, bool ordered) {
  if (a.end < b.start) return b.start - a.end <= distance;
  if (!ordered && b.end < a.start) return a.start - b.end <= distance;
  return false;  // overlapping occurrences are one place in the text, not two near each other
}

inline void Normalise(std::vector<Span>& spans) {
  std::sort(spans.begin(), spans.end());
  spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
}

}  // namespace proximity_detail

template <typename Positions>
std::vector<Span> Occurrences(const Pattern& pattern, Positions&& positions_of) {
  using proximity_detail::Near;
  std::vector<Span> out;
  switch (pattern.kind) {
    case Pattern::Kind::kSequence: {
      if (pattern.slots.empty()) return out;
      // Positions each slot allows, merged over its terms.
      std::vector<std::vector<uint32_t>> allowed(pattern.slots.size());
      for (size_t i = 0; i < pattern.slots.size(); ++i) {
        for (const std::string& term : pattern.slots[i]) {
          const std::vector<uint32_t>& p = positions_of(term);
          allowed[i].insert(allowed[i].end(), p.begin(), p.end());
        }
        std::sort(allowed[i].begin(), allowed[i].end());
        if (allowed[i].empty()) return out;
      }
      auto last = static_cast<uint32_t>(pattern.slots.size() - 1);
      for (uint32_t start : allowed[0]) {
        bool all = true;
        for (uint32_t i = 1; i <= last && all; ++i) {
          all = std::binary_search(allowed[i].begin(), allowed[i].end(), start + i);
        }
        if (all) out.push_back(Span{start, start + last});
      }
      break;
    }
    case Pattern::Kind::kOr:
      for (const Pattern& child : pattern.children) {
        std::vector<Span> spans = Occurrences(child, positions_of);
        out.insert(out.end(), spans.begin(), spans.end());
      }
      break;
    case Pattern::Kind::kNear: {
      std::vector<Span> a = Occurrences(pattern.children[0], positions_of);
      if (a.empty()) return out;
      std::vector<Span> b = Occurrences(pattern.children[1], positions_of);
      for (const Span& x : a) {
        bool any = false;
        for (const Span& y : b) {
          if (!Near(x, y, pattern.distance, pattern.ordered)) continue;
          any = true;
          if (pattern.negated) break;
          out.push_back(Span{std::min(x.start, y.start), std::max(x.end, y.end)});
        }
        if (pattern.negated && !any) out.push_back(x);
      }
      break;
    }
  }
  proximity_detail::Normalise(out);
  return out;
}

}  // namespace bates::index::internal
