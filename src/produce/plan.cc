#include "produce/plan.h"

#include <algorithm>
#include <limits>

namespace bates::produce {

std::string_view DispositionName(Disposition d) {
  switch (d) {
    case Disposition::kProduced:
      return "produced";
    case Disposition::kWithheld:
      return "withheld";
    case Disposition::kDuplicate:
      return "duplicate";
    case Disposition::kNonResponsive:
      return "non_responsive";
    case Disposition::kOutsideTimeframe:
      return "outside_timeframe";
    case Disposition::kException:
      return "exception";
    case Disposition::kContainer:
      return "container";
  }
  return "?";
}

Plan MakePlan(const PlanInput& input) {
  using model::ItemId;
  std::map<ItemId, const PlanItem*> by_id;
  std::map<ItemId, std::vector<const PlanItem*>> families;
  for (const PlanItem& item : input.items) {
    by_id[item.id] = &item;
    if (item.kind != model::ItemKind::kContainer) families[item.family_id].push_back(&item);
  }
  std::set<ItemId> selected_families;
  for (ItemId id : input.selected) {
    auto it = by_id.find(id);
    if (it != by_id.end() && it->second->kind != model::ItemKind::kContainer) {
      selected_families.insert(it->second->family_id);
    }
  }
  auto head_date = [&](ItemId family) -> std::optional<int64_t> {
    auto it = by_id.find(family);
    return it == by_id.end() ? std::nullopt : it->second->date;
  };
  auto in_timeframe = [&](ItemId family) {
    std::optional<int64_t> d = head_date(family);
    if (!d) return true;  // an undated family cannot be judged against the timeframe: kept
    return (!input.from || *d >= *input.from) && (!input.to || *d <= *input.to);
  };
  // Candidates: selected families in the timeframe. A duplicate family is dropped only when its
  // master family is itself a candidate that is not a duplicate, so every content is produced once.
  std::set<ItemId> candidates;
  for (ItemId f : selected_families) {
    if (in_timeframe(f)) candidates.insert(f);
  }
  auto master_of = [&](ItemId family) -> std::optional<ItemId> {
    auto it = by_id.find(family);
    if (it == by_id.end() || !it->second->duplicate_of) return std::nullopt;
    ItemId master = *it->second->duplicate_of;
    if (!candidates.count(master)) return std::nullopt;
    auto m = by_id.find(master);
    if (m != by_id.end() && m->second->duplicate_of && candidates.count(*m->second->duplicate_of)) {
      return std::nullopt;  // chains do not occur (masters are not duplicates); stay safe
    }
    return master;
  };

  Plan plan;
  plan.selected_families = static_cast<int64_t>(selected_families.size());
  std::vector<ItemId> produced_families;
  for (const auto& [family, members] : families) {
    Disposition family_disposition = Disposition::kProduced;
    std::optional<ItemId> master;
    if (!selected_families.count(family)) {
      family_disposition = Disposition::kNonResponsive;
    } else if (!in_timeframe(family)) {
      family_disposition = Disposition::kOutsideTimeframe;
    } else if ((master = master_of(family))) {
      family_disposition = Disposition::kDuplicate;
    } else {
      produced_families.push_back(family);
    }
    for (const PlanItem* item : members) {
      PlanEntry e;
      e.id = item->id;
      e.disposition = family_disposition;
      if (item->exception) {
        e.disposition = Disposition::kException;
      } else if (family_disposition == Disposition::kDuplicate) {
        e.duplicate_of = master;
      } else if (family_disposition == Disposition::kProduced) {
        auto w = input.review.withheld.find(item->id);
        if (w != input.review.withheld.end()) {
          e.disposition = Disposition::kWithheld;
          e.reason = w->second;
        }
        if (!input.selected.count(item->id)) ++plan.completed_by_family;
      }
      plan.entries[item->id] = std::move(e);
    }
  }
  for (const PlanItem& item : input.items) {
    if (item.kind == model::ItemKind::kContainer) {
      plan.entries[item.id] = PlanEntry{item.id, Disposition::kContainer, "", std::nullopt};
    }
  }
  std::sort(produced_families.begin(), produced_families.end(), [&](ItemId a, ItemId b) {
    int64_t da = head_date(a).value_or(std::numeric_limits<int64_t>::max());
    int64_t db = head_date(b).value_or(std::numeric_limits<int64_t>::max());
    return da != db ? da < db : a < b;
  });
  for (ItemId family : produced_families) {
    std::vector<const PlanItem*> members = families[family];
    std::sort(members.begin(), members.end(),
              [](const PlanItem* a, const PlanItem* b) { return a->id < b->id; });
    for (const PlanItem* item : members) {
      Disposition d = plan.entries[item->id].disposition;
      if (d == Disposition::kProduced || d == Disposition::kWithheld)
        plan.order.push_back(item->id);
    }
  }
  return plan;
}

}  // namespace bates::produce
