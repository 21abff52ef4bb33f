// bates terms: the search-term report both sides of a negotiation ask for first. For each term:
// documents hit, hit by no other term of its list, and families hit; each with duplicates and
// without (items with the same SHA-256 counted once).
#include <algorithm>
#include <chrono>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "engine/case.h"
#include "engine/case_parts.h"
#include "engine/matter_demand.h"
#include "engine/search_parts.h"
#include "index/index_reader.h"

namespace bates::engine {
namespace {

// What counting needs of every item, indexed by item id.
struct Keys {
  std::vector<int64_t> family;   // family head's id
  std::vector<int64_t> content;  // a number per distinct SHA-256 (items without one: their own)

  int64_t FamilyOf(int64_t id) const {
    return id >= 0 && static_cast<size_t>(id) < family.size() && family[id] != 0 ? family[id] : id;
  }
  int64_t ContentOf(int64_t id) const {
    return id >= 0 && static_cast<size_t>(id) < content.size() && content[id] != 0 ? content[id]
                                                                                   : -id;
  }
};

Result<Keys> LoadKeys(CaseParts& parts) {
  BATES_ASSIGN_OR_RETURN(std::vector<store::ItemKey> rows, parts.store->searches().ItemKeys());
  Keys keys;
  size_t size = rows.empty() ? 1 : static_cast<size_t>(rows.back().id) + 1;
  keys.family.assign(size, 0);
  keys.content.assign(size, 0);
  std::unordered_map<std::string, int64_t> numbers;
  for (const store::ItemKey& row : rows) {
    keys.family[row.id] = row.family_id;
    if (row.sha256.empty()) continue;
    auto [it, inserted] = numbers.try_emplace(row.sha256, static_cast<int64_t>(numbers.size()) + 1);
    keys.content[row.id] = it->second;
  }
  return keys;
}

uint64_t DistinctContent(const Keys& keys, const std::vector<int64_t>& ids) {
  std::unordered_set<int64_t> seen;
  for (int64_t id : ids) seen.insert(keys.ContentOf(id));
  return seen.size();
}

// Families hit, and families counted once when their heads are duplicates.
std::pair<uint64_t, uint64_t> Families(const Keys& keys, const std::vector<int64_t>& ids) {
  std::unordered_set<int64_t> families, heads;
  for (int64_t id : ids) {
    int64_t family = keys.FamilyOf(id);
    if (families.insert(family).second) heads.insert(keys.ContentOf(family));
  }
  return {families.size(), heads.size()};
}

struct TermHits {
  std::string term;
  std::string error;
  std::vector<int64_t> ids;  // sorted
};

TermListView Count(const std::string& side, const std::vector<TermHits>& hits, const Keys& keys) {
  // How many terms of the list hit each item (by id: a vector, as lists reach millions of hits),
  // and each content.
  size_t size = keys.family.size();
  for (const TermHits& term : hits) {
    if (!term.ids.empty()) size = std::max(size, static_cast<size_t>(term.ids.back()) + 1);
  }
  std::vector<uint32_t> items_hit(size, 0);
  std::unordered_map<int64_t, int> contents_hit;
  std::vector<int64_t> any;
  for (const TermHits& term : hits) {
    std::unordered_set<int64_t> contents;
    for (int64_t id : term.ids) {
      ++items_hit[static_cast<size_t>(id)];
      contents.insert(keys.ContentOf(id));
    }
    for (int64_t c : contents) ++contents_hit[c];
    any.insert(any.end(), term.ids.begin(), term.ids.end());
  }
  std::sort(any.begin(), any.end());
  any.erase(std::unique(any.begin(), any.end()), any.end());

  TermListView list;
  list.side = side;
  for (const TermHits& term : hits) {
    TermRowView row;
    row.term = term.term;
    row.error = term.error;
    row.documents = term.ids.size();
    row.documents_dedup = DistinctContent(keys, term.ids);
    std::unordered_set<int64_t> unique_contents;
    for (int64_t id : term.ids) {
      if (items_hit[static_cast<size_t>(id)] == 1) ++row.unique;
      int64_t content = keys.ContentOf(id);
      if (contents_hit[content] == 1) unique_contents.insert(content);
    }
    row.unique_dedup = unique_contents.size();
    std::tie(row.families, row.families_dedup) = Families(keys, term.ids);
    list.terms.push_back(std::move(row));
  }
  list.total.term = "(any term)";
  list.total.documents = any.size();
  list.total.documents_dedup = DistinctContent(keys, any);
  std::tie(list.total.families, list.total.families_dedup) = Families(keys, any);
  return list;
}

}  // namespace

Result<TermsReport> Case::Terms(const TermsRequest& request) {
  CaseParts& parts = *parts_;
  auto start = std::chrono::steady_clock::now();
  if (request.responder.empty()) return InvalidArgumentError("the term list is empty");
  BATES_ASSIGN_OR_RETURN(bool phrase, ReadSpacesMeanPhrase(parts));
  BATES_ASSIGN_OR_RETURN(auto reader, index::IndexReader::Open(parts.index_dir()));
  BATES_ASSIGN_OR_RETURN(Keys keys, LoadKeys(parts));

  TermsReport report;
  report.spaces = phrase ? "phrase" : "and";
  BATES_ASSIGN_OR_RETURN(report.documents_in_case, reader->DocumentCount());
  BATES_ASSIGN_OR_RETURN(std::optional<MatterDemandView> demand, LoadMatterDemand(parts));
  if (demand) {
    report.demand_timeframe = demand->timeframe_start + " to " + demand->timeframe_end;
  }
  std::vector<store::SavedSearch> saved;
  std::string user = request.user.empty() ? parts.options.actor : request.user;
  int64_t now = parts.options.env->NowUnixSeconds();

  auto run = [&](const std::string& side,
                 const std::vector<std::string>& terms) -> Result<TermListView> {
    std::vector<TermHits> hits;
    for (const std::string& term : terms) {
      TermHits h;
      h.term = term;
      Result<index::Query> query = CompileForCase(parts, term, phrase);
      Result<std::vector<int64_t>> ids =
          query.ok() ? reader->MatchingIds(*query) : Result<std::vector<int64_t>>(query.status());
      if (ids.ok()) {
        h.ids = std::move(ids).value();
        saved.push_back(store::SavedSearch{0, term, phrase, "terms", user, now,
                                           static_cast<int64_t>(h.ids.size())});
      } else if (ids.status().code() == StatusCode::kInvalidArgument) {
        // A malformed term is the report's news, not the end of it.
        h.error = ids.status().message();
        report.has_errors = true;
      } else {
        return ids.status();
      }
      hits.push_back(std::move(h));
    }
    return Count(side, hits, keys);
  };
  BATES_ASSIGN_OR_RETURN(TermListView responder, run("responder", request.responder));
  report.lists.push_back(std::move(responder));
  if (!request.requester.empty()) {
    BATES_ASSIGN_OR_RETURN(TermListView requester, run("requester", request.requester));
    report.lists.push_back(std::move(requester));
  }
  BATES_RETURN_IF_ERROR(SaveSearches(parts, saved));
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace bates::engine
