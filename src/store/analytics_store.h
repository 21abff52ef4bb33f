// AnalyticsStore: analytics results (issue 5) — exact-duplicate groups with the custodians of all
// copies, near-duplicate groups with each member's similarity to the pivot, and email threads
// with each message's parent, depth, position and inclusiveness.
//
// One area of the case store, in tables of migration 0003_analytics.sql. A run of `bates
// analyze` replaces the whole result (Replace), inside the caller's transaction, so what is
// stored is always one run's. Every area shares the case's database and its transactions
// (CaseStore::Begin/Commit).
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::analytics().
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

struct ItemAnalytics {
  model::ItemId item_id = 0;
  std::string dedup_key;  // a family head's; '' otherwise
  std::optional<model::ItemId> duplicate_of;
  std::optional<model::ItemId> dup_group;   // the master family's head, for families with copies
  std::optional<model::ItemId> near_group;  // the group's pivot
  std::optional<double> near_similarity;    // to the pivot, 0..1
  std::optional<model::ItemId> thread_id;   // the lowest item id of the thread
  std::optional<model::ItemId> thread_parent;
  std::optional<int64_t> thread_depth, thread_position, thread_size;
  std::optional<bool> inclusive;  // emails only
};

struct DupGroupCustodian {
  model::ItemId group_id = 0;
  int64_t custodian_id = 0;
};

struct AnalyticsRun {
  int64_t finished_at = 0;  // unix seconds
  std::string dedup_scope;  // "global" or "custodian"
  double near_threshold = 0;
  int64_t items = 0;  // rows written
};

class AnalyticsStore {
 public:
  virtual ~AnalyticsStore() = default;

  // Replaces every stored result with these. Call inside a transaction for one atomic switch.
  virtual Status Replace(const std::vector<ItemAnalytics>& rows,
                         const std::vector<DupGroupCustodian>& custodians,
                         const AnalyticsRun& run) = 0;
  // Calls fn on every stored row, in item id order.
  virtual Status ForEach(const std::function<Status(const ItemAnalytics&)>& fn) = 0;
  // The item's row; nullopt when the item was not analyzed (or no run happened yet).
  virtual Result<std::optional<ItemAnalytics>> Get(model::ItemId id) = 0;
  // Names of the custodians holding a copy of the group, sorted.
  virtual Result<std::vector<std::string>> GroupCustodians(model::ItemId group_id) = 0;
  // The last run, if any.
  virtual Result<std::optional<AnalyticsRun>> LastRun() = 0;
};

}  // namespace bates::store
