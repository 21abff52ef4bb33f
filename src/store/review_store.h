// ReviewStore: Review (issue 7): coding decisions with reviewer, time and reason; privilege-screen
// and personal-data hits; redactions; privilege-log entries.
//
// One area of the case store. The interface is filled in by the issue that owns it; every area
// shares the case's database and its transactions (CaseStore::Begin/Commit), and its tables are
// created by its own migration in schema/ (see README.md, "Areas").
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::review().
#pragma once

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

class ReviewStore {
 public:
  virtual ~ReviewStore() = default;
};

}  // namespace bates::store
