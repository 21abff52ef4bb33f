// Resolving which items a review action applies to (ids, a query, a family, a duplicate group).
#include <algorithm>
#include <set>

#include "engine/review_parts.h"
#include "engine/search_parts.h"
#include "index/index_reader.h"

namespace bates::engine {

Result<std::map<model::ItemId, model::ItemId>> DuplicateGroups(CaseParts& parts) {
  std::map<model::ItemId, model::ItemId> groups;
  BATES_RETURN_IF_ERROR(parts.store->analytics().ForEach([&](const store::ItemAnalytics& a) {
    if (a.dup_group) groups[a.item_id] = *a.dup_group;
    return Status::Ok();
  }));
  return groups;
}

namespace {

Result<store::Item> FindItem(CaseParts& parts, const std::string& text) {
  BATES_ASSIGN_OR_RETURN(model::ItemId id, model::ParseItemId(text));
  auto found = parts.store->GetItem(id);
  if (!found.ok() && found.status().code() == StatusCode::kNotFound) {
    return NotFoundError("no item {} in this case", model::FormatItemId(id));
  }
  return found;
}

}  // namespace

Result<std::vector<model::ItemId>> ResolveSelection(CaseParts& parts, const ItemSelection& sel) {
  std::set<model::ItemId> ids;
  for (const std::string& text : sel.ids) {
    BATES_ASSIGN_OR_RETURN(store::Item item, FindItem(parts, text));
    ids.insert(item.id);
  }
  if (!sel.query.empty()) {
    BATES_ASSIGN_OR_RETURN(bool phrase, ReadSpacesMeanPhrase(parts));
    BATES_ASSIGN_OR_RETURN(index::Query query, CompileForCase(parts, sel.query, phrase));
    BATES_ASSIGN_OR_RETURN(auto reader, index::IndexReader::Open(parts.index_dir()));
    BATES_ASSIGN_OR_RETURN(std::vector<int64_t> matching, reader->MatchingIds(query));
    ids.insert(matching.begin(), matching.end());
  }
  if (!sel.family.empty()) {
    BATES_ASSIGN_OR_RETURN(store::Item item, FindItem(parts, sel.family));
    BATES_ASSIGN_OR_RETURN(std::vector<model::ItemId> family,
                           parts.store->FamilyIds(item.family_id));
    ids.insert(family.begin(), family.end());
  }
  if (!sel.dupgroup.empty()) {
    BATES_ASSIGN_OR_RETURN(store::Item item, FindItem(parts, sel.dupgroup));
    BATES_ASSIGN_OR_RETURN(auto groups, DuplicateGroups(parts));
    // A family member stands for its family head's group.
    auto it = groups.find(item.id);
    if (it == groups.end()) it = groups.find(item.family_id);
    std::set<model::ItemId> heads = {item.family_id};
    if (it != groups.end()) {
      for (const auto& [member, group] : groups) {
        if (group == it->second) heads.insert(member);
      }
    }
    for (model::ItemId head : heads) {
      BATES_ASSIGN_OR_RETURN(store::Item h, parts.store->GetItem(head));
      BATES_ASSIGN_OR_RETURN(std::vector<model::ItemId> family,
                             parts.store->FamilyIds(h.family_id));
      ids.insert(family.begin(), family.end());
    }
  }
  if (ids.empty()) {
    if (sel.ids.empty() && sel.query.empty() && sel.family.empty() && sel.dupgroup.empty()) {
      return InvalidArgumentError("name the items: IDs, --query, --family or --dupgroup");
    }
  }
  return std::vector<model::ItemId>(ids.begin(), ids.end());
}

Status InTransaction(CaseParts& parts, const std::function<Status()>& fn) {
  BATES_RETURN_IF_ERROR(parts.store->Begin());
  Status status = fn();
  if (!status.ok()) {
    parts.store->Rollback().IgnoreError();
    return status;
  }
  return parts.store->Commit();
}

}  // namespace bates::engine
