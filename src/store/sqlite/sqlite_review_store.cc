// The SQLite review area (see store/review_store.h).
#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

class SqliteReviewStore final : public ReviewStore {
 public:
  explicit SqliteReviewStore(SqliteStore& store) : store_(store) {}

 private:
  [[maybe_unused]] SqliteStore& store_;
};

}  // namespace

ReviewStore& SqliteStore::review() {
  if (!review_) review_ = std::make_unique<SqliteReviewStore>(*this);
  return *review_;
}

}  // namespace bates::store::sqlite
