// Internal to the index module (the only place <xapian.h> may be included from): the Xapian side
// of index::Query, and the one mapping from Xapian's exceptions to bates::Status.
//
// Thread safety: Query::Rep is immutable once built; the functions are pure.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/status.h"
#include "index/query.h"
#include "index/schema.h"

namespace bates::index {

namespace internal {
class Expander;
}  // namespace internal

// A query as Xapian runs it and what a snippet should mark for it.
struct BuiltQuery {
  // What the matcher runs.
  Xapian::Query query;
  // What MSet::snippet should mark in a text: the positive parts of `query` (never what AND NOT
  // excludes, never ranges or ids), with whole-address terms spelled as the phrases the text
  // splitter sees. An empty Xapian::Query when nothing is to be marked.
  Xapian::Query highlight;
};

struct Query::Rep {
  // Builds the Xapian query. Wildcards inside words, fuzzy words and stems are expanded to the
  // terms the database holds, so a query is built against the database it runs on (each search
  // builds it again: a query kept across a commit sees the new terms). Throws
  // internal::ExpansionError when an expansion passes its limit.
  std::function<BuiltQuery(internal::Expander&)> build;
};

namespace internal {

// The English stemmer both the indexer and the snippet use (they must agree).
inline constexpr const char* kStemmerLanguage = "english";

// A wildcard, fuzzy word or stem that expands to more terms than a query may hold: the user must
// narrow it. Caught at the reader's edge and returned as InvalidArgument.
class ExpansionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Maps an exception to a Status; `context` says what was being done ("opening index at x").
Status StatusFromXapian(const Xapian::Error& error, std::string_view context);

inline std::string SerialiseInt(int64_t value) {
  return Xapian::sortable_serialise(static_cast<double>(value));
}

inline std::string IdTerm(int64_t id) {
  return std::string(schema::kPrefixId) + std::to_string(id);
}

}  // namespace internal
}  // namespace bates::index
