// DemandStore: Demands (issue 9): demand specs, recipients, status histories, communications,
// received productions and their verification.
//
// One area of the case store. The interface is filled in by the issue that owns it; every area
// shares the case's database and its transactions (CaseStore::Begin/Commit), and its tables are
// created by its own migration in schema/ (see README.md, "Areas").
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::demand().
#pragma once

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

class DemandStore {
 public:
  virtual ~DemandStore() = default;
};

}  // namespace bates::store
