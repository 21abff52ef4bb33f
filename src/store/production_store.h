// ProductionStore: Productions (issue 8): volumes, Bates ranges, produced and withheld items, files
// and their hashes, manifests.
//
// One area of the case store. The interface is filled in by the issue that owns it; every area
// shares the case's database and its transactions (CaseStore::Begin/Commit), and its tables are
// created by its own migration in schema/ (see README.md, "Areas").
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::production().
#pragma once

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

class ProductionStore {
 public:
  virtual ~ProductionStore() = default;
};

}  // namespace bates::store
