// bates show --highlight: where a query's words stand in one item's text, and snippets around
// them, for the review screen.
#include "core/text.h"
#include "engine/case.h"
#include "engine/case_parts.h"
#include "engine/search_parts.h"
#include "index/index_reader.h"

namespace bates::engine {
namespace {

constexpr size_t kMaxSnippets = 5;
// Code points of context on each side of a run of hits.
constexpr uint64_t kContext = 60;

// Snippets: hits closer than two contexts share one; each shows its hits in <b>.
std::vector<std::string> Snippets(const std::string& text,
                                  const std::vector<index::TextHit>& hits) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < hits.size() && out.size() < kMaxSnippets) {
    size_t j = i;
    while (j + 1 < hits.size() &&
           hits[j + 1].offset < hits[j].offset + hits[j].length + 2 * kContext) {
      ++j;
    }
    uint64_t from = hits[i].offset > kContext ? hits[i].offset - kContext : 0;
    uint64_t to = hits[j].offset + hits[j].length + kContext;
    std::string snippet = from > 0 ? "..." : "";
    uint64_t at = from;
    auto piece = [&text](uint64_t a, uint64_t b) {
      size_t begin = ByteOffsetOfCodePoint(text, a);
      size_t end = ByteOffsetOfCodePoint(text, b);
      return std::string_view(text).substr(begin, end - begin);
    };
    for (size_t k = i; k <= j; ++k) {
      AppendHtmlEscaped(snippet, piece(at, hits[k].offset));
      snippet += "<b>";
      AppendHtmlEscaped(snippet, piece(hits[k].offset, hits[k].offset + hits[k].length));
      snippet += "</b>";
      at = hits[k].offset + hits[k].length;
    }
    AppendHtmlEscaped(snippet, piece(at, to));
    if (ByteOffsetOfCodePoint(text, to) < text.size()) snippet += "...";
    out.push_back(std::move(snippet));
    i = j + 1;
  }
  return out;
}

}  // namespace

Result<HighlightView> Case::Highlight(const std::string& id_text, const std::string& query_text) {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(model::ItemId id, model::ParseItemId(id_text));
  auto found = parts.store->GetItem(id);
  if (!found.ok() && found.status().code() == StatusCode::kNotFound) {
    return NotFoundError("no item {} in this case", model::FormatItemId(id));
  }
  BATES_ASSIGN_OR_RETURN(store::Item item, std::move(found));
  BATES_ASSIGN_OR_RETURN(bool phrase, ReadSpacesMeanPhrase(parts));
  BATES_ASSIGN_OR_RETURN(index::Query query, CompileForCase(parts, query_text, phrase));
  BATES_ASSIGN_OR_RETURN(index::IndexReader * reader, parts.Reader());

  HighlightView view;
  view.id = model::FormatItemId(item.id);
  view.query = query_text;
  BATES_ASSIGN_OR_RETURN(std::vector<int64_t> matching,
                         reader->MatchingIds(index::Query::And({query, index::Query::Ids({id})})));
  view.matches = !matching.empty();
  std::string text;
  if (!item.text_blob.empty()) {
    BATES_ASSIGN_OR_RETURN(text, parts.blobs->GetText(item.text_blob));
  }
  view.text_length = CountCodePoints(text);
  BATES_ASSIGN_OR_RETURN(std::vector<index::TextHit> hits, reader->Hits(query, text));
  for (const index::TextHit& hit : hits) {
    view.hits.push_back(HighlightHitView{hit.offset, hit.length, hit.word});
  }
  view.snippets = Snippets(text, hits);
  return view;
}

}  // namespace bates::engine
