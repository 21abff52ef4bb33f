#include "engine/facet_table.h"

namespace bates::engine {

Result<std::shared_ptr<FacetTable>> FacetTable::For(CaseParts& parts) {
  static std::mutex tables_mutex;
  static std::map<std::string, std::shared_ptr<FacetTable>> tables;
  std::shared_ptr<FacetTable> table;
  {
    std::lock_guard lock(tables_mutex);
    std::shared_ptr<FacetTable>& slot = tables[parts.dir.lexically_normal().string()];
    if (!slot) slot = std::make_shared<FacetTable>();
    table = slot;
  }
  BATES_RETURN_IF_ERROR(table->CatchUp(parts));
  return table;
}

uint32_t FacetTable::Intern(std::vector<std::string>& names, std::map<std::string, uint32_t>& index,
                            const std::string& value) {
  auto [it, added] = index.emplace(value, static_cast<uint32_t>(names.size()));
  if (added) names.push_back(value);
  return it->second;
}

Status FacetTable::CatchUp(CaseParts& parts) {
  BATES_ASSIGN_OR_RETURN(model::ItemId last, parts.store->MaxItemId());
  std::lock_guard lock(mutex_);
  if (last <= through_) return Status::Ok();
  rows_.resize(static_cast<size_t>(last) + 1);
  BATES_RETURN_IF_ERROR(
      parts.store->ForEachItem(through_ + 1, last, [&](const store::Item& item) -> Status {
        BATES_ASSIGN_OR_RETURN(const store::Source* source, parts.SourceById(item.source_id));
        Row& row = rows_[static_cast<size_t>(item.id)];
        row.custodian = Intern(custodians_, custodian_index_, source->custodian);
        row.type = Intern(types_, type_index_, item.mime_type);
        row.month = Intern(months_, month_index_,
                           item.sort_date ? parts.LocalDate(*item.sort_date).substr(0, 7) : "");
        row.present = true;
        return Status::Ok();
      }));
  through_ = last;
  return Status::Ok();
}

void FacetTable::Count(const std::vector<model::ItemId>& ids, SearchFacetsView& view) const {
  std::lock_guard lock(mutex_);
  std::vector<int64_t> custodian(custodians_.size()), type(types_.size()), month(months_.size());
  for (model::ItemId id : ids) {
    if (id <= 0 || static_cast<size_t>(id) >= rows_.size()) continue;
    const Row& row = rows_[static_cast<size_t>(id)];
    if (!row.present) continue;
    ++custodian[row.custodian];
    ++type[row.type];
    ++month[row.month];
    ++view.counted;
  }
  auto fill = [](const std::vector<std::string>& names, const std::vector<int64_t>& counts,
                 std::map<std::string, int64_t>& out) {
    for (size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] > 0) out[names[i]] += counts[i];
    }
  };
  fill(custodians_, custodian, view.custodian);
  fill(types_, type, view.type);
  fill(months_, month, view.month);
}

}  // namespace bates::engine
