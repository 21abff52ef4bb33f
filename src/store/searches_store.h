// SearchStore: Saved searches and search-term reports (issue 4): who ran which query, when, and the
// count it returned.
//
// One area of the case store. The interface is filled in by the issue that owns it; every area
// shares the case's database and its transactions (CaseStore::Begin/Commit), and its tables are
// created by its own migration in schema/ (see README.md, "Areas").
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::searches().
#pragma once

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

class SearchStore {
 public:
  virtual ~SearchStore() = default;
};

}  // namespace bates::store
