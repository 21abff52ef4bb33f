// bates search: the query language compiled to the index, hits described from the store; every
// search run is kept with who ran it, when, and its count (the store's searches area).
#include <nlohmann/json.hpp>

#include "engine/case.h"
#include "engine/case_parts.h"
#include "engine/facet_table.h"
#include "engine/search_parts.h"
#include "engine/search_queue.h"
#include "engine/web_parts.h"
#include "index/index_reader.h"
#include "search/compile.h"

namespace bates::engine {
namespace {

// Characters of text around the hits in a snippet.
constexpr size_t kSnippetLength = 240;

// The matter setting that makes spaces between words a phrase, as dtSearch reads them.
constexpr const char* kSpacesSetting = "search.spaces";

}  // namespace

Result<bool> ReadSpacesMeanPhrase(CaseParts& parts) {
  BATES_ASSIGN_OR_RETURN(std::optional<std::string> value, parts.store->GetSetting(kSpacesSetting));
  return value && *value == "phrase";
}

Result<index::Query> CompileForCase(CaseParts& parts, const std::string& query,
                                    bool spaces_mean_phrase) {
  search::CompileOptions compile_options;
  compile_options.time_zone = parts.time_zone;
  search::ParseOptions parse_options;
  parse_options.spaces_mean_phrase = spaces_mean_phrase;
  return search::CompileQuery(query, parse_options, compile_options);
}

Status SaveSearches(CaseParts& parts, const std::vector<store::SavedSearch>& searches) {
  BATES_RETURN_IF_ERROR(parts.store->Begin());
  for (const store::SavedSearch& s : searches) {
    Result<int64_t> saved = parts.store->searches().SaveSearch(s);
    if (!saved.ok()) {
      parts.store->Rollback().IgnoreError();
      return saved.status();
    }
  }
  return parts.store->Commit();
}

Status Case::SetSpacesMeanPhrase(bool phrase) {
  CaseParts& parts = *parts_;
  BATES_RETURN_IF_ERROR(parts.store->Begin());
  Status status = parts.store->SetSetting(kSpacesSetting, phrase ? "phrase" : "and");
  if (status.ok()) {
    nlohmann::json detail = {{"key", kSpacesSetting}, {"value", phrase ? "phrase" : "and"}};
    status = parts.Audit("setting", detail.dump());
  }
  if (!status.ok()) {
    parts.store->Rollback().IgnoreError();
    return status;
  }
  return parts.store->Commit();
}

Result<bool> Case::SpacesMeanPhrase() { return ReadSpacesMeanPhrase(*parts_); }

Result<SearchReport> Case::Search(const SearchRequest& request) {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(bool phrase, ReadSpacesMeanPhrase(parts));
  BATES_ASSIGN_OR_RETURN(index::Query query, CompileForCase(parts, request.query, phrase));
  if (request.hide_privileged) {
    BATES_ASSIGN_OR_RETURN(query, WithoutPrivileged(parts, query));
  }
  BATES_ASSIGN_OR_RETURN(index::IndexReader * reader, parts.Reader());
  index::SearchOptions options;
  options.offset = request.offset;
  options.limit = request.limit;
  options.by_date = request.by_date;
  options.collect_ids = request.facets;
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
  if (request.facets) {
    BATES_ASSIGN_OR_RETURN(std::shared_ptr<FacetTable> table, FacetTable::For(parts));
    report.facets.emplace();
    table->Count(result.matching_ids, *report.facets);
  }
  if (request.save) {
    store::SavedSearch saved;
    saved.query = request.query;
    saved.spaces_mean_phrase = phrase;
    saved.origin = "search";
    saved.ran_by = request.user.empty() ? parts.options.actor : request.user;
    saved.ran_at = parts.options.env->NowUnixSeconds();
    saved.hits = static_cast<int64_t>(result.total);
    if (request.save_later) {
      SearchQueue::For(parts)->Add(std::move(saved));
    } else {
      BATES_RETURN_IF_ERROR(SaveSearches(parts, {saved}));
    }
  }
  return report;
}

Status Case::WriteQueuedSearches() { return engine::WriteQueuedSearches(*parts_); }

Result<SearchesReport> Case::Searches() {
  CaseParts& parts = *parts_;
  BATES_RETURN_IF_ERROR(engine::WriteQueuedSearches(parts));
  BATES_ASSIGN_OR_RETURN(std::vector<store::SavedSearch> saved,
                         parts.store->searches().ListSearches());
  SearchesReport report;
  for (const store::SavedSearch& s : saved) {
    SavedSearchView v;
    v.number = s.id;
    v.query = s.query;
    v.spaces = s.spaces_mean_phrase ? "phrase" : "and";
    v.origin = s.origin;
    v.ran_by = s.ran_by;
    v.ran_at = parts.LocalDate(Timestamp{s.ran_at, 0, false});
    v.hits = s.hits;
    report.searches.push_back(std::move(v));
  }
  return report;
}

}  // namespace bates::engine
