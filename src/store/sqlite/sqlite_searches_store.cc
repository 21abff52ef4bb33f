// The SQLite searches area (see store/searches_store.h).
#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

class SqliteSearchStore final : public SearchStore {
 public:
  explicit SqliteSearchStore(SqliteStore& store) : store_(store) {}

 private:
  [[maybe_unused]] SqliteStore& store_;
};

}  // namespace

SearchStore& SqliteStore::searches() {
  if (!searches_) searches_ = std::make_unique<SqliteSearchStore>(*this);
  return *searches_;
}

}  // namespace bates::store::sqlite
