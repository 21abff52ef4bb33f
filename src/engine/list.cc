// bates list: the items of the case in id order, one line each.
#include "engine/case.h"
#include "engine/case_parts.h"

namespace bates::engine {

Result<ListReport> Case::List(int64_t offset, int64_t limit) {
  CaseParts& parts = *parts_;
  ListReport report;
  BATES_ASSIGN_OR_RETURN(report.total, parts.store->CountItems());
  BATES_ASSIGN_OR_RETURN(model::ItemId max_id, parts.store->MaxItemId());
  int64_t skipped = 0;
  Status s = parts.store->ForEachItem(1, max_id, [&](const store::Item& item) -> Status {
    if (skipped++ < offset) return Status::Ok();
    if (limit > 0 && static_cast<int64_t>(report.items.size()) >= limit) {
      return CancelledError("enough");
    }
    ItemRowView v;
    v.id = model::FormatItemId(item.id);
    v.kind = std::string(model::ItemKindName(item.kind));
    v.status = std::string(model::ItemStatusName(item.status));
    BATES_ASSIGN_OR_RETURN(v.path, parts.DisplayPath(item));
    BATES_ASSIGN_OR_RETURN(const store::Source* source, parts.SourceById(item.source_id));
    v.custodian = source->custodian;
    v.mime_type = item.mime_type;
    v.size = item.size;
    v.sha256 = item.sha256;
    if (item.parent_id) v.parent_id = model::FormatItemId(*item.parent_id);
    v.family_id = model::FormatItemId(item.family_id);
    if (item.sort_date) v.date = parts.LocalDate(*item.sort_date);
    v.title = DisplayTitle(item);
    v.message_id = item.meta.message_id;
    report.items.push_back(std::move(v));
    return Status::Ok();
  });
  if (!s.ok() && s.code() != StatusCode::kCancelled) return s;
  return report;
}

}  // namespace bates::engine
