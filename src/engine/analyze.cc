// bates analyze: exact duplicates, near-duplicates and email threads over the whole case
// (analytics/), written to the store's analytics area and, as filter terms, to the index.
//
// One pass reads every item from the store (and the text of emails and of documents with text);
// the analytics run on plain values; then the index gets the filter terms of the items whose
// results changed (committed first), and the store the new results (one transaction). A flag in
// the settings records whether the index holds the stored results, so a run that failed between
// the two makes the next run rewrite every item's terms.
#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "analytics/dedup.h"
#include "analytics/inclusive.h"
#include "analytics/minhash.h"
#include "analytics/neardup.h"
#include "analytics/threading.h"
#include "engine/case.h"
#include "engine/case_parts.h"
#include "index/index_writer.h"
#include "index/schema.h"

namespace bates::engine {
namespace {

constexpr const char* kScopeSetting = "analytics.dedup_scope";
constexpr const char* kThresholdSetting = "analytics.near_threshold";
// "1" once the index holds the filter terms of the stored results.
constexpr const char* kIndexSyncedSetting = "analytics.index_synced";

// What the analysis needs of one item.
struct Entry {
  model::ItemId id = 0;
  model::ItemId family_id = 0;
  std::optional<model::ItemId> parent_id;
  model::ItemKind kind = model::ItemKind::kFile;
  int64_t custodian_id = 0;
  std::string md5, sha256;
  std::string text_blob;
};

std::vector<std::string> FilterTerms(const store::ItemAnalytics& r) {
  namespace s = index::schema;
  std::vector<std::string> terms;
  if (r.duplicate_of) terms.push_back(std::string(s::kPrefixIs) + "duplicate");
  if (r.inclusive.value_or(false)) terms.push_back(std::string(s::kPrefixIs) + "inclusive");
  if (r.near_group) {
    terms.push_back(std::string(s::kPrefixIs) +
                    (*r.near_group == r.item_id ? "pivot" : "nearduplicate"));
    terms.push_back(std::string(s::kPrefixNearGroup) + std::to_string(*r.near_group));
  }
  if (r.thread_id) terms.push_back(std::string(s::kPrefixThread) + std::to_string(*r.thread_id));
  std::sort(terms.begin(), terms.end());
  return terms;
}

Result<double> ParseThreshold(const std::string& text) {
  try {
    size_t used = 0;
    double v = std::stod(text, &used);
    if (used == text.size() && v > 0 && v <= 1) return v;
  } catch (const std::exception&) {
  }
  return InvalidArgumentError("the near-duplicate threshold is a number in (0, 1], not '{}'", text);
}

}  // namespace

Result<AnalyzeReport> Case::Analyze(const AnalyzeRequest& request) {
  CaseParts& parts = *parts_;
  const auto started = std::chrono::steady_clock::now();
  store::CaseStore& store = *parts.store;

  // Settings: what the request says, else what the matter says, else the defaults.
  analytics::DedupScope scope = analytics::DedupScope::kGlobal;
  if (request.dedup_scope) {
    BATES_ASSIGN_OR_RETURN(scope, analytics::ParseDedupScope(*request.dedup_scope));
  } else {
    BATES_ASSIGN_OR_RETURN(std::optional<std::string> saved, store.GetSetting(kScopeSetting));
    if (saved) {
      BATES_ASSIGN_OR_RETURN(scope, analytics::ParseDedupScope(*saved));
    }
  }
  double threshold = 0.9;
  if (request.near_threshold) {
    if (!(*request.near_threshold > 0 && *request.near_threshold <= 1)) {
      return InvalidArgumentError("the near-duplicate threshold is in (0, 1], not {}",
                                  *request.near_threshold);
    }
    threshold = *request.near_threshold;
  } else {
    BATES_ASSIGN_OR_RETURN(std::optional<std::string> saved, store.GetSetting(kThresholdSetting));
    if (saved) {
      BATES_ASSIGN_OR_RETURN(threshold, ParseThreshold(*saved));
    }
  }

  // --- One pass over the items --------------------------------------------------------------
  std::vector<Entry> entries;
  std::unordered_map<model::ItemId, std::vector<std::string>> child_sha256;  // parent → children
  struct Email {
    size_t entry = 0;
    analytics::EmailIdentity identity;
    analytics::MessageHeaders headers;
  };
  std::vector<Email> emails;
  analytics::MinHasher hasher;
  analytics::SignatureTable signatures(hasher.permutations());
  std::unordered_map<std::string, size_t> row_of_text;  // text blob → signature row
  std::vector<std::vector<model::ItemId>> row_items;    // signature row → items with that text
  std::vector<uint32_t> signature(hasher.permutations());

  BATES_ASSIGN_OR_RETURN(model::ItemId max_id, store.MaxItemId());
  Status pass = store.ForEachItem(1, max_id, [&](const store::Item& item) -> Status {
    if (request.cancel != nullptr && request.cancel->load()) return CancelledError("interrupted");
    if (item.kind == model::ItemKind::kContainer) return Status::Ok();
    BATES_ASSIGN_OR_RETURN(const store::Source* source, parts.SourceById(item.source_id));
    Entry e;
    e.id = item.id;
    e.family_id = item.family_id;
    e.parent_id = item.parent_id;
    e.kind = item.kind;
    e.custodian_id = source->custodian_id;
    e.md5 = item.md5;
    e.sha256 = item.sha256;
    e.text_blob = item.text_blob;
    if (item.parent_id) child_sha256[*item.parent_id].push_back(item.sha256);

    std::string text;
    if (!item.text_blob.empty()) {
      BATES_ASSIGN_OR_RETURN(text, parts.blobs->GetText(item.text_blob));
    }
    if (item.kind == model::ItemKind::kEmail) {
      Email m;
      m.entry = entries.size();
      const model::Metadata& meta = item.meta;
      // Attachments are added once the whole family has been seen.
      m.identity = analytics::EmailIdentityFrom(meta, text, {});
      m.headers.id = item.id;
      m.headers.message_id = meta.message_id;
      m.headers.in_reply_to = meta.in_reply_to;
      m.headers.references = meta.references;
      m.headers.subject = meta.subject;
      m.headers.conversation_index = meta.conversation_index;
      m.headers.sent_utc = m.identity.sent_utc;
      emails.push_back(std::move(m));
    } else if (!item.text_blob.empty()) {
      // Near-duplicates are among documents; email is organised by threads instead. Items with
      // the same text share one signature.
      auto [it, inserted] = row_of_text.try_emplace(item.text_blob, signatures.size());
      if (inserted) {
        size_t words = 0;
        if (hasher.Sign(text, signature.data(), &words)) {
          std::copy(signature.begin(), signature.end(), signatures.Add(item.id, words));
          row_items.push_back({item.id});
        } else {
          it->second = SIZE_MAX;  // too short to compare
        }
      } else if (it->second != SIZE_MAX) {
        row_items[it->second].push_back(item.id);
      }
    }
    entries.push_back(std::move(e));
    return Status::Ok();
  });
  BATES_RETURN_IF_ERROR(pass);

  std::unordered_map<model::ItemId, size_t> entry_of;
  for (size_t i = 0; i < entries.size(); ++i) entry_of[entries[i].id] = i;
  std::vector<store::ItemAnalytics> rows(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) rows[i].item_id = entries[i].id;

  // --- Exact duplicates -----------------------------------------------------------------------
  std::vector<analytics::DedupItem> dedup_items;
  dedup_items.reserve(entries.size());
  for (const Entry& e : entries) {
    analytics::DedupItem d;
    d.id = e.id;
    d.family_id = e.family_id;
    d.custodian_id = e.custodian_id;
    d.sha256 = e.sha256;
    if (e.id == e.family_id && e.kind != model::ItemKind::kEmail && !e.md5.empty()) {
      d.key = "md5:" + e.md5;
    }
    dedup_items.push_back(std::move(d));
  }
  for (Email& m : emails) {
    auto children = child_sha256.find(entries[m.entry].id);
    if (children != child_sha256.end()) m.identity.attachment_sha256 = children->second;
    if (entries[m.entry].id == entries[m.entry].family_id) {
      dedup_items[m.entry].key = analytics::EmailDedupKey(m.identity);
    }
  }
  analytics::DedupResult dups = analytics::FindDuplicates(dedup_items, scope);
  for (size_t i = 0; i < dups.items.size(); ++i) {
    store::ItemAnalytics& r = rows[entry_of.at(dups.items[i].id)];
    r.duplicate_of = dups.items[i].duplicate_of;
    r.dup_group = dups.items[i].group;
  }
  for (size_t i = 0; i < dedup_items.size(); ++i) rows[i].dedup_key = dedup_items[i].key;
  std::vector<store::DupGroupCustodian> group_custodians;
  for (const analytics::DedupResult::Group& g : dups.groups) {
    for (int64_t c : g.custodian_ids) group_custodians.push_back({g.master, c});
  }

  // --- Near-duplicates ------------------------------------------------------------------------
  analytics::NearDupOptions near_options;
  near_options.threshold = threshold;
  near_options.bands = hasher.options().bands;
  near_options.rows = hasher.options().rows;
  near_options.threads = request.threads;
  std::vector<analytics::NearGroup> near = analytics::GroupNearDuplicates(signatures, near_options);
  std::unordered_map<model::ItemId, size_t> row_of_first;  // a row's first item → row
  for (size_t r = 0; r < row_items.size(); ++r) row_of_first[row_items[r].front()] = r;
  std::vector<char> row_grouped(row_items.size(), 0);
  int64_t near_groups = 0, near_items = 0;
  auto identity = [&](model::ItemId id) {
    const store::ItemAnalytics& r = rows[entry_of.at(id)];
    return r.duplicate_of.value_or(id);
  };
  auto place = [&](model::ItemId pivot, size_t row, double similarity) {
    for (model::ItemId id : row_items[row]) {
      store::ItemAnalytics& r = rows[entry_of.at(id)];
      r.near_group = pivot;
      r.near_similarity = similarity;
      ++near_items;
    }
    row_grouped[row] = 1;
  };
  for (const analytics::NearGroup& g : near) {
    ++near_groups;
    for (const analytics::NearGroup::Member& m : g.members) {
      place(g.pivot, row_of_first.at(m.id), m.similarity);
    }
  }
  // Documents with the very same text in other forms (a PDF and the text file it was printed
  // from) are near-duplicates at 100%, unless they are all exact copies of one another.
  for (size_t r = 0; r < row_items.size(); ++r) {
    if (row_grouped[r] || row_items[r].size() < 2) continue;
    model::ItemId first = identity(row_items[r].front());
    bool distinct = false;
    for (model::ItemId id : row_items[r]) distinct = distinct || identity(id) != first;
    if (!distinct) continue;
    ++near_groups;
    place(row_items[r].front(), r, 1.0);
  }

  // --- Threads ------------------------------------------------------------------------------
  std::vector<analytics::MessageHeaders> headers;
  headers.reserve(emails.size());
  for (const Email& m : emails) headers.push_back(m.headers);
  std::vector<analytics::ThreadPlace> places = analytics::BuildThreads(headers);
  std::map<model::ItemId, std::vector<size_t>> thread_messages;  // thread → emails (one a message)
  for (size_t i = 0; i < places.size(); ++i) {
    const analytics::ThreadPlace& p = places[i];
    store::ItemAnalytics& r = rows[emails[i].entry];
    r.thread_id = p.thread;
    r.thread_parent = p.parent;
    r.thread_depth = p.depth;
    r.thread_position = p.position;
    r.thread_size = p.size;
    r.inclusive = true;
    if (p.message == p.id && p.size > 1) thread_messages[p.thread].push_back(i);
  }
  std::unordered_map<model::ItemId, bool> message_inclusive;
  int64_t thread_count = 0;
  for (auto& [thread, list] : thread_messages) {
    ++thread_count;
    std::vector<analytics::ThreadMessage> messages;
    for (size_t i : list) {
      analytics::ThreadMessage tm;
      tm.position = places[i].position;
      const Entry& e = entries[emails[i].entry];
      if (!e.text_blob.empty()) {
        BATES_ASSIGN_OR_RETURN(tm.text, parts.blobs->GetText(e.text_blob));
      }
      tm.attachment_sha256 = emails[i].identity.attachment_sha256;
      messages.push_back(std::move(tm));
    }
    std::vector<bool> inclusive = analytics::MarkInclusive(messages);
    for (size_t k = 0; k < list.size(); ++k) message_inclusive[places[list[k]].id] = inclusive[k];
  }
  int64_t inclusive_count = 0;
  for (size_t i = 0; i < places.size(); ++i) {
    store::ItemAnalytics& r = rows[emails[i].entry];
    auto it = message_inclusive.find(places[i].message);
    if (it != message_inclusive.end()) r.inclusive = it->second;
    if (*r.inclusive) ++inclusive_count;
  }

  // --- Index, then store ----------------------------------------------------------------------
  std::unordered_map<model::ItemId, std::vector<std::string>> old_terms;
  BATES_ASSIGN_OR_RETURN(std::optional<std::string> synced, store.GetSetting(kIndexSyncedSetting));
  const bool trust_old = synced && *synced == "1";
  if (trust_old) {
    BATES_RETURN_IF_ERROR(store.analytics().ForEach([&](const store::ItemAnalytics& r) {
      std::vector<std::string> terms = FilterTerms(r);
      if (!terms.empty()) old_terms[r.item_id] = std::move(terms);
      return Status::Ok();
    }));
  }
  BATES_RETURN_IF_ERROR(store.SetSetting(kIndexSyncedSetting, "0"));
  {
    BATES_ASSIGN_OR_RETURN(auto writer, index::IndexWriter::Open(parts.index_dir()));
    for (const store::ItemAnalytics& r : rows) {
      std::vector<std::string> terms = FilterTerms(r);
      if (trust_old) {
        auto old = old_terms.find(r.item_id);
        const bool same = old == old_terms.end() ? terms.empty() : old->second == terms;
        if (old != old_terms.end()) old_terms.erase(old);
        if (same) continue;
      }
      BATES_RETURN_IF_ERROR(writer->ReplaceFilterTerms(r.item_id, std::move(terms)));
    }
    // Items marked by the last run that this run did not analyze (removed since).
    for (auto& [id, terms] : old_terms) {
      BATES_RETURN_IF_ERROR(writer->ReplaceFilterTerms(id, {}));
    }
    BATES_RETURN_IF_ERROR(writer->Commit());
  }

  store::AnalyticsRun run;
  run.finished_at = parts.options.env->NowUnixSeconds();
  run.dedup_scope = std::string(analytics::DedupScopeName(scope));
  run.near_threshold = threshold;
  run.items = static_cast<int64_t>(rows.size());
  AnalyzeReport report;
  report.dedup_scope = run.dedup_scope;
  report.near_threshold = threshold;
  report.items = run.items;
  report.duplicate_groups = static_cast<int64_t>(dups.groups.size());
  report.duplicate_items = dups.duplicate_items;
  report.near_groups = near_groups;
  report.near_items = near_items;
  report.threads = thread_count;
  report.thread_messages = static_cast<int64_t>(emails.size());
  report.inclusive = inclusive_count;

  BATES_RETURN_IF_ERROR(store.Begin());
  Status written = [&]() -> Status {
    BATES_RETURN_IF_ERROR(store.analytics().Replace(rows, group_custodians, run));
    BATES_RETURN_IF_ERROR(store.SetSetting(kScopeSetting, run.dedup_scope));
    BATES_RETURN_IF_ERROR(store.SetSetting(kThresholdSetting, fmt::format("{}", threshold)));
    BATES_RETURN_IF_ERROR(store.SetSetting(kIndexSyncedSetting, "1"));
    nlohmann::json detail = {{"dedup_scope", run.dedup_scope},
                             {"near_threshold", threshold},
                             {"items", run.items},
                             {"duplicate_items", report.duplicate_items},
                             {"near_groups", report.near_groups},
                             {"threads", report.threads}};
    BATES_RETURN_IF_ERROR(parts.Audit("analyze", detail.dump()));
    return store.Commit();
  }();
  if (!written.ok()) {
    store.Rollback().IgnoreError();
    return written;
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace bates::engine
