// AnalyticsStore: Analytics results (issue 5): exact-duplicate groups with all custodians,
// near-duplicate groups with similarities, email threads with positions and inclusiveness.
//
// One area of the case store. The interface is filled in by the issue that owns it; every area
// shares the case's database and its transactions (CaseStore::Begin/Commit), and its tables are
// created by its own migration in schema/ (see README.md, "Areas").
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::analytics().
#pragma once

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

class AnalyticsStore {
 public:
  virtual ~AnalyticsStore() = default;
};

}  // namespace bates::store
