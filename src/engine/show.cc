// bates show: one item with its metadata, family and text.
#include "engine/case.h"
#include "engine/case_parts.h"

namespace bates::engine {
namespace {

std::optional<DateView> ViewDate(const CaseParts& parts, const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return DateView{parts.LocalDate(*t), FormatIso8601(*t), FormatIso8601Utc(t->utc_seconds)};
}

std::vector<std::string> Addresses(const std::vector<model::Address>& list) {
  std::vector<std::string> out;
  for (const model::Address& a : list) out.push_back(model::FormatAddress(a));
  return out;
}

}  // namespace

Result<ItemView> Case::Show(const std::string& id_text, bool with_text) {
  CaseParts& parts = *parts_;
  BATES_ASSIGN_OR_RETURN(model::ItemId id, model::ParseItemId(id_text));
  auto found = parts.store->GetItem(id);
  if (!found.ok() && found.status().code() == StatusCode::kNotFound) {
    return NotFoundError("no item {} in this case", model::FormatItemId(id));
  }
  BATES_ASSIGN_OR_RETURN(store::Item item, std::move(found));

  ItemView v;
  v.id = model::FormatItemId(item.id);
  v.kind = std::string(model::ItemKindName(item.kind));
  v.status = std::string(model::ItemStatusName(item.status));
  if (item.status == model::ItemStatus::kException) {
    v.exception = ExceptionView{item.exception_code, item.exception_tool, item.exception_message};
  }
  v.flags = model::FlagNames(item.flags);
  BATES_ASSIGN_OR_RETURN(const store::Source* source, parts.SourceById(item.source_id));
  v.custodian = source->custodian;
  v.source = source->path;
  BATES_ASSIGN_OR_RETURN(v.path, parts.DisplayPath(item));
  v.relative_path = item.relative_path;
  v.inner_path = item.inner_path;
  v.name = item.name;
  v.mime_type = item.mime_type;
  v.reader = item.reader;
  v.size = item.size;
  v.md5 = item.md5;
  v.sha1 = item.sha1;
  v.sha256 = item.sha256;
  const model::Metadata& m = item.meta;
  v.sort_date = ViewDate(parts, item.sort_date);
  v.sent = ViewDate(parts, m.sent);
  v.received = ViewDate(parts, m.received);
  v.created = ViewDate(parts, m.created);
  v.modified = ViewDate(parts, m.modified);
  if (m.from) v.from = model::FormatAddress(*m.from);
  v.to = Addresses(m.to);
  v.cc = Addresses(m.cc);
  v.bcc = Addresses(m.bcc);
  v.subject = m.subject;
  v.author = m.author;
  v.last_author = m.last_author;
  v.title = m.title;
  v.file_name = m.file_name;
  v.message_id = m.message_id;
  v.in_reply_to = m.in_reply_to;
  v.references = m.references;
  v.extra = m.extra;

  v.family_id = model::FormatItemId(item.family_id);
  if (item.parent_id) v.parent_id = model::FormatItemId(*item.parent_id);
  BATES_ASSIGN_OR_RETURN(std::vector<model::ItemId> child_ids, parts.store->ChildIds(item.id));
  BATES_ASSIGN_OR_RETURN(std::vector<store::Item> children, parts.store->GetItems(child_ids));
  for (const store::Item& c : children) {
    v.children.push_back(
        {model::FormatItemId(c.id), c.name, std::string(model::ItemKindName(c.kind))});
  }
  BATES_ASSIGN_OR_RETURN(std::vector<model::ItemId> family, parts.store->FamilyIds(item.family_id));
  for (model::ItemId f : family) v.family.push_back(model::FormatItemId(f));

  BATES_ASSIGN_OR_RETURN(std::optional<store::ItemAnalytics> found_analytics,
                         parts.store->analytics().Get(item.id));
  if (found_analytics) {
    const store::ItemAnalytics& r = *found_analytics;
    ItemAnalyticsView a;
    if (r.duplicate_of) a.duplicate_of = model::FormatItemId(*r.duplicate_of);
    if (r.dup_group) {
      BATES_ASSIGN_OR_RETURN(a.all_custodians,
                             parts.store->analytics().GroupCustodians(*r.dup_group));
    }
    if (a.all_custodians.empty()) a.all_custodians = {source->custodian};
    a.near_group = r.near_group;
    a.near_similarity = r.near_similarity;
    a.thread = r.thread_id;
    if (r.thread_parent) a.thread_parent = model::FormatItemId(*r.thread_parent);
    a.thread_position = r.thread_position;
    a.thread_depth = r.thread_depth;
    a.thread_size = r.thread_size;
    a.inclusive = r.inclusive;
    v.analytics = std::move(a);
  }

  v.text_bytes = item.text_bytes;
  if (with_text) {
    if (item.text_blob.empty()) {
      v.text = std::string();
    } else {
      BATES_ASSIGN_OR_RETURN(v.text, parts.blobs->GetText(item.text_blob));
    }
  }
  return v;
}

}  // namespace bates::engine
