// Highlight: where in a text the words a query looks for stand, for the review screen. The text is
// split into words as Xapian's TermGenerator splits it (runs of word characters), each word
// folded and lower-cased as the indexer does, and a word is a hit when the query names its term
// in the body or the subject (after wildcards, fuzzy words and stems are expanded). A phrase
// marks each of its words; what AND NOT excludes is never marked.
//
// Internal to the index module (IndexReader::Hits is the interface). Thread safety: pure.
#pragma once

#include <xapian.h>

#include <string_view>
#include <vector>

#include "index/index_reader.h"

namespace bates::index::internal {

std::vector<TextHit> FindHits(const Xapian::Query& highlight, std::string_view text);

}  // namespace bates::index::internal
