// Expander: turns a wildcard inside a word ("d?rect*ve"), a fuzzy word ("%polcy") or a stem
// ("direct~") into the terms of one field the database holds. Xapian 1.4 expands only a trailing
// '*' (OP_WILDCARD) and has no edit-distance operator, so these scan the field's term list from
// the longest literal start they can, and stop with ExpansionError past kMaxExpansion terms: a
// query that means thousands of words is a query to narrow, not to run slowly.
//
// Internal to the index module. Thread safety: one Expander per thread (it holds a database).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bates::index::internal {

// Terms one wildcard, fuzzy word or stem may become.
inline constexpr size_t kMaxExpansion = 5000;

class Expander {
 public:
  explicit Expander(Xapian::Database db) : db_(std::move(db)) {}

  const Xapian::Database& db() const { return db_; }

  // Terms (prefix included) of the field whose word matches `pattern`: '*' any run of
  // characters, '?' exactly one. `pattern` is normalised (lower-cased, diacritics folded).
  std::vector<std::string> Wildcard(std::string_view prefix, std::string_view pattern);
  // Terms whose word is within `distance` edits (insert, delete, substitute a character) of
  // `word` and starts with its first `fixed` bytes (dtSearch's "ap%ple" keeps "ap").
  std::vector<std::string> Fuzzy(std::string_view prefix, std::string_view word, uint32_t distance,
                                 size_t fixed);
  // Terms whose word has the same English stem as `word` (as the indexer's stemmer sees it).
  std::vector<std::string> Stemmed(std::string_view prefix, std::string_view word);

 private:
  template <typename Match>
  std::vector<std::string> Scan(std::string_view prefix, std::string_view start,
                                std::string_view what, Match&& match);

  Xapian::Database db_;
};

// Whether `word` matches `pattern` ('*' any run, '?' one character), by code points.
bool WildcardMatches(std::string_view pattern, std::string_view word);
// The edit distance of two UTF-8 words by code points, or limit + 1 when it exceeds `limit`.
uint32_t EditDistance(std::string_view a, std::string_view b, uint32_t limit);

}  // namespace bates::index::internal
