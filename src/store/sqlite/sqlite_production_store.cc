// The SQLite production area (see store/production_store.h).
#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

class SqliteProductionStore final : public ProductionStore {
 public:
  explicit SqliteProductionStore(SqliteStore& store) : store_(store) {}

 private:
  [[maybe_unused]] SqliteStore& store_;
};

}  // namespace

ProductionStore& SqliteStore::production() {
  if (!production_) production_ = std::make_unique<SqliteProductionStore>(*this);
  return *production_;
}

}  // namespace bates::store::sqlite
