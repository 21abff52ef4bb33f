// The SQLite demand area (see store/demand_store.h).
#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

class SqliteDemandStore final : public DemandStore {
 public:
  explicit SqliteDemandStore(SqliteStore& store) : store_(store) {}

 private:
  [[maybe_unused]] SqliteStore& store_;
};

}  // namespace

DemandStore& SqliteStore::demand() {
  if (!demand_) demand_ = std::make_unique<SqliteDemandStore>(*this);
  return *demand_;
}

}  // namespace bates::store::sqlite
