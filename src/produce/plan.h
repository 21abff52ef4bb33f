// The production plan: which items of the matter are produced, in what order, and what became of
// every other one. Pure: the engine gathers the facts (every item's family, kind, status, date,
// duplicate master; the selection it resolved from a query; the decisions of review) and this
// decides, so the rules are tested without a case.
//
// Rules, applied per family (a family is produced or not as a whole):
//   - a container is not a document: "container";
//   - an item that could not be processed: "exception" (it is in the exception report);
//   - a family none of whose items was selected: "non_responsive";
//   - a family whose head's date lies outside the timeframe: "outside_timeframe";
//   - a family whose head duplicates the head of a family that is produced: "duplicate";
//   - an item review withholds (privilege): "withheld" — it keeps its place and a Bates number
//     for its slip sheet, so its family's run stays unbroken;
//   - everything else: "produced".
// Families are ordered by their head's date (undated last), then id; a family's items in id order,
// which is the family's pre-order.
//
// Thread safety: values only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/item.h"

namespace bates::produce {

enum class Disposition {
  kProduced,
  kWithheld,
  kDuplicate,
  kNonResponsive,
  kOutsideTimeframe,
  kException,
  kContainer
};
std::string_view DispositionName(Disposition d);

struct PlanItem {
  model::ItemId id = 0;
  model::ItemId family_id = 0;
  model::ItemKind kind = model::ItemKind::kFile;
  bool exception = false;
  std::optional<int64_t> date;                // sort date, unix seconds
  std::optional<model::ItemId> duplicate_of;  // a family head's exact-duplicate master head
};

// What review decided (store/review once it lands; the engine fills it).
struct ReviewDecisions {
  std::map<model::ItemId, std::string> withheld;  // item → reason for the privilege log
};

struct PlanInput {
  std::vector<PlanItem> items;       // every item of the matter
  std::set<model::ItemId> selected;  // items the selection found (before family completion)
  ReviewDecisions review;
  std::optional<int64_t> from, to;  // timeframe, unix seconds, inclusive
};

struct PlanEntry {
  model::ItemId id = 0;
  Disposition disposition = Disposition::kNonResponsive;
  std::string reason;                         // withheld: review's reason
  std::optional<model::ItemId> duplicate_of;  // duplicate: the produced master head
};

struct Plan {
  // Produced and withheld items in production order: each takes the next Bates numbers.
  std::vector<model::ItemId> order;
  // Every item of the input, exactly once, by id.
  std::map<model::ItemId, PlanEntry> entries;
  int64_t selected_families = 0;
  int64_t completed_by_family = 0;  // items brought in only because their family was selected
};

Plan MakePlan(const PlanInput& input);

}  // namespace bates::produce
