// bates search: the query language compiled to the index, hits described from the store.
#include "engine/case.h"
#include "engine/case_parts.h"
#include "index/index_reader.h"
#include "search/compile.h"

namespace bates::engine {
namespace {

// Characters of text around the hits in a snippet.
constexpr size_t kSnippetLength = 240;

}  // namespace

Result<SearchReport> Case::Search(const SearchRequest& request) {
  CaseParts& parts = *parts_;
  search::CompileOptions compile_options;
  compile_options.time_zone = parts.time_zone;
  BATES_ASSIGN_OR_RETURN(index::Query query,
                         search::CompileQuery(request.query, {}, compile_options));
  BATES_ASSIGN_OR_RETURN(auto reader, index::IndexReader::Open(parts.index_dir()));
  index::SearchOptions options;
  options.offset = request.offset;
  options.limit = request.limit;
  options.by_date = request.by_date;
  BATES_ASSIGN_OR_RETURN(index::SearchResult result, reader->Search(query, options));

  SearchReport report;
  report.query = request.query;
  report.total = result.total;
  std::vector<model::ItemId> ids;
  for (const index::Hit& hit : result.hits) ids.push_back(hit.id);
  BATES_ASSIGN_OR_RETURN(std::vector<store::Item> items, parts.store->GetItems(ids));
  for (size_t i = 0; i < items.size(); ++i) {
    const store::Item& item = items[i];
    SearchHitView v;
    v.id = model::FormatItemId(item.id);
    v.score = result.hits[i].score;
    if (item.sort_date) v.date = parts.LocalDate(*item.sort_date);
    v.title = DisplayTitle(item);
    BATES_ASSIGN_OR_RETURN(v.path, parts.DisplayPath(item));
    BATES_ASSIGN_OR_RETURN(const store::Source* source, parts.SourceById(item.source_id));
    v.custodian = source->custodian;
    if (!item.text_blob.empty()) {
      BATES_ASSIGN_OR_RETURN(std::string text, parts.blobs->GetText(item.text_blob));
      v.snippet = reader->Snippet(query, text, kSnippetLength, "<b>", "</b>");
    }
    report.hits.push_back(std::move(v));
  }
  return report;
}

}  // namespace bates::engine
