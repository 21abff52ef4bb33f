// ProductionStore: Productions (issue 8): volumes, Bates ranges, what became of every item in each
// production (produced with its Bates range, withheld, duplicate, non-responsive, outside the
// timeframe, exception, container), and every file of a volume with its hash.
//
// One area of the case store, in the tables of migration 0004_production.sql. The engine records a
// production in one transaction (CaseStore::Begin/Commit) once its volume is written and checked,
// so a failed run leaves no half-recorded production and never consumes Bates numbers.
//
// Thread safety: as CaseStore — one per thread, reached through CaseStore::production().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/item.h"

namespace bates::store {

struct ProductionRow {
  int64_t id = 0;
  std::string volume;
  std::string prefix;
  int digits = 6;
  int64_t first_number = 0;
  int64_t last_number = 0;
  std::string selection;
  std::string folder;
  std::string root_hash;
  bool qc_passed = false;
  int64_t created_at = 0;
  std::string created_by;
};

struct ProductionItemRow {
  model::ItemId item_id = 0;
  std::string disposition;
  std::optional<int64_t> beg_number, end_number, pages;
  std::string how;
  std::string reason;
  std::optional<model::ItemId> duplicate_of;
};

struct ProductionFileRow {
  std::string path;
  int64_t bytes = 0;
  std::string sha256;
};

class ProductionStore {
 public:
  virtual ~ProductionStore() = default;

  // Records a production with its items and files; returns its id. AlreadyExists if the volume
  // name is taken.
  virtual Result<int64_t> InsertProduction(const ProductionRow& production,
                                           const std::vector<ProductionItemRow>& items,
                                           const std::vector<ProductionFileRow>& files) = 0;
  // The highest Bates number any production of this prefix used; nullopt if none.
  virtual Result<std::optional<int64_t>> LastBatesNumber(const std::string& prefix) = 0;
  // Whether [first, last] overlaps a range already produced under this prefix.
  virtual Result<bool> RangeUsed(const std::string& prefix, int64_t first, int64_t last) = 0;
  virtual Result<std::vector<ProductionRow>> ListProductions() = 0;  // oldest first
  virtual Result<std::vector<ProductionItemRow>> ProductionItems(int64_t production_id) = 0;
};

}  // namespace bates::store
