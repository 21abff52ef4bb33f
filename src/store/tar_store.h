// TarStore: Technology-assisted review (issue 6): rounds, training labels, scores, stopping-rule
// state and elusion tests.
//
// One area of the case store. The interface is filled in by the issue that owns it; every area
// shares the case's database and its transactions (CaseStore::Begin/Commit), and its tables are
// created by its own migration in schema/ (see README.md, "Areas").
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::tar().
#pragma once

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

class TarStore {
 public:
  virtual ~TarStore() = default;
};

}  // namespace bates::store
