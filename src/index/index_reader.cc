#include "index/index_reader.h"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <string>
#include <utility>

#include "index/expand.h"
#include "index/highlight.h"
#include "index/schema.h"
#include "index/xapian_internal.h"

namespace bates::index {
namespace {

// A writer's commit can recycle blocks a long-lived reader still points at; Xapian then throws
// DatabaseModifiedError and the cure is to reopen and run again. Twice more is plenty: it only
// happens when commits land during the call.
constexpr int kAttempts = 3;

// Sorts after every sortable_serialise() output, so items without a date come last by date.
const std::string kMissingDateKey(9, '\xff');

Result<int64_t> IdOf(const Xapian::Document& document) {
  std::string data = document.get_data();
  int64_t id = 0;
  auto [end, ec] = std::from_chars(data.data(), data.data() + data.size(), id);
  if (ec != std::errc() || end != data.data() + data.size()) {
    return CorruptError("index document {} holds no item id", document.get_docid());
  }
  return id;
}

// Hands Xapian's matcher a note of every matching document's item id. The ranked search already
// visits every match to count them exactly, so the ids come at the cost of a value read each, and
// a broad query's facets need no second pass over its postings. The id comes from its value slot:
// a shard's matcher sees the shard's own docid, not the combined one, and the matcher reads
// values in stream order.
class IdCollector final : public Xapian::MatchSpy {
 public:
  explicit IdCollector(std::vector<int64_t>& ids) : ids_(ids) {}

  void operator()(const Xapian::Document& document, double) override {
    std::string value = document.get_value(schema::kIdSlot);
    if (value.empty()) {
      throw Xapian::DatabaseCorruptError("index document " + std::to_string(document.get_docid()) +
                                         " has no item id");
    }
    ids_.push_back(static_cast<int64_t>(Xapian::sortable_unserialise(value)));
  }

 private:
  std::vector<int64_t>& ids_;
};

class XapianIndexReader final : public IndexReader {
 public:
  XapianIndexReader(std::filesystem::path dir, Xapian::Database db, bool docid_is_id)
      : dir_(std::move(dir)), db_(std::move(db)), docid_is_id_(docid_is_id) {}

  Result<SearchResult> Search(const Query& query, const SearchOptions& options) override {
    return Run<SearchResult>("searching", [&]() -> Result<SearchResult> {
      Xapian::Enquire enquire(db_);
      enquire.set_query(BuildAndKeepHighlight(query));
      Xapian::MultiValueKeyMaker by_date;
      if (options.by_date) {
        by_date.add_value(schema::kSortDateSlot, false, kMissingDateKey);
        by_date.add_value(schema::kIdSlot);
        enquire.set_sort_by_key(&by_date, false);
      }
      SearchResult result;
      IdCollector collector(result.matching_ids);
      if (options.collect_ids) enquire.add_matchspy(&collector);
      // Counting every match is the point: a search-term report must give exact numbers. It
      // also makes the matcher show every match to the collector.
      Xapian::doccount all = db_.get_doccount();
      Xapian::MSet mset = enquire.get_mset(options.offset, options.limit, all);
      result.total = mset.get_matches_estimated();
      result.hits.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        BATES_ASSIGN_OR_RETURN(int64_t id, IdOfHit(it));
        result.hits.push_back(Hit{id, it.get_weight(), static_cast<int>(it.get_rank())});
      }
      return result;
    });
  }

  Result<std::vector<int64_t>> MatchingIds(const Query& query) override {
    return Run<std::vector<int64_t>>("listing matches", [&]() -> Result<std::vector<int64_t>> {
      Xapian::Enquire enquire(db_);
      enquire.set_query(Build(query).query);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
      Xapian::doccount all = db_.get_doccount();
      Xapian::MSet mset = enquire.get_mset(0, all, all);
      std::vector<int64_t> ids;
      ids.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        BATES_ASSIGN_OR_RETURN(int64_t id, IdOfHit(it));
        ids.push_back(id);
      }
      std::sort(ids.begin(), ids.end());
      return ids;
    });
  }

