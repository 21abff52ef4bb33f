// Proximity: dtSearch's w/N, pre/N and "not w/N" between words, phrases, expanded wildcards and
// groups, as a Xapian query.
//
// Xapian's OP_NEAR and OP_PHRASE take only terms or ORs of terms, and cannot say "not near". So a
// proximity whose two sides are each one word (or an OR of single words, as a wildcard expands
// to) and that is not negated runs natively (OP_NEAR / OP_PHRASE with window N + 1: fast, the
// common case). Anything else — a phrase or a nested proximity on either side, "not w/N" — runs
// through ProximitySource, a Xapian::PostingSource that finds the candidate documents from the
// posting lists and checks the position lists of each, with the same meaning:
//
//   A w/N B     an occurrence of A and one of B that do not overlap, the gap between them at most
//               N positions (adjacent words are 1 apart), in either order
//   A pre/N B   the same, with A before B
//   A not w/N B an occurrence of A with no occurrence of B within N (not pre/N: none after it)
//
// An occurrence of a phrase spans its words; the occurrence of a proximity spans both sides, so
// "(a w/3 b) w/5 c" measures from c to the nearer end of the a…b span.
//
// Internal to the index module. Thread safety: Patterns are values; the query is built per use.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bates::index::internal {

struct Pattern {
  enum class Kind {
    kSequence,  // consecutive positions; slots[i] are the terms allowed at the i-th
    kOr,        // any of children
    kNear,      // children[0] near children[1]
  };
  Kind kind = Kind::kSequence;
  std::vector<std::vector<std::string>> slots;
  std::vector<Pattern> children;
  uint32_t distance = 0;
  bool ordered = false;
  bool negated = false;
};

// Documents where `near` (of kind kNear) occurs.
Xapian::Query ProximityQuery(const Pattern& near);
// Every term the pattern names (what a highlight marks).
void CollectTerms(const Pattern& pattern, std::vector<std::string>& terms);

// Start and end positions (inclusive) of each occurrence of `pattern` in a document, given the
// positions of each term in it; sorted, without repeats. Exposed for tests.
struct Span {
  uint32_t start = 0, end = 0;
  bool operator<(const Span& o) const { return start != o.start ? start < o.start : end < o.end; }
  bool operator==(const Span& o) const { return start == o.start && end == o.end; }
};
template <typename Positions>
std::vector<Span> Occurrences(const Pattern& pattern, Positions&& positions_of);

}  // namespace bates::index::internal

#include "index/proximity_inl.h"
