// SearchStore: saved searches (issue 4) — every query a person ran, who ran it, when, and the
// count it returned. The certificate of a production lists them; `bates searches` shows them.
//
// One area of the case store: its table is created by schema/0002_searches.sql and it shares the
// case's database and transactions (CaseStore::Begin/Commit). The search module itself knows
// nothing of this: the engine records a search after running it.
//
// Also the item keys a search-term report needs (family and content hash of every item), read in
// one pass rather than item by item.
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::searches().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

struct SavedSearch {
  int64_t id = 0;  // assigned by the store, in the order searches ran
  std::string query;
  bool spaces_mean_phrase = false;
  std::string origin;  // "search" or "terms"
  std::string ran_by;
  int64_t ran_at = 0;  // UTC seconds
  int64_t hits = 0;
};

// What a term report needs to count families and duplicates.
struct ItemKey {
  model::ItemId id = 0;
  model::ItemId family_id = 0;
  std::string sha256;  // empty for an item without content (an exception)
};

class SearchStore {
 public:
  virtual ~SearchStore() = default;

  // Appends `search` (its id is ignored) and returns the id it was given.
  virtual Result<int64_t> SaveSearch(const SavedSearch& search) = 0;
  // Every saved search, oldest first.
  virtual Result<std::vector<SavedSearch>> ListSearches() = 0;
  // Every item's id, family and SHA-256, in id order.
  virtual Result<std::vector<ItemKey>> ItemKeys() = 0;
};

}  // namespace bates::store