  std::string Snippet(const Query& query, const std::string& text, size_t length,
                      const std::string& open, const std::string& close) override {
    if (text.empty()) return {};
    Result<std::string> snippet = Run<std::string>("snippet", [&]() -> Result<std::string> {
      Highlight(query);
      // Without SNIPPET_BACKGROUND_MODEL: it looks up the collection frequency of every word of
      // the text (a B-tree read each), which made snippets 80% of `bates search` (p50 37 ms
      // against 7 ms without, 20 hits, docs/BENCHMARKS.md). The window is still chosen by the
      // query's terms, which are what the reader is looking for.
      // No stemmer: a query's stems are expanded to the indexed words that share them
      // (expand.h), so the text's words are matched as they are; stemming each of them was
      // nearly half of a snippet's time.
      return highlight_mset_.snippet(text, length, Xapian::Stem(), Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                     open, close, "...");
    });
    // A snippet is decoration; a failure to make one must not fail the page that shows it.
    return snippet.ok() ? std::move(snippet).value() : std::string();
  }

  Result<std::vector<TextHit>> Hits(const Query& query, const std::string& text) override {
    return Run<std::vector<TextHit>>("highlighting", [&]() -> Result<std::vector<TextHit>> {
      return internal::FindHits(Highlight(query), text);
    });
  }

  Result<uint64_t> DocumentCount() override {
    return Run<uint64_t>("counting", [&]() -> Result<uint64_t> {
      return static_cast<uint64_t>(db_.get_doccount());
    });
  }

 private:
  Result<int64_t> IdOfHit(const Xapian::MSetIterator& it) const {
    // A sharded index numbers its combined documents by item id: no document to read.
    if (docid_is_id_) return static_cast<int64_t>(*it);
    return IdOf(it.get_document());
  }

  BuiltQuery Build(const Query& query) {
    internal::Expander expander(db_);
    return query.rep().build(expander);
  }

  // A results page asks for the snippets and hits of one query many times: the highlight query
  // and the MSet that lends snippet() its term statistics are made once (opening the posting
  // lists for every snippet took most of a search's time).
  const Xapian::Query& Highlight(const Query& query) {
    if (highlight_of_ == nullptr || &highlight_of_->rep() != &query.rep()) {
      KeepHighlight(query, Build(query).highlight);
    }
    return highlight_;
  }

  // Builds the query to run and keeps its highlight for the snippets that follow a search (an
  // expansion of wildcards or fuzzy words is then done once, not twice).
  Xapian::Query BuildAndKeepHighlight(const Query& query) {
    BuiltQuery built = Build(query);
    KeepHighlight(query, std::move(built.highlight));
    return built.query;
  }

  void KeepHighlight(const Query& query, Xapian::Query highlight) {
    highlight_of_.reset();
    highlight_ = std::move(highlight);
    Xapian::Enquire enquire(db_);
    enquire.set_query(highlight_);
    // No document is needed: the MSet only lends its query and term statistics to snippet().
    highlight_mset_ = enquire.get_mset(0, 0);
    // Holding the query keeps its address from being reused by another.
    highlight_of_ = std::make_unique<Query>(query);
  }

  template <typename T, typename F>
  Result<T> Run(std::string_view what, F&& body) {
    for (int attempt = 1;; ++attempt) {
      try {
        // Sees the latest commit, so a reader kept open across `bates add` stays current.
        db_.reopen();
        return body();
      } catch (const Xapian::DatabaseModifiedError& e) {
        highlight_of_.reset();
        if (attempt == kAttempts) {
          return internal::StatusFromXapian(e, std::string(what) + " index at " + dir_.string());
        }
      } catch (const Xapian::Error& e) {
        return internal::StatusFromXapian(e, std::string(what) + " index at " + dir_.string());
      } catch (const internal::ExpansionError& e) {
        return InvalidArgumentError("{}", e.what());
      }
    }
  }

  std::filesystem::path dir_;
  Xapian::Database db_;
  const bool docid_is_id_;
  std::unique_ptr<Query> highlight_of_;
  Xapian::Query highlight_;
  Xapian::MSet highlight_mset_;
};

}  // namespace

Result<std::unique_ptr<IndexReader>> IndexReader::Open(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return NotFoundError("no index at {}", dir.string());
  }
  try {
    // No backend named: the folder is a stub file naming the shards, or (made before sharding)
    // one glass database.
    Xapian::Database db(dir.string());
    // A stub file means shards addressed by item id (index_writer.h); a plain glass folder was
    // numbered in the order documents came.
    bool docid_is_id = std::filesystem::exists(dir / "XAPIANDB", ec);
    return std::unique_ptr<IndexReader>(new XapianIndexReader(dir, std::move(db), docid_is_id));
  } catch (const Xapian::Error& e) {
    return internal::StatusFromXapian(e, "opening index at " + dir.string());
  }
}

}  // namespace bates::index
