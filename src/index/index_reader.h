// IndexReader: runs Queries against the Xapian database and returns item ids with scores, the
// exact number of matches, snippets of text with the matched words marked, and where in a text
// those words are. A malformed expansion (a wildcard matching too many words) is InvalidArgument.
//
// Thread safety: one IndexReader per thread (Xapian databases are not shared across threads).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "index/query.h"

namespace bates::index {

struct Hit {
  int64_t id = 0;
  double score = 0;  // Xapian's BM25 weight; 0 for a purely boolean query
  int rank = 0;      // 0-based position in the results
};

struct SearchOptions {
  uint32_t offset = 0;
  uint32_t limit = 50;
  // Order by date (the sort date, oldest first) rather than by relevance.
  bool by_date = false;
  // Also list every match's id (SearchResult::matching_ids), gathered in the same pass.
  bool collect_ids = false;
};

struct SearchResult {
  uint64_t total = 0;  // exact number of matching documents
  std::vector<Hit> hits;
  std::vector<int64_t> matching_ids;  // every match, in no order, when SearchOptions::collect_ids
};

// A word of a text that a query looks for: its offset and length in code points.
struct TextHit {
  uint64_t offset = 0;
  uint64_t length = 0;
  std::string word;  // folded and lower-cased, as indexed
};

class IndexReader {
 public:
  static Result<std::unique_ptr<IndexReader>> Open(const std::filesystem::path& dir);
  virtual ~IndexReader() = default;

  virtual Result<SearchResult> Search(const Query& query, const SearchOptions& options) = 0;
  // Every matching id, in id order (for term reports, productions, TAR seeds).
  virtual Result<std::vector<int64_t>> MatchingIds(const Query& query) = 0;
  // A snippet of `text` around the words `query` matches, matched words wrapped in `open` and
  // `close` (e.g. "<b>" "</b>"), about `length` characters long.
  virtual std::string Snippet(const Query& query, const std::string& text, size_t length,
                              const std::string& open, const std::string& close) = 0;
  // The words of `text` that `query` looks for (src/index/highlight.h), in order.
  virtual Result<std::vector<TextHit>> Hits(const Query& query, const std::string& text) = 0;
  virtual Result<uint64_t> DocumentCount() = 0;
};

}  // namespace bates::index
