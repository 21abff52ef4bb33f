// Web workspace reads (issue 10): privileged items, related items, natives, production
// certificates and intake records. Everything the API shows beyond the CLI's reports is made here,
// so the server stays a mapping from HTTP to these calls.
#include <set>

#include "core/file.h"
#include "engine/case.h"
#include "engine/case_parts.h"
#include "engine/search_parts.h"
#include "engine/web_parts.h"
#include "index/index_reader.h"
#include "review/coding.h"

namespace bates::engine {
namespace {

namespace cf = review::coding_field;

// Members of a thread or near-duplicate group listed with an item.
constexpr uint32_t kRelatedLimit = 500;

bool MarksPrivileged(const store::Coding& c) {
  if (c.field == cf::kPrivileged) return !c.value.empty() && c.value != "no";
  if (c.field == cf::kWithhold) return c.value == "yes";
  return false;
}

Result<model::ItemId> ExistingItem(CaseParts& parts, const std::string& id_text) {
  BATES_ASSIGN_OR_RETURN(model::ItemId id, model::ParseItemId(id_text));
  auto found = parts.store->GetItem(id);
  if (!found.ok() && found.status().code() == StatusCode::kNotFound) {
    return NotFoundError("no item {} in this case", model::FormatItemId(id));
  }
  BATES_RETURN_IF_ERROR(found.status());
  return id;
}

// `query_text` run as the viewer may see it: with the case's phrase setting, and without
// privileged items when `hide_privileged`; the first `limit` hits.
Result<index::SearchResult> SearchVisible(CaseParts& parts, const std::string& query_text,
                                          bool hide_privileged, uint32_t limit) {
  BATES_ASSIGN_OR_RETURN(bool phrase, ReadSpacesMeanPhrase(parts));
  BATES_ASSIGN_OR_RETURN(index::Query query, CompileForCase(parts, query_text, phrase));
  if (hide_privileged) {
    BATES_ASSIGN_OR_RETURN(query, WithoutPrivileged(parts, query));
  }
  BATES_ASSIGN_OR_RETURN(index::IndexReader * reader, parts.Reader());
  index::SearchOptions options;
  options.limit = limit;
  return reader->Search(query, options);
}

// The ids a query finds, in id order (at most kRelatedLimit).
Result<std::vector<std::string>> Members(CaseParts& parts, const std::string& query_text,
                                         bool hide_privileged) {
  BATES_ASSIGN_OR_RETURN(index::SearchResult result,
                         SearchVisible(parts, query_text, hide_privileged, kRelatedLimit));
  std::set<model::ItemId> ids;
  for (const index::Hit& hit : result.hits) ids.insert(hit.id);
  std::vector<std::string> out;
  for (model::ItemId id : ids) out.push_back(model::FormatItemId(id));
  return out;
}

bool UsableVolumeName(const std::string& volume) {
  if (volume.empty() || volume.front() == '.' || volume.size() > 100) return false;
  for (char c : volume) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<model::ItemId>> PrivilegedItemIds(CaseParts& parts) {
  std::set<model::ItemId> ids;
  BATES_RETURN_IF_ERROR(parts.store->review().ForEachCoding([&](const store::Coding& c) {
    if (MarksPrivileged(c)) ids.insert(c.item_id);
    return Status::Ok();
  }));
  return std::vector<model::ItemId>(ids.begin(), ids.end());
}

Result<index::Query> WithoutPrivileged(CaseParts& parts, const index::Query& query) {
  BATES_ASSIGN_OR_RETURN(std::vector<model::ItemId> privileged, PrivilegedItemIds(parts));
  if (privileged.empty()) return query;
  return index::Query::AndNot(query, index::Query::Ids(privileged));
}

Result<bool> Case::IsPrivileged(const std::string& id_text) {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(model::ItemId id, ExistingItem(parts, id_text));
  BATES_ASSIGN_OR_RETURN(std::vector<store::Coding> coding, parts.store->review().ItemCoding(id));
  for (const store::Coding& c : coding) {
    if (MarksPrivileged(c)) return true;
  }
  return false;
}

Result<RelatedView> Case::Related(const std::string& id_text, bool hide_privileged) {
  BATES_ASSIGN_OR_RETURN(ItemView item, Show(id_text, false));
  RelatedView view;
  view.id = item.id;
  if (item.analytics && item.analytics->thread) {
    BATES_ASSIGN_OR_RETURN(
        view.thread,
        Members(*parts_, "thread:" + std::to_string(*item.analytics->thread), hide_privileged));
  }
  if (item.analytics && item.analytics->near_group) {
    BATES_ASSIGN_OR_RETURN(
        view.near_duplicates,
        Members(*parts_, "neargroup:" + std::to_string(*item.analytics->near_group),
                hide_privileged));
  }
  return view;
}

Result<NativeView> Case::Native(const std::string& id_text) {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(model::ItemId id, ExistingItem(parts, id_text));
  BATES_ASSIGN_OR_RETURN(store::Item item, parts.store->GetItem(id));
  if (item.native_blob.empty()) {
    return NotFoundError("{} has no native file", model::FormatItemId(id));
  }
  NativeView view;
  view.id = model::FormatItemId(id);
  // The name alone: a collected file's name is its path below the source.
  std::string name = item.name.substr(item.name.find_last_of('/') + 1);
  view.file_name = name.empty() ? view.id : name;
  view.mime_type = item.mime_type.empty() ? "application/octet-stream" : item.mime_type;
  BATES_ASSIGN_OR_RETURN(view.bytes, parts.blobs->GetNative(item.native_blob));
  return view;
}

Result<ItemScreenView> Case::ItemScreen(const std::string& id_text) {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(model::ItemId id, ExistingItem(parts, id_text));
  ItemScreenView view;
  view.id = model::FormatItemId(id);
  BATES_ASSIGN_OR_RETURN(std::vector<store::PrivilegeHitRow> flags,
                         parts.store->review().ListPrivilegeHits());
  for (const store::PrivilegeHitRow& f : flags) {
    if (f.item_id == id) view.privilege_why.push_back(f.why);
  }
  BATES_ASSIGN_OR_RETURN(std::vector<store::PiiHitRow> pii, parts.store->review().ListPiiHits(id));
  for (const store::PiiHitRow& h : pii) {
    view.pii.push_back({h.kind, static_cast<uint64_t>(h.start), static_cast<uint64_t>(h.end)});
  }
  BATES_ASSIGN_OR_RETURN(RedactionsReport redactions, Redactions(view.id));
  for (const RedactionView& r : redactions.redactions) {
    if (r.area == "text") view.redactions.push_back({r.number, r.start, r.end, r.reason});
  }
  return view;
}

Result<std::string> Case::ProductionCertificate(const std::string& volume) {
  // The name is checked before it touches a path: no separators, no leading dot, so no way out
  // of the productions folder.
  if (!UsableVolumeName(volume)) {
    return InvalidArgumentError("the volume name '{}' is not usable", volume);
  }
  std::filesystem::path file = parts_->dir / "productions" / (volume + "-certificate.html");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return NotFoundError("no production volume {} in this case", volume);
  }
  return ReadFile(file);
}

Result<IntakeRecordsView> Case::IntakeRecords() {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(std::vector<store::AuditEntry> entries, parts.store->ListAudit());
  IntakeRecordsView view;
  for (const store::AuditEntry& e : entries) {
    if (e.action != "intake") continue;
    view.records.push_back({parts.LocalDate(Timestamp{e.at, 0, false}), e.actor, e.detail});
  }
  return view;
}

}  // namespace bates::engine
