// The SQLite tar area (see store/tar_store.h).
#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

class SqliteTarStore final : public TarStore {
 public:
  explicit SqliteTarStore(SqliteStore& store) : store_(store) {}

 private:
  [[maybe_unused]] SqliteStore& store_;
};

}  // namespace

TarStore& SqliteStore::tar() {
  if (!tar_) tar_ = std::make_unique<SqliteTarStore>(*this);
  return *tar_;
}

}  // namespace bates::store::sqlite
