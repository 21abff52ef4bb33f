// The SQLite analytics area (see store/analytics_store.h).
#include "store/sqlite/sqlite_store.h"

namespace bates::store::sqlite {
namespace {

class SqliteAnalyticsStore final : public AnalyticsStore {
 public:
  explicit SqliteAnalyticsStore(SqliteStore& store) : store_(store) {}

 private:
  [[maybe_unused]] SqliteStore& store_;
};

}  // namespace

AnalyticsStore& SqliteStore::analytics() {
  if (!analytics_) analytics_ = std::make_unique<SqliteAnalyticsStore>(*this);
  return *analytics_;
}

}  // namespace bates::store::sqlite
